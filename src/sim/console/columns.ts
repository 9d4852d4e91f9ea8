/**
 * Console columns. A Windows console on a Japanese system draws East Asian Wide and Fullwidth
 * characters (kanji, kana, fullwidth forms) two columns wide, so text is aligned by display width,
 * never by `String.length`. Every console command that pads or cuts a column goes through here.
 *
 * Ambiguous-width characters (Greek, Cyrillic, `※`, `→`) are counted as one column: the texts the
 * simulator prints do not use them in aligned columns.
 */

/** East Asian Wide (W) and Fullwidth (F) ranges of Unicode's EastAsianWidth.txt, by code point. */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo leading consonants
  [0x231a, 0x231b], // watch, hourglass
  [0x2329, 0x232a], // angle brackets
  [0x2e80, 0x303e], // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
  [0x3041, 0x33ff], // hiragana, katakana, bopomofo, Hangul compatibility, kanbun, CJK compatibility
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f], // Hangul Jamo Extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // fullwidth ASCII variants and brackets
  [0xffe0, 0xffe6], // fullwidth signs
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f900, 0x1f9ff], // supplemental symbols and pictographs
  [0x20000, 0x3fffd], // CJK Extensions B and beyond
];

/** Is this character drawn two columns wide? */
export function isWide(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x1100) return false;
  return WIDE.some(([lo, hi]) => cp >= lo && cp <= hi);
}

/** How many console columns `text` takes. */
export function displayWidth(text: string): number {
  let n = 0;
  for (const ch of text) n += isWide(ch) ? 2 : 1;
  return n;
}

/** `text` followed by `fill` up to `width` columns (unchanged when it is already that wide). */
export function padEndCols(text: string, width: number, fill = ' '): string {
  return text + fill.repeat(Math.max(0, width - displayWidth(text)));
}

/** `text` right-aligned in `width` columns. */
export function padStartCols(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/**
 * The first line of `text` cut to `width` columns, ending in `...` when cut, as PowerShell's table
 * formatter does. A wide character that would straddle the limit is left out.
 */
export function cutCols(text: string, width: number): string {
  const first = text.split(/\r?\n/)[0] ?? '';
  if (displayWidth(first) <= width) return first;
  let out = '';
  let n = 0;
  for (const ch of first) {
    const w = isWide(ch) ? 2 : 1;
    if (n + w > width - 3) break;
    out += ch;
    n += w;
  }
  return `${out}...`;
}

/**
 * ipconfig's label with its dot leader: `   IPv4 Address. . . . . . . . . . . : ` (en) and
 * `   IPv4 アドレス . . . . . . . . . . . .: ` (ja). The label starts in column 4; dots stand in
 * the even columns (counting from 1) after it, up to `lastDot`, so the colons of every line line up
 * whatever the label's width. English ends the leader with ` : ` (last dot in column 36), Japanese
 * with `: ` right after the last dot (column 40); both are what the two language versions print.
 */
export function dotLeader(label: string, locale: 'en' | 'ja'): string {
  const lastDot = locale === 'ja' ? 40 : 36;
  let line = `   ${label}`;
  for (let col = displayWidth(line) + 1; col <= lastDot; col++) line += col % 2 === 0 ? '.' : ' ';
  return locale === 'ja' ? `${line}: ` : `${line} : `;
}
