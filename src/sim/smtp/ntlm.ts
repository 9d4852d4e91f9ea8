/**
 * A simulated NTLM exchange for `AUTH NTLM` ([MS-SMTPNTLM] over [MS-NLMP] messages). The message
 * layout is real: NEGOTIATE (type 1), CHALLENGE (type 2) and AUTHENTICATE (type 3) with the
 * `NTLMSSP\0` signature and little-endian (length, max length, offset) field descriptors, so a
 * learner who decodes the base64 sees genuine structure and the user and domain names.
 *
 * The cryptography is NOT simulated: there is no NTOWFv2/HMAC-MD5. By convention of this
 * simulator, a simulated client puts the UTF-16LE password into the NtChallengeResponse field and
 * the server compares it with the Windows account (docs/fidelity.md).
 */

const SIGNATURE = [0x4e, 0x54, 0x4c, 0x4d, 0x53, 0x53, 0x50, 0x00]; // "NTLMSSP\0"
/** NTLMSSP_NEGOTIATE_UNICODE | NTLM | REQUEST_TARGET | ALWAYS_SIGN | TARGET_TYPE_DOMAIN. */
const FLAGS = 0x00000001 | 0x00000004 | 0x00000200 | 0x00008000 | 0x00010000;
const UNICODE = 0x00000001;

const u16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, at: number) => (u16(b, at) | (u16(b, at + 2) << 16)) >>> 0;

function put16(b: Uint8Array, at: number, v: number): void {
  b[at] = v & 255;
  b[at + 1] = (v >> 8) & 255;
}
function put32(b: Uint8Array, at: number, v: number): void {
  put16(b, at, v & 0xffff);
  put16(b, at + 2, (v >>> 16) & 0xffff);
}

function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) put16(out, i * 2, s.charCodeAt(i));
  return out;
}
function fromUtf16le(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode(u16(b, i));
  return s;
}

/** Message type (1, 2 or 3) when the bytes carry the NTLMSSP signature, else null. */
export function ntlmMessageType(b: Uint8Array): number | null {
  if (b.length < 12 || SIGNATURE.some((v, i) => b[i] !== v)) return null;
  return u32(b, 8);
}

/** Assemble a message: fixed header of `headerLength` bytes, then payload fields in order. */
function build(
  type: number,
  headerLength: number,
  fields: { at: number; data: Uint8Array }[],
  fill: (b: Uint8Array) => void,
): Uint8Array {
  const total = headerLength + fields.reduce((n, f) => n + f.data.length, 0);
  const b = new Uint8Array(total);
  b.set(SIGNATURE, 0);
  put32(b, 8, type);
  let offset = headerLength;
  for (const f of fields) {
    put16(b, f.at, f.data.length);
    put16(b, f.at + 2, f.data.length);
    put32(b, f.at + 4, offset);
    b.set(f.data, offset);
    offset += f.data.length;
  }
  fill(b);
  return b;
}

/** NEGOTIATE_MESSAGE a client sends first (no domain or workstation supplied). */
export function buildNtlmNegotiate(): Uint8Array {
  return build(1, 32, [], (b) => put32(b, 12, FLAGS));
}

/** CHALLENGE_MESSAGE: the server's 8-byte challenge and its NetBIOS domain as target name. */
export function buildNtlmChallenge(challenge: Uint8Array, targetName: string): Uint8Array {
  return build(2, 48, [{ at: 12, data: utf16le(targetName.toUpperCase()) }], (b) => {
    put32(b, 20, FLAGS);
    b.set(challenge.subarray(0, 8), 24);
  });
}

export interface NtlmCredentials {
  domain: string;
  user: string;
  workstation: string;
  /** Simulation convention: the NtChallengeResponse carries the password (see file comment). */
  password: string;
}

/** AUTHENTICATE_MESSAGE of a simulated client. */
export function buildNtlmAuthenticate(c: NtlmCredentials): Uint8Array {
  return build(
    3,
    64,
    [
      { at: 12, data: new Uint8Array(0) }, // LmChallengeResponse
      { at: 20, data: utf16le(c.password) }, // NtChallengeResponse (simulated)
      { at: 28, data: utf16le(c.domain) },
      { at: 36, data: utf16le(c.user) },
      { at: 44, data: utf16le(c.workstation) },
      { at: 52, data: new Uint8Array(0) }, // EncryptedRandomSessionKey
    ],
    (b) => put32(b, 60, FLAGS),
  );
}

/** Read the names and the (simulated) response out of an AUTHENTICATE_MESSAGE; null if malformed. */
export function parseNtlmAuthenticate(b: Uint8Array): NtlmCredentials | null {
  if (ntlmMessageType(b) !== 3 || b.length < 64) return null;
  const unicode = (u32(b, 60) & UNICODE) !== 0;
  const field = (at: number): string | null => {
    const len = u16(b, at);
    const offset = u32(b, at + 4);
    if (offset + len > b.length) return null;
    const data = b.subarray(offset, offset + len);
    return unicode ? fromUtf16le(data) : String.fromCharCode(...data);
  };
  const password = field(20);
  const domain = field(28);
  const user = field(36);
  const workstation = field(44);
  if (password === null || domain === null || user === null || workstation === null) return null;
  return { domain, user, workstation, password };
}
