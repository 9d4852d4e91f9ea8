/** Octet counts without encoding (SIZE=, scenario size limit) agree with TextEncoder. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Length } from '../../../src/sim/text/utf8';

const encoded = (s: string) => new TextEncoder().encode(s).length;

describe('utf8Length', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['é', 2],
    ['日本語', 9],
    ['😀', 4],
    ['\ud83d', 3],
    ['\ud83dx', 4],
    ['\ud83dé', 5],
    ['\ude00\ud83d', 6],
  ])('should count %j as %d octets', (text, octets) => {
    expect(utf8Length(text)).toBe(octets);
  });

  it('should agree with TextEncoder for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(s) === encoded(s)),
      { numRuns: 2000 },
    );
  });
});
