import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runTranscript, type TranscriptCase } from './transcriptHarness';

const dir = join(import.meta.dirname, 'transcripts');

for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
  const cases = parse(readFileSync(join(dir, file), 'utf8')) as TranscriptCase[];
  describe(`transcripts/${file}`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const { expected, actual, closedBy } = runTranscript(c);
        expect(actual).toEqual(expected);
        if (c.closed) expect(closedBy).toBe(c.closed);
      });
    }
  });
}
