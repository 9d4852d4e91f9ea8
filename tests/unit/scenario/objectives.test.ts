/** Each objective kind is a predicate on the live world: checked before and after a change that flips it. */
import { describe, expect, it } from 'vitest';
import {
  createScenarioWorld,
  evaluateObjectives,
  type LoadedScenario,
  type World,
} from '../../../src/sim/index';
import { objectiveSchema } from '../../../src/sim/scenario/schema';
import { runSteps, stepAction } from '../../../src/sim/scenario/play';
import { BADMAIL_DIR } from '../../../src/sim/world/iisServer';
import { fixtureText, parseFixture } from './fixtures';

const label = { ja: '目標', en: 'Objective' };

/** The minimal scenario plus one message to a local address (it lands in WEB01's Drop folder). */
function scenario(): LoadedScenario {
  const text = fixtureText('good/minimal.yaml').replace(
    'traffic:\n',
    "traffic:\n  - { at: -2h, from: APP01, to: WEB01, mailFrom: shop@contoso.com, rcptTo: [postmaster@web01.contoso.com], subject: 'Daily report' }\n",
  );
  const result = parseFixture(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scenario;
}

/** Is this objective (given without id and label) met in the world? */
function met(s: LoadedScenario, world: World, objective: Record<string, unknown>): boolean {
  const o = objectiveSchema.parse({ id: 'x', label, ...objective });
  return evaluateObjectives({ ...s, objectives: [o] }, world)[0]?.met as boolean;
}

function send(world: World, line: string) {
  expect(world.send({ type: 'console.line', host: 'WEB01', line }).ok).toBe(true);
}

describe('objectives', () => {
  const s = scenario();

  it('queue-empty: unmet while mail waits, met once the solution delivers it', () => {
    const world = createScenarioWorld(s);
    expect(met(s, world, { kind: 'queue-empty', host: 'WEB01' })).toBe(false);
    expect(runSteps(world, s.solution)).toEqual([]);
    expect(met(s, world, { kind: 'queue-empty', host: 'WEB01' })).toBe(true);
  });

  it('delivered / not-delivered: a remote mailbox, with sender and subject filters', () => {
    const world = createScenarioWorld(s);
    const taro = { mailbox: 'taro.yamada@example.net' };
    expect(met(s, world, { kind: 'delivered', ...taro })).toBe(false);
    expect(met(s, world, { kind: 'not-delivered', ...taro })).toBe(true);
    runSteps(world, s.solution);
    expect(met(s, world, { kind: 'delivered', ...taro })).toBe(true);
    expect(met(s, world, { kind: 'delivered', ...taro, atLeast: 2 })).toBe(false);
    expect(
      met(s, world, { kind: 'delivered', ...taro, from: 'shop@contoso.com', subject: 'Test' }),
    ).toBe(true);
    expect(met(s, world, { kind: 'delivered', ...taro, from: 'spam@example.org' })).toBe(false);
    expect(met(s, world, { kind: 'delivered', ...taro, subject: 'Invoice' })).toBe(false);
    expect(met(s, world, { kind: 'not-delivered', ...taro })).toBe(false);
    expect(met(s, world, { kind: 'not-delivered', ...taro, from: 'spam@example.org' })).toBe(true);
  });

  it('delivered / not-delivered with drop: the Drop folder of an IIS host', () => {
    const world = createScenarioWorld(s);
    const postmaster = { mailbox: 'postmaster@web01.contoso.com' };
    expect(
      met(s, world, { kind: 'delivered', ...postmaster, drop: 'WEB01', subject: 'Daily report' }),
    ).toBe(true);
    expect(met(s, world, { kind: 'not-delivered', ...postmaster, drop: 'WEB01' })).toBe(false);
    expect(met(s, world, { kind: 'delivered', ...postmaster })).toBe(false);
    expect(
      met(s, world, { kind: 'delivered', mailbox: 'someone@web01.contoso.com', drop: 'WEB01' }),
    ).toBe(false);
  });

  it('badmail-empty: unmet once a file is in Badmail', () => {
    const world = createScenarioWorld(s);
    expect(met(s, world, { kind: 'badmail-empty', host: 'WEB01' })).toBe(true);
    world.internals.ctx.hosts
      .get('WEB01')
      ?.fs.writeFile(`${BADMAIL_DIR}\\NTFS_1.BAD`, 'x', world.snapshot().now);
    expect(met(s, world, { kind: 'badmail-empty', host: 'WEB01' })).toBe(false);
  });

  it('firewall-enabled: unmet after the firewall is turned off', () => {
    const world = createScenarioWorld(s);
    expect(met(s, world, { kind: 'firewall-enabled', host: 'WEB01' })).toBe(true);
    send(world, 'netsh advfirewall set allprofiles state off');
    expect(met(s, world, { kind: 'firewall-enabled', host: 'WEB01' })).toBe(false);
  });

  it('no-open-relay: unmet when everyone may relay', () => {
    const world = createScenarioWorld(s);
    expect(met(s, world, { kind: 'no-open-relay', host: 'WEB01' })).toBe(true);
    expect(
      world.send(
        stepAction({ config: { 'relay.mode': 'allExceptList', 'relay.list': [] }, host: 'WEB01' }),
      ).ok,
    ).toBe(true);
    expect(met(s, world, { kind: 'no-open-relay', host: 'WEB01' })).toBe(false);
  });

  it('service-running: unmet after the service is stopped', () => {
    const world = createScenarioWorld(s);
    expect(met(s, world, { kind: 'service-running', host: 'WEB01', service: 'smtpsvc' })).toBe(
      true,
    );
    send(world, 'Stop-Service SMTPSVC');
    expect(met(s, world, { kind: 'service-running', host: 'WEB01', service: 'SMTPSVC' })).toBe(
      false,
    );
  });

  it('service-start-type: follows Set-Service, whatever the service is called', () => {
    const world = createScenarioWorld(s);
    const automatic = {
      kind: 'service-start-type',
      host: 'WEB01',
      service: 'smtpsvc',
      equals: 'Automatic',
    };
    expect(met(s, world, automatic)).toBe(true);
    expect(met(s, world, { ...automatic, equals: 'Manual' })).toBe(false);
    send(world, 'Set-Service SMTPSVC -StartupType Manual');
    expect(met(s, world, automatic)).toBe(false);
    expect(met(s, world, { ...automatic, equals: 'Manual' })).toBe(true);
    expect(met(s, world, { ...automatic, service: 'W3SVC' })).toBe(true);
  });

  it('setting with atLeast / atMost: a number in range; a limit switched off is never in range', () => {
    const world = createScenarioWorld(s);
    const limit = { kind: 'setting', host: 'WEB01', setting: 'maxMessageKb' };
    expect(met(s, world, { ...limit, atMost: 25600 })).toBe(true);
    expect(met(s, world, { ...limit, atLeast: 4096 })).toBe(false);
    expect(met(s, world, { ...limit, atLeast: 2048, atMost: 2048 })).toBe(true);
    expect(runSteps(world, [{ config: { maxMessageKb: null }, host: 'WEB01' }])).toEqual([]);
    expect(met(s, world, { ...limit, atMost: 25600 })).toBe(false);
    expect(met(s, world, { ...limit, atLeast: 1 })).toBe(false);
  });

  it('logging-enabled and setting: follow config changes', () => {
    const world = createScenarioWorld(s);
    expect(met(s, world, { kind: 'logging-enabled', host: 'WEB01' })).toBe(true);
    expect(
      met(s, world, {
        kind: 'setting',
        host: 'WEB01',
        setting: 'fqdn',
        equals: 'web01.contoso.com',
      }),
    ).toBe(true);
    expect(
      met(s, world, {
        kind: 'setting',
        host: 'WEB01',
        setting: 'relay.list',
        equals: ['10.0.0.20'],
      }),
    ).toBe(true);
    expect(
      runSteps(world, [
        { config: { 'logging.enabled': false, fqdn: 'mail.contoso.com' }, host: 'WEB01' },
      ]),
    ).toEqual([]);
    expect(met(s, world, { kind: 'logging-enabled', host: 'WEB01' })).toBe(false);
    expect(
      met(s, world, {
        kind: 'setting',
        host: 'WEB01',
        setting: 'fqdn',
        equals: 'web01.contoso.com',
      }),
    ).toBe(false);
    expect(
      met(s, world, {
        kind: 'setting',
        host: 'WEB01',
        setting: 'fqdn',
        notEquals: 'web01.contoso.com',
      }),
    ).toBe(true);
  });

  it('should report the world refusing a config step', () => {
    const world = createScenarioWorld(s);
    expect(runSteps(world, [{ config: { outboundPort: 0 }, host: 'WEB01' }])).toEqual([
      'step 1: outboundPort: expected a port from 1 to 65535',
    ]);
  });

  it('should default safety to true only for the kinds that guard against unsafe fixes', () => {
    const safety = (kind: string, extra: Record<string, unknown> = {}) =>
      objectiveSchema.parse({ id: 'x', label, kind, ...extra }).safety;
    expect(safety('firewall-enabled', { host: 'WEB01' })).toBe(true);
    expect(safety('no-open-relay', { host: 'WEB01' })).toBe(true);
    expect(safety('not-delivered', { mailbox: 'a@example.net' })).toBe(true);
    expect(safety('queue-empty', { host: 'WEB01' })).toBe(false);
    expect(safety('delivered', { mailbox: 'a@example.net' })).toBe(false);
    expect(safety('queue-empty', { host: 'WEB01', safety: true })).toBe(true);
  });
});
