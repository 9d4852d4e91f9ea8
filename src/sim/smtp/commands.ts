/**
 * Parsing of SMTP command lines (RFC 5321 §4.1), lenient where IIS is lenient (reference §1.3):
 * a space after `FROM:` and missing angle brackets are accepted.
 */

export const KNOWN_VERBS = [
  'EHLO',
  'HELO',
  'MAIL',
  'RCPT',
  'DATA',
  'RSET',
  'NOOP',
  'QUIT',
  'VRFY',
  'HELP',
  'EXPN',
  'ETRN',
  'TURN',
  'BDAT',
  'STARTTLS',
  'AUTH',
] as const;
export type Verb = (typeof KNOWN_VERBS)[number];

export interface ParsedCommand {
  verb: Verb | null;
  /** The verb as typed (for logs), upper-cased. */
  rawVerb: string;
  /** Everything after the verb, including the separating space (IIS logs it as a leading `+`). */
  rest: string;
  /** Arguments after the verb and its space, trimmed. */
  arg: string;
}

const VERBS = new Set<string>(KNOWN_VERBS);

/** The verb ends at the first whitespace character (`\S*` in RFC 5321 §4.1.1 terms). */
const FIRST_SPACE = /\s/;

export function parseCommand(line: string): ParsedCommand {
  const space = line.search(FIRST_SPACE);
  const rawVerb = (space < 0 ? line : line.slice(0, space)).toUpperCase();
  const rest = space < 0 ? '' : line.slice(space);
  return {
    verb: VERBS.has(rawVerb) ? (rawVerb as Verb) : null,
    rawVerb,
    rest,
    arg: rest.trim(),
  };
}

export interface PathArgument {
  /** Mailbox without brackets; '' for the null reverse-path `<>`. */
  address: string;
  params: Record<string, string>;
}

/**
 * Parse `FROM:<a@b> SIZE=10` / `TO:<x@y>` (keyword given without the colon).
 * Returns null when the keyword or the path is malformed.
 */
const PATH_KEYWORD = { FROM: /^FROM\s*:\s*(.*)$/is, TO: /^TO\s*:\s*(.*)$/is };

export function parsePathArgument(arg: string, keyword: 'FROM' | 'TO'): PathArgument | null {
  const m = PATH_KEYWORD[keyword].exec(arg);
  if (!m) return null;
  const body = (m[1] ?? '').trim();
  let address: string;
  let paramText: string;
  if (body.startsWith('<')) {
    const close = body.indexOf('>');
    if (close < 0) return null;
    address = body.slice(1, close).trim();
    paramText = body.slice(close + 1);
  } else {
    const sp = body.search(/\s/);
    address = sp < 0 ? body : body.slice(0, sp);
    paramText = sp < 0 ? '' : body.slice(sp);
    if (address === '') return null;
  }
  if (!isValidPath(address, keyword === 'FROM')) return null;
  const params: Record<string, string> = {};
  for (const token of paramText.trim().split(/\s+/)) {
    if (!token) continue;
    const eq = token.indexOf('=');
    const key = (eq < 0 ? token : token.slice(0, eq)).toUpperCase();
    params[key] = eq < 0 ? '' : token.slice(eq + 1);
  }
  return { address, params };
}

/** Accepts `local@domain`, a bare local-part (IIS qualifies it) and, for senders, the null path. */
function isValidPath(address: string, allowNull: boolean): boolean {
  if (address === '') return allowNull;
  // Printable ASCII only: no SMTPUTF8 (RFC 6531) on IIS, and no control characters to echo back.
  if (address.length > 254 || /[^\x21-\x7e]|[<>()[\]\\,;"]/.test(address)) return false;
  const at = address.lastIndexOf('@');
  if (at < 0) return /^[^@]{1,64}$/.test(address);
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  return local.length >= 1 && local.length <= 64 && isValidDomain(domain);
}

/** The mailbox of `VRFY user` / `VRFY <user@domain>`, or null when it is not one. */
export function parseVrfyArgument(arg: string): string | null {
  const address = arg.startsWith('<') && arg.endsWith('>') ? arg.slice(1, -1) : arg;
  return isValidPath(address, false) ? address : null;
}

/** A domain name or an address literal like `[192.0.2.1]`. */
export function isValidDomain(domain: string): boolean {
  if (/^\[\d{1,3}(\.\d{1,3}){3}\]$/.test(domain)) return true;
  if (domain.length < 1 || domain.length > 255) return false;
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/.test(
    domain,
  );
}

/** `BDAT <size> [LAST]` (RFC 3030 §2); null when the arguments are malformed. */
export function parseBdatArgument(arg: string): { size: number; last: boolean } | null {
  const m = /^(\d{1,10})(?:\s+(LAST))?$/i.exec(arg);
  if (!m) return null;
  const size = Number(m[1]);
  return Number.isSafeInteger(size) ? { size, last: m[2] !== undefined } : null;
}

export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}
