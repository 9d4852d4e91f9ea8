/**
 * AUTH (RFC 4954) as pure functions the session machine's guards and actions call: which
 * mechanism may start, what the server answers to each client line, and whether the credentials
 * match a Windows account. Mechanisms: LOGIN (Basic), NTLM and GSSAPI (Integrated), reference §3.5.
 */
import type { ReplyKey } from './dialect';
import { base64Decode, base64Encode, textOfBase64 } from './base64';
import { buildNtlmChallenge, ntlmMessageType, parseNtlmAuthenticate } from './ntlm';
import { checkCredentials } from './policy';
import type { SessionContext } from './sessionTypes';

/** RFC 4954 §4: an AUTH exchange line may be up to 12288 octets (longer than a command line). */
export const MAX_AUTH_LINE = 12288;

export type AuthStep =
  'loginUser' | 'loginPassword' | 'ntlmNegotiate' | 'ntlmAuthenticate' | 'gssapiToken';

export type AuthStart =
  | { kind: 'refuse'; key: ReplyKey }
  | {
      kind: 'prompt';
      step: AuthStep;
      key: ReplyKey;
      challenge: string;
      mechanism: 'LOGIN' | 'NTLM' | 'GSSAPI';
      pendingUser: string | null;
    };

/** What the server does with `AUTH <mechanism> [initial-response]`. */
export function authStart(ctx: SessionContext, arg: string): AuthStart {
  const refuse = (key: ReplyKey): AuthStart => ({ kind: 'refuse', key });
  if (ctx.helo === null) return refuse('needHelo');
  if (ctx.auth.user !== null) return refuse('authAlready');
  if (ctx.mailFrom !== null) return refuse('transactionInProgress');
  const [mechanism, initial, ...extra] = arg.split(/\s+/).filter((t) => t !== '');
  if (mechanism === undefined || extra.length > 0) return refuse('argumentMissing');
  const { auth } = ctx.config;
  switch (mechanism.toUpperCase()) {
    case 'LOGIN': {
      if (!auth.basic) return refuse('authUnknownMechanism');
      if (auth.basicRequiresTls && !ctx.tls.secure) return refuse('authNeedsTls');
      if (initial === undefined)
        return {
          kind: 'prompt',
          step: 'loginUser',
          key: 'authUsername',
          challenge: '',
          mechanism: 'LOGIN',
          pendingUser: null,
        };
      // RFC 4954 §4: `=` is an empty initial response.
      const user = initial === '=' ? '' : textOfBase64(initial);
      if (user === null) return refuse('authBadEncoding');
      return {
        kind: 'prompt',
        step: 'loginPassword',
        key: 'authPassword',
        challenge: '',
        mechanism: 'LOGIN',
        pendingUser: user,
      };
    }
    case 'NTLM': {
      if (!auth.integrated) return refuse('authUnknownMechanism');
      if (initial === undefined)
        return {
          kind: 'prompt',
          step: 'ntlmNegotiate',
          key: 'ntlmSupported',
          challenge: '',
          mechanism: 'NTLM',
          pendingUser: null,
        };
      const next = ntlmNegotiate(ctx, initial);
      if (next.kind === 'refuse') return next;
      return {
        kind: 'prompt',
        step: 'ntlmAuthenticate',
        key: 'authChallenge',
        challenge: next.challenge,
        mechanism: 'NTLM',
        pendingUser: null,
      };
    }
    case 'GSSAPI':
      if (!auth.integrated) return refuse('authUnknownMechanism');
      return {
        kind: 'prompt',
        step: 'gssapiToken',
        key: 'authChallenge',
        challenge: '',
        mechanism: 'GSSAPI',
        pendingUser: null,
      };
    default:
      return refuse('authUnknownMechanism');
  }
}

/** Client lines every step treats alike: too long, `*` (cancel), not base64. */
export function authLineProblem(line: string): ReplyKey | null {
  if (line.length > MAX_AUTH_LINE) return 'authLineTooLong';
  if (line === '*') return 'authCancelled';
  if (base64Decode(line) === null) return 'authBadEncoding';
  return null;
}

/** A deterministic 8-byte server challenge (the simulation has no secret randomness to protect). */
function serverChallenge(ctx: SessionContext): Uint8Array {
  let h = 0x811c9dc5;
  for (const ch of `${ctx.env.clock.now()}|${ctx.clientIp}|${ctx.config.fqdn}`)
    h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const out = new Uint8Array(8);
  for (let i = 0; i < 8; i++) {
    h = Math.imul(h ^ i, 0x01000193) >>> 0;
    out[i] = h & 255;
  }
  return out;
}

/** NEGOTIATE → CHALLENGE. A line that is not an NTLM type-1 message fails the exchange (535). */
export function ntlmNegotiate(
  ctx: SessionContext,
  line: string,
): { kind: 'refuse'; key: ReplyKey } | { kind: 'challenge'; challenge: string } {
  const bytes = base64Decode(line);
  if (bytes === null) return { kind: 'refuse', key: 'authBadEncoding' };
  if (ntlmMessageType(bytes) !== 1) return { kind: 'refuse', key: 'authFailed' };
  const target = ctx.config.auth.defaultDomain || ctx.config.computerName;
  return {
    kind: 'challenge',
    challenge: base64Encode(buildNtlmChallenge(serverChallenge(ctx), target)),
  };
}

/** AUTHENTICATE → the account name, or null (simulated check, see ntlm.ts). */
export function ntlmAccount(ctx: SessionContext, line: string): string | null {
  const bytes = base64Decode(line);
  const creds = bytes && parseNtlmAuthenticate(bytes);
  if (!creds || creds.user === '') return null;
  const domain = creds.domain || ctx.config.computerName;
  return checkCredentials(
    ctx.config.auth,
    ctx.config.computerName,
    `${domain}\\${creds.user}`,
    creds.password,
  );
}

/** AUTH LOGIN's second answer (the password) → the account name, or null. */
export function loginAccount(ctx: SessionContext, passwordLine: string): string | null {
  const password = textOfBase64(passwordLine);
  if (password === null || ctx.auth.pendingUser === null) return null;
  return checkCredentials(ctx.config.auth, ctx.config.computerName, ctx.auth.pendingUser, password);
}
