import type { Dialect } from '../dialect';
import { iisDialect } from './iis';
import { postfixDialect } from './postfix';
import { gmailDialect } from './gmail';
import { outlookDialect } from './outlook';
import { hmailserverDialect } from './hmailserver';

/** Every dialect a scenario can name for a server. */
export const dialects: Record<string, Dialect> = {
  iis: iisDialect,
  postfix: postfixDialect,
  gmail: gmailDialect,
  outlook: outlookDialect,
  hmailserver: hmailserverDialect,
};
