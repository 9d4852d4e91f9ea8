/** Seeded variants: `variables:` picked by a seed, filled in as `{{name}}`, validated for every value. */
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../src/sim/clock/random';
import { createScenarioWorld, evaluateObjectives, formatError } from '../../../src/sim/index';
import { runSteps } from '../../../src/sim/scenario/play';
import { fillIn, pickValues } from '../../../src/sim/scenario/variables';
import { fixtureText, loadGood, parseFixture } from './fixtures';

const CUSTOMERS = ['taro.yamada', 'hanako.suzuki', 'jiro.sato'];
const RULES = ['Block outbound SMTP', 'Baseline: deny SMTP out'];

describe('pickValues', () => {
  it('should draw one value per variable, in declaration order, from SeededRandom(seed)', () => {
    const rng = new SeededRandom(7);
    const expected = { customer: CUSTOMERS[rng.int(0, 2)], sent: rng.int(1, 3) };
    expect(pickValues({ customer: { pick: CUSTOMERS }, sent: { range: [1, 3] } }, 7)).toEqual(
      expected,
    );
  });

  it('should give the same values for the same seed', () => {
    const vars = { customer: { pick: CUSTOMERS }, sent: { range: [1, 100] as [number, number] } };
    expect(pickValues(vars, 12345)).toEqual(pickValues(vars, 12345));
  });

  it('should reach every value of a pick over a few seeds', () => {
    const seen = new Set(
      Array.from({ length: 30 }, (_, seed) => pickValues({ c: { pick: CUSTOMERS } }, seed).c),
    );
    expect([...seen].sort()).toEqual([...CUSTOMERS].sort());
  });
});

describe('fillIn', () => {
  it('should keep the type of a whole-string reference and interpolate inside text', () => {
    const out = fillIn(
      { variables: { n: { pick: [3] } }, count: '{{n}}', label: 'sent {{ n }} mails to {{who}}' },
      { n: 3, who: 'taro' },
    );
    expect(out.data).toEqual({
      variables: { n: { pick: [3] } },
      count: 3,
      label: 'sent 3 mails to taro',
    });
    expect([...out.used].sort()).toEqual(['n', 'who']);
    expect(out.problems).toEqual([]);
  });

  it('should leave keys alone and report unknown references with their path', () => {
    const out = fillIn({ '{{k}}': ['{{nope}}'] }, {});
    expect(out.data).toEqual({ '{{k}}': ['{{nope}}'] });
    expect(out.problems).toEqual([
      {
        path: ['{{k}}', 0],
        message: "unknown variable '{{nope}}' (this file declares no variables)",
      },
    ]);
  });
});

describe('a scenario with variables', () => {
  it("should fill the seed's values in everywhere, as numbers where a number is needed", () => {
    const s = loadGood('variants.yaml', 5);
    const { customer, sent, rule } = s.variant.values as {
      customer: string;
      sent: number;
      rule: string;
    };
    expect(s.variant.seed).toBe(5);
    expect(CUSTOMERS).toContain(customer);
    expect(RULES).toContain(rule);
    expect(s.traffic[0]?.rcptTo).toEqual([`${customer}@example.net`]);
    expect(s.traffic[0]?.repeat?.count).toBe(sent);
    expect(s.objectives[1]).toMatchObject({
      kind: 'delivered',
      mailbox: `${customer}@example.net`,
      atLeast: sent,
    });
    expect(s.briefing.en).toBe(`Deliver the mail to ${customer}@example.net.`);
    expect(s.resolvedWorld.hosts.WEB01?.firewall?.rules.at(-1)?.name).toBe(rule);
  });

  it('should load the same variant for the same seed', () => {
    expect(loadGood('variants.yaml', 9)).toEqual(loadGood('variants.yaml', 9));
  });

  it('should be solved by its solution for several seeds', () => {
    for (const seed of [1, 2, 5, 6, 11]) {
      const s = loadGood('variants.yaml', seed);
      const world = createScenarioWorld(s);
      expect(evaluateObjectives(s, world).every((o) => o.met)).toBe(false);
      expect(runSteps(world, s.solution)).toEqual([]);
      expect(evaluateObjectives(s, world).filter((o) => !o.met)).toEqual([]);
    }
  });

  it("should create the world with the variant's seed unless told otherwise", () => {
    const s = loadGood('variants.yaml', 6);
    const messageIds = (seed?: number) => {
      const world = createScenarioWorld(s, seed === undefined ? {} : { seed });
      return world.logFiles('WEB01').map((f) => f.content);
    };
    expect(messageIds()).toEqual(messageIds(6));
    expect(messageIds()).not.toEqual(messageIds(7));
  });

  it('should point at the value that breaks when the seed picks it', () => {
    const text = fixtureText('good/variants.yaml').replace(
      'sent: { range: [1, 3] }',
      'sent: { range: [1, 20000] }',
    );
    const result = parseFixture(text);
    expect(result.ok ? [] : result.errors.map(formatError)).toEqual([
      'fixture.yaml:13:22: variables.sent.range[1]: with sent = 20000: traffic[0].repeat.count: expected a number from 1 to 500',
    ]);
  });

  it("should say which value a variable put where the seed's own variant breaks", () => {
    const text = fixtureText('good/variants.yaml').replace(
      'sent: { range: [1, 3] }',
      'sent: { pick: [600] }',
    );
    const result = parseFixture(text);
    expect(result.ok ? [] : result.errors.map(formatError)).toEqual([
      'fixture.yaml:23:135: traffic[0].repeat.count: expected a number from 1 to 500 (with {{sent}} = 600)',
    ]);
  });

  it('should refuse a seed that is not a whole number', () => {
    const result = parseFixture(fixtureText('good/variants.yaml'), -1);
    expect(result.ok ? [] : result.errors.map(formatError)).toEqual([
      'fixture.yaml: the seed must be a whole number of at least 0',
    ]);
  });
});
