import type { Dialect } from '../dialect';
import { iisDialect } from './iis';
import { postfixDialect } from './postfix';

/** Every dialect a scenario can name for a server. */
export const dialects: Record<string, Dialect> = {
  iis: iisDialect,
  postfix: postfixDialect,
};
