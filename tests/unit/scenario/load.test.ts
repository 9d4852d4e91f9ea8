/** The loader on good and hostile input: it never throws, refuses resource attacks quickly, and keeps text as text. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatError, MAX_SCENARIO_BYTES } from '../../../src/sim/index';
import { deepMerge } from '../../../src/sim/scenario/run';
import { fixtureText, loadGood, parseFixture } from './fixtures';

const minimal = fixtureText('good/minimal.yaml');

function errorsOf(text: string): string[] {
  const result = parseFixture(text);
  return result.ok ? [] : result.errors.map(formatError);
}

function timed<T>(f: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = f();
  return { value, ms: performance.now() - start };
}

describe('parseScenario on a good file', () => {
  it('should resolve the base world, apply the faults and record the variant', () => {
    const s = loadGood('minimal.yaml');
    expect(s.id).toBe('fixture-minimal');
    expect(s.variant).toEqual({ seed: 1, values: {} });
    expect(s.resolvedWorld.hosts.WEB01?.firewall?.rules.at(-1)).toMatchObject({
      name: 'Block outbound SMTP',
      direction: 'out',
      action: 'block',
      remotePort: '25',
    });
    expect(s.unsafeFixes).toHaveLength(1);
  });

  it('should keep script tags in texts as plain text (the app sanitises when it renders)', () => {
    const text = minimal.replace(
      'en: Empty the queue. }',
      `en: '<script>alert(1)</script><img src=x onerror=alert(2)>' }`,
    );
    const result = parseFixture(text);
    expect(result.ok && result.scenario.briefing.en).toBe(
      '<script>alert(1)</script><img src=x onerror=alert(2)>',
    );
  });

  it('should format an error as file:line:col path: message', () => {
    expect(errorsOf(minimal.replace('level: 1', 'level: 9'))).toEqual([
      'fixture.yaml:5:8: level: expected a number from 1 to 3',
    ]);
  });
});

describe('parseScenario on hostile input', () => {
  it('should refuse a file over 256 KiB before parsing it', () => {
    const text = `# ${'x'.repeat(MAX_SCENARIO_BYTES - 2)}\n`;
    expect(text.length).toBe(MAX_SCENARIO_BYTES + 1);
    expect(errorsOf(text)).toEqual([
      'fixture.yaml: file is too large (262,145 bytes; at most 262,144)',
    ]);
    // One byte less is read (and found to hold nothing but a comment).
    expect(errorsOf(text.slice(0, 2) + text.slice(3))).toEqual([
      'fixture.yaml: the file is empty (only comments)',
    ]);
  });

  it('should count UTF-8 bytes, not characters', () => {
    const text = `# ${'日'.repeat(90_000)}\n`;
    expect(errorsOf(text)).toEqual([
      'fixture.yaml: file is too large (270,003 bytes; at most 262,144)',
    ]);
  });

  it('should refuse a billion-laughs alias bomb quickly', () => {
    const lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
    for (let i = 1; i < 12; i++) {
      const [prev, cur] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      lines.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const { value, ms } = timed(() => errorsOf(lines.join('\n')));
    expect(value).toEqual([
      'fixture.yaml: too many values (more than 20,000, counting each alias as a copy); a scenario is far smaller',
    ]);
    expect(ms).toBeLessThan(3000);
  });

  it('should refuse 10,000 levels of nesting quickly', () => {
    const { value, ms } = timed(() =>
      errorsOf(`topics: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`),
    );
    expect(value).toHaveLength(1);
    expect(value[0]).toMatch(/^fixture\.yaml:1:\d+: nested too deeply \(more than 32 levels\)$/);
    expect(ms).toBeLessThan(3000);
  });

  it('should refuse a list of 60,000 items before building it', () => {
    const { value, ms } = timed(() =>
      errorsOf(`traffic: [${Array(60_000).fill('1').join(',')}]\n`),
    );
    expect(value).toEqual([
      'fixture.yaml: too many items (more than 40,000 YAML tokens); a scenario is far smaller',
    ]);
    expect(ms).toBeLessThan(3000);
  });

  it('should find a duplicate among 6,000 keys quickly (duplicate keys are found in linear time)', () => {
    const keys = Array.from({ length: 6_000 }, (_, i) => `k${i}: 1`).join('\n');
    const { value, ms } = timed(() => errorsOf(`${keys}\nk5999: 2\n`));
    expect(value).toEqual(["fixture.yaml:6001:1: k5999: duplicate key 'k5999'"]);
    expect(ms).toBeLessThan(3000);
  });

  it('should cut a long list of errors after 50', () => {
    const text = `${minimal}\n${Array.from({ length: 120 }, (_, i) => `extra${i}: 1`).join('\n')}\n`;
    const errors = errorsOf(text);
    expect(errors).toHaveLength(51);
    expect(errors[50]).toBe('fixture.yaml: … and 70 more errors');
  });

  it('should not let a __proto__ key reach any prototype', () => {
    const text = minimal.replace('  base: lab\n', '  base: lab\n  __proto__: { polluted: true }\n');
    expect(errorsOf(text)).toEqual([
      "fixture.yaml:13:3: world.__proto__: unknown key '__proto__'; expected one of: base, changes",
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const merged = deepMerge(
      { a: 1 },
      JSON.parse('{"__proto__": {"polluted": true}, "b": 2}'),
    ) as Record<string, unknown>;
    expect(merged).toEqual({ a: 1, b: 2 });
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });

  it('should never throw, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.nat(minimal.length),
        fc.nat(minimal.length),
        (noise, a, b) => {
          for (const text of [noise, minimal.slice(0, a) + noise + minimal.slice(b)]) {
            const result = parseFixture(text);
            expect(typeof result.ok).toBe('boolean');
            if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 50, seed: 4242 },
    );
  });

  it('should refuse input that is not text', () => {
    expect(parseFixture(42 as unknown as string)).toEqual({
      ok: false,
      errors: [{ file: 'fixture.yaml', path: '', message: 'expected text' }],
    });
  });
});
