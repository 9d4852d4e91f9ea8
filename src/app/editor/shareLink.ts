/**
 * A scenario shared by link: its YAML, UTF-8, compressed with deflate-raw (the browser's own
 * CompressionStream, RFC 1951) and written in base64url (RFC 4648 §5, no padding), so that it fits
 * in one path segment of the hash: `#/editor/s/<data>` (src/app/routes.ts). The text stays in the
 * hash and never reaches a server.
 *
 * A link is untrusted input: decoding never throws, refuses anything that would unpack to more than
 * MAX_SCENARIO_BYTES (a small "zip bomb" link is stopped as it inflates, not after), and returns
 * plain text that the editor then validates like any file. A later format would use another path
 * segment (`#/editor/s2/…`), so old links keep working.
 */
import { MAX_SCENARIO_BYTES } from './limits';

export type ShareDecodeResult =
  { ok: true; text: string } | { ok: false; reason: ShareLinkProblem };

/** `too-large`: over MAX_SCENARIO_BYTES once unpacked; `damaged`: not base64url, not deflate or not UTF-8 (often a link cut short when copied). */
export type ShareLinkProblem = 'too-large' | 'damaged';

export type ShareEncodeResult = { ok: true; data: string } | { ok: false; reason: 'too-large' };

/** Deflate never grows data by more than a few bytes per 16 KiB block; base64 adds a third. */
const MAX_DATA_CHARS = Math.ceil(((MAX_SCENARIO_BYTES + 4096) * 4) / 3);
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** The link data of a scenario text; refuses texts over MAX_SCENARIO_BYTES (the loader would refuse them too). */
export async function encodeShare(text: string): Promise<ShareEncodeResult> {
  const bytes = new TextEncoder().encode(text);
  if (bytes.byteLength > MAX_SCENARIO_BYTES) return { ok: false, reason: 'too-large' };
  const packed = await transform(bytes, new CompressionStream('deflate-raw'), Infinity);
  if (packed === 'too-large') return { ok: false, reason: 'too-large' };
  return { ok: true, data: toBase64Url(packed) };
}

/** The scenario text of link data; never throws. */
export async function decodeShare(data: string): Promise<ShareDecodeResult> {
  if (data.length > MAX_DATA_CHARS) return { ok: false, reason: 'too-large' };
  const packed = fromBase64Url(data);
  if (!packed || packed.byteLength === 0) return { ok: false, reason: 'damaged' };
  let bytes: Uint8Array | 'too-large';
  try {
    bytes = await transform(packed, new DecompressionStream('deflate-raw'), MAX_SCENARIO_BYTES);
  } catch {
    return { ok: false, reason: 'damaged' };
  }
  if (bytes === 'too-large') return { ok: false, reason: 'too-large' };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'damaged' };
  }
}

/** Runs bytes through a (de)compression stream, stopping as soon as the output passes `limit`. */
async function transform(
  input: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit: number,
): Promise<Uint8Array | 'too-large'> {
  const reader = new Blob([input as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(stream)
    .getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return 'too-large';
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes arguments: go in slices well under the engines' argument limits.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** null when `text` is not base64url (or has an impossible length). */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  let binary: string;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch {
    return null;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
