import { describe, expect, it } from 'vitest';
import {
  decodeShare,
  encodeShare,
  fromBase64Url,
  toBase64Url,
} from '../../../../src/app/editor/shareLink';
import { templateText } from '../../../../src/app/editor/sources';
import { MAX_SCENARIO_BYTES } from '../../../../src/sim';

/** Raw deflate of arbitrary bytes, as a hostile link would carry them. */
async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function roundTrip(text: string): Promise<string> {
  const encoded = await encodeShare(text);
  if (!encoded.ok) throw new Error(encoded.reason);
  expect(encoded.data).toMatch(/^[A-Za-z0-9_-]+$/);
  const decoded = await decodeShare(encoded.data);
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.text;
}

describe('share link codec', () => {
  it('should round-trip scenario texts exactly, in a form that fits a hash segment', async () => {
    for (const text of [
      templateText('en'),
      templateText('ja'),
      'title: { ja: 注文メール 📨, en: "quotes \' and \\" and <script>alert(1)</script>" }\r\n',
      '',
    ])
      expect(await roundTrip(text)).toBe(text);
  });

  it('should compress a scenario well', async () => {
    const text = templateText('ja');
    const encoded = await encodeShare(text);
    expect(encoded.ok && encoded.data.length).toBeLessThan(new TextEncoder().encode(text).length);
  });

  it('should round-trip a text of exactly the maximum size, and refuse one byte more', async () => {
    const biggest = 'a'.repeat(MAX_SCENARIO_BYTES);
    expect(await roundTrip(biggest)).toBe(biggest);
    expect(await encodeShare(`${biggest}b`)).toEqual({ ok: false, reason: 'too-large' });
    // Bytes, not characters: 'あ' is three bytes of UTF-8.
    expect(await encodeShare('あ'.repeat(MAX_SCENARIO_BYTES / 3 + 1))).toEqual({
      ok: false,
      reason: 'too-large',
    });
  });

  it('should stop a small link that unpacks to more than the maximum (a zip bomb)', async () => {
    const bomb = await deflate(new Uint8Array(64 * MAX_SCENARIO_BYTES).fill(0x61));
    const data = toBase64Url(bomb);
    expect(data.length).toBeLessThan(50_000);
    expect(await decodeShare(data)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('should refuse link data far longer than any scenario could need', async () => {
    expect(await decodeShare('A'.repeat(2 * MAX_SCENARIO_BYTES))).toEqual({
      ok: false,
      reason: 'too-large',
    });
  });

  it('should report garbage as a damaged link, never throw', async () => {
    const valid = await encodeShare(templateText('en'));
    if (!valid.ok) throw new Error('encode failed');
    const notUtf8 = toBase64Url(await deflate(new Uint8Array([0x66, 0xff, 0xfe, 0x80])));
    for (const data of [
      '',
      '!!!not base64!!!',
      'abc=',
      'A',
      '%E0%A4%A',
      '<script>alert(1)</script>',
      toBase64Url(new TextEncoder().encode('plain text, not deflate')),
      valid.data.slice(0, Math.floor(valid.data.length / 2)), // cut off when copied
      notUtf8,
    ])
      expect(await decodeShare(data), data.slice(0, 40)).toEqual({
        ok: false,
        reason: 'damaged',
      });
  });

  it('should convert base64url both ways', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x00, 0x3e]);
    expect(toBase64Url(bytes)).toBe('-_-_AD4');
    expect(fromBase64Url('-_-_AD4')).toEqual(bytes);
    expect(fromBase64Url('a+b/')).toBeNull();
  });
});
