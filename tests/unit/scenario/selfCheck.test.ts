/** The generated checks can fail: each is run on a scenario broken in the way it must catch. */
import { describe, expect, it } from 'vitest';
import type { LoadedScenario } from '../../../src/sim/index';
import { scenarioChecks, worldFingerprint } from '../../../src/sim/scenario/selfCheck';
import { createScenarioWorld } from '../../../src/sim/scenario/run';
import { fixtureText, loadGood, parseFixture } from './fixtures';

function load(text: string): LoadedScenario {
  const result = parseFixture(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}

/** Failures of every check, by name, for the checks that failed. */
function failures(
  s: LoadedScenario,
  reload?: (seed: number) => ReturnType<typeof parseFixture>,
): Record<string, string[]> {
  return Object.fromEntries(
    scenarioChecks(s, reload ? { reload } : {})
      .map((c) => [c.name, c.run()] as const)
      .filter(([, f]) => f.length > 0),
  );
}

const minimal = fixtureText('good/minimal.yaml');

describe('scenarioChecks', () => {
  it('should pass the good fixtures, including two other variants', () => {
    expect(failures(loadGood('minimal.yaml'))).toEqual({});
    const text = fixtureText('good/variants.yaml');
    const names = scenarioChecks(loadGood('variants.yaml'), {
      reload: (seed) => parseFixture(text, seed),
    }).map((c) => c.name);
    expect(names.filter((n) => n.startsWith('the variant'))).toEqual([
      'the variant of seed 2 validates and is solved',
      'the variant of seed 5 validates and is solved',
    ]);
    expect(failures(loadGood('variants.yaml'), (seed) => parseFixture(text, seed))).toEqual({});
  });

  it('should catch a scenario that is solved before the learner starts', () => {
    const s = load(minimal.replace(/faults:\n( {4}.*\n| {2}- .*\n)+/, 'faults: []\n'));
    expect(failures(s)).toMatchObject({
      'is unsolved at start (its faults show)': ['every objective already holds at the start'],
    });
  });

  it('should catch evidence that does not appear', () => {
    const s = load(
      minimal.replace(
        "contains: 'did not respond to a connection attempt'",
        "contains: 'no such line'",
      ),
    );
    expect(failures(s)).toEqual({
      'evidence 1 appears in the event logs of WEB01: "no such line"': [
        '"no such line" is not in the event logs of WEB01 (en)',
        '"no such line" is not in the event logs of WEB01 (ja)',
      ],
    });
  });

  it('should check evidence in each language with its own text', () => {
    const s = load(
      minimal.replace(
        "contains: 'did not respond to a connection attempt'",
        "contains: { ja: 'メッセージ', en: 'did not respond to a connection attempt' }",
      ),
    );
    expect(failures(s)).toEqual({
      'evidence 1 appears in the event logs of WEB01: "did not respond to a connection attempt"': [
        '"メッセージ" is not in the event logs of WEB01 (ja)',
      ],
    });
  });

  it('should catch a solution that does not solve it, and steps the world refuses', () => {
    const s = load(
      minimal.replace(
        '  - { advance: 4h }\nunsafeFixes',
        '  - { host: WEB01, config: { outboundPort: 0 } }\nunsafeFixes',
      ),
    );
    expect(failures(s)).toEqual({
      'the canonical solution solves it': [
        'the world refused step 2: outboundPort: expected a port from 1 to 65535',
        "objective 'queue-drained' is not met after the solution",
      ],
    });
  });

  it('should catch an "unsafe" fix that breaks no safety objective', () => {
    const s = load(
      minimal.replace(
        "console: 'netsh advfirewall set allprofiles state off' }",
        "console: 'hostname' }",
      ),
    );
    expect(failures(s)).toEqual({
      'unsafe fix 1 breaks a safety objective': ['every safety objective still holds after it'],
    });
  });

  it('should fingerprint the logs, events, mailboxes, queues and consoles of every host', () => {
    const world = createScenarioWorld(loadGood('minimal.yaml'));
    const print = worldFingerprint(world);
    expect(Object.keys(print)).toEqual([
      'now',
      'logs',
      'events',
      'mailboxes',
      'queues',
      'consoles',
    ]);
    expect(Object.keys(print.logs as object)).toEqual(['WEB01', 'APP01', 'DC01', 'MX1', 'WWW']);
    world.send({ type: 'console.line', host: 'APP01', line: 'hostname' });
    expect(worldFingerprint(world)).not.toEqual(print);
  });
});
