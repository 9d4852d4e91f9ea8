/**
 * UTF-8 for the simulation: octet counts (SIZE=, size limits) and the bytes of AUTH exchanges.
 * Plain TextEncoder/TextDecoder, which Node and browsers both have.
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

export const utf8Bytes = (s: string): Uint8Array => encoder.encode(s);
export const utf8Text = (b: Uint8Array): string => decoder.decode(b);

/**
 * Octets of `s` in UTF-8, counted without encoding it (message texts are counted on every
 * delivery). A lone surrogate counts 3, as TextEncoder writes it (U+FFFD).
 */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    // A surrogate pair is 2 UTF-16 units and 4 octets; any other unit above U+07FF is 3 octets.
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 2;
      i++;
    } else n += 2;
  }
  return n;
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
