/**
 * A dialect is a server's "personality": banner, EHLO keyword list and every reply text.
 * Handlers name a reply key; the text always comes from here (reference §3.4, §9).
 */

/** Every reply the session engine can send. */
export type ReplyKey =
  | 'greeting'
  | 'ehloHello'
  | 'ehloLast'
  | 'heloOk'
  | 'mailOk'
  | 'rcptOk'
  | 'relayDenied'
  | 'unknownUser'
  | 'dataGo'
  | 'queued'
  | 'quit'
  | 'noop'
  | 'rset'
  | 'vrfy'
  | 'help'
  | 'unknownCommand'
  | 'lineTooLong'
  | 'needHelo'
  | 'needMail'
  | 'needRcpt'
  | 'senderAlreadySpecified'
  | 'invalidAddress'
  | 'invalidDomain'
  | 'argumentMissing'
  | 'noArgumentsAllowed'
  | 'tooBigAtMail'
  | 'tooBig'
  | 'tooManyRecipients'
  | 'idleTimeout'
  // Other verbs (RFC 5321 §3.5, RFC 1985, RFC 821 TURN)
  | 'expn'
  | 'etrnStarted'
  | 'etrnSyntax'
  | 'turn'
  | 'transactionInProgress'
  // CHUNKING (RFC 3030)
  | 'bdatChunkOk'
  | 'bdatSyntax'
  | 'bdatInProgress'
  // STARTTLS (RFC 3207)
  | 'startTlsReady'
  | 'startTlsUnavailable'
  | 'startTlsAlreadyActive'
  | 'tlsRequired'
  // AUTH (RFC 4954, [MS-SMTPNTLM])
  | 'authRequired'
  | 'authUsername'
  | 'authPassword'
  | 'authChallenge'
  | 'ntlmSupported'
  | 'authOk'
  | 'authFailed'
  | 'authCancelled'
  | 'authAlready'
  | 'authUnknownMechanism'
  | 'authBadEncoding'
  | 'authLineTooLong'
  | 'authNeedsTls'
  // Admission: refusals at connect time and the session size limit
  | 'serviceUnavailable'
  | 'tooManyConnections'
  | 'connectionDenied'
  | 'sessionTooBig';

/**
 * A reply template: the code, then the text lines. `{name}` placeholders are filled from the
 * session (fqdn, address, clientIp, date, version, queueId, maxSize…).
 */
export interface ReplyTemplate {
  code: number;
  lines: string[];
}

/** An EHLO keyword, shown only when its capability flag holds (`!flag` = when it does not). */
export interface EhloKeyword {
  text: string;
  when?: string;
}

export interface Dialect {
  id: string;
  /** Product name used in docs and the console, e.g. "Microsoft SMTPSVC". */
  product: string;
  replies: Record<ReplyKey, ReplyTemplate>;
  ehloKeywords: EhloKeyword[];
  /** How the id in the final 250 reply is built. */
  queueIdStyle: 'iis' | 'postfix' | 'gmail' | 'outlook';
  /** Received: header this server prepends to accepted messages (folded lines joined by CRLF). */
  receivedHeader: string;
  /** The same when the message came over a channel secured with STARTTLS. */
  receivedHeaderTls: string;
  /**
   * What a client refused by connection control sees: `close` = the TCP connection is accepted and
   * closed without a word; `reply` = the `connectionDenied` reply, then close.
   */
  connectionDenial: 'close' | 'reply';
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A template split at its placeholders: literal text at even indices, placeholder names at odd
 * ones. Every reply is rendered from these, so each distinct template string is parsed once.
 */
const compiled = new Map<string, string[]>();

function partsOf(template: string): string[] {
  let parts = compiled.get(template);
  if (parts === undefined) {
    parts = [];
    let last = 0;
    for (const m of template.matchAll(PLACEHOLDER)) {
      parts.push(template.slice(last, m.index), m[1] as string);
      last = m.index + m[0].length;
    }
    parts.push(template.slice(last));
    // Templates are data (dialects, receiver policies): a few hundred. The cap is a safety net.
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(template, parts);
  }
  return parts;
}

type Values = Record<string, string | number>;

/**
 * Fill `{name}` placeholders from `values`, or first from `extra` (values for this reply only: two
 * sources instead of a merged copy per reply). Unknown names stay visible so a missing value is
 * noticed in tests.
 */
export function fill(template: string, values: Values, extra?: Values): string {
  const parts = partsOf(template);
  if (parts.length === 1) return template;
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    const value =
      extra !== undefined && name in extra
        ? extra[name]
        : name in values
          ? values[name]
          : `{${name}}`;
    out += String(value) + (parts[i + 1] as string);
  }
  return out;
}

/** Render a reply as wire lines: `250-…` for all but the last line, `250 …` for the last. */
export function renderReply(template: ReplyTemplate, values: Values, extra?: Values): string[] {
  const last = template.lines.length - 1;
  return template.lines.map(
    (line, i) => `${template.code}${i === last ? ' ' : '-'}${fill(line, values, extra)}`,
  );
}

/** Lines of an EHLO reply: hello line, the enabled keywords, then the closing line. */
export function renderEhlo(
  dialect: Dialect,
  capabilities: Record<string, boolean>,
  values: Values,
  extra?: Values,
): string[] {
  const hello = dialect.replies.ehloHello;
  const keywords = dialect.ehloKeywords
    .filter((k) => {
      if (!k.when) return true;
      return k.when.startsWith('!') ? !capabilities[k.when.slice(1)] : !!capabilities[k.when];
    })
    .map((k) => fill(k.text, values, extra));
  const closing = dialect.replies.ehloLast.lines.map((l) => fill(l, values, extra));
  const lines = [...hello.lines.map((l) => fill(l, values, extra)), ...keywords, ...closing];
  const last = lines.length - 1;
  return lines.map((l, i) => `250${i === last ? ' ' : '-'}${l}`);
}
