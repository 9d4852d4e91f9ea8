// @vitest-environment jsdom
import { flushSync } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type {
  ObjectiveStatus,
  Scenario,
  World,
  WorldAction,
  WorldSnapshot,
} from '../../../src/sim';

// The bridge is tested against a fake world, so it does not depend on the engine's behaviour.
vi.mock('../../../src/sim', () => ({
  createScenarioWorld: vi.fn(),
  evaluateObjectives: vi.fn(() => []),
}));
const { WorldSession } = await import('../../../src/app/world.svelte');

function fakeWorld() {
  let snapshot = {
    now: 0,
    nextEventAt: null,
    locale: 'en',
    version: 0,
    hosts: [{ name: 'WEB01', role: 'iis' }],
    queues: { WEB01: [] },
    mailboxes: {},
    events: {},
    consoles: {},
  } as unknown as WorldSnapshot;
  const listeners = new Set<() => void>();
  const sent: WorldAction[] = [];
  const world = {
    send(action: WorldAction) {
      sent.push(action);
      if (action.type === 'clock.advance') {
        snapshot = { ...snapshot, now: snapshot.now + action.ms, version: snapshot.version + 1 };
        listeners.forEach((fn) => fn());
      }
      if (action.type === 'console.interrupt') throw new Error('engine bug');
      return { ok: true, output: [] };
    },
    snapshot: () => snapshot,
    subscribe(fn: () => void) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    logFiles: () => [{ host: 'WEB01', path: 'ex260305.log', content: '#Fields: date' }],
  } as unknown as World;
  return { world, sent, listeners };
}

const scenario = { id: 's' } as Scenario;

describe('WorldSession', () => {
  it('should mirror the snapshot and re-evaluate objectives on every change', () => {
    const { world } = fakeWorld();
    const evaluate = vi.fn((_s: Scenario, w: World): ObjectiveStatus[] => [
      { id: 'q', label: { ja: 'q', en: 'q' }, met: w.snapshot().now >= 1000, safety: false },
    ]);
    let session!: InstanceType<typeof WorldSession>;
    const destroy = $effect.root(() => {
      session = new WorldSession(scenario, world, evaluate);
    });
    expect(session.iisHost).toBe('WEB01');
    expect(session.solved).toBe(false);
    session.send({ type: 'clock.advance', ms: 1000 });
    flushSync();
    expect(session.snapshot.now).toBe(1000);
    expect(session.solved).toBe(true);
    destroy();
  });

  it('should turn an engine exception into a failed result', () => {
    const { world } = fakeWorld();
    const session = new WorldSession(scenario, world, () => []);
    expect(session.send({ type: 'console.interrupt', host: 'WEB01' })).toEqual({
      ok: false,
      output: [],
      error: 'engine bug',
    });
  });

  it('should only tell the world about a locale change when it differs, and unsubscribe on dispose', () => {
    const { world, sent, listeners } = fakeWorld();
    const session = new WorldSession(scenario, world, () => []);
    session.setLocale('en');
    session.setLocale('ja');
    expect(sent).toEqual([{ type: 'world.locale', locale: 'ja' }]);
    expect(listeners.size).toBe(1);
    session.dispose();
    expect(listeners.size).toBe(0);
  });

  it('should never call a scenario without objectives solved', () => {
    const session = new WorldSession(scenario, fakeWorld().world, () => []);
    expect(session.solved).toBe(false);
  });
});
