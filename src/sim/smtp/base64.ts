/**
 * Base64 (RFC 4648 §4) for SMTP AUTH exchanges (RFC 4954 §4): pure TypeScript so the simulation
 * needs neither Node's Buffer nor the browser's atob.
 */

import { utf8Bytes, utf8Text } from '../text/utf8';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] as number;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(n >> 18) & 63] as string;
    out += ALPHABET[(n >> 12) & 63] as string;
    out += b === undefined ? '=' : (ALPHABET[(n >> 6) & 63] as string);
    out += c === undefined ? '=' : (ALPHABET[n & 63] as string);
  }
  return out;
}

/** Strict decoding: length a multiple of 4, padding only at the end; null when malformed. */
export function base64Decode(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const ch = text[i + j] as string;
      const last = i + 4 === text.length;
      if (ch === '=' && last && j >= 4 - pad) {
        n <<= 6;
        continue;
      }
      const v = INDEX.get(ch);
      if (v === undefined) return null;
      n = (n << 6) | v;
    }
    for (let k = 0; k < 3 && o < out.length; k++) out[o++] = (n >> (16 - 8 * k)) & 255;
  }
  return out;
}

/** `Username:` → `VXNlcm5hbWU6`. */
export const base64OfText = (s: string): string => base64Encode(utf8Bytes(s));
/** Decoded UTF-8 text of a base64 line, or null when it is not base64. */
export function textOfBase64(line: string): string | null {
  const bytes = base64Decode(line);
  return bytes === null ? null : utf8Text(bytes);
}
