/** From a validated scenario to a live world, and the objectives checked on it. */
import { createWorld, type World } from '../world/world';
import { hostSchema, worldSpecSchema, type Objective, type Scenario, type WorldSpec, type Localized, type LoadedScenario } from './schema';
import { applyFault } from './faults';
import type { Locale } from '../world/types';
import { relayAllowed } from '../smtp/policy';
import { toSessionConfig } from '../smtp/iisSettings';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge for `world.changes`: objects merge key by key, everything else replaces. */
export function deepMerge(base: unknown, change: unknown): unknown {
  if (!isObject(base) || !isObject(change)) return structuredClone(change);
  const out: Record<string, unknown> = { ...structuredClone(base) };
  for (const [k, v] of Object.entries(change)) out[k] = k in out ? deepMerge(out[k], v) : structuredClone(v);
  return out;
}

export type BuildResult = { ok: true; world: WorldSpec } | { ok: false; errors: { path: PropertyKey[]; message: string }[] };

/** Base world + changes + faults → the world spec the scenario starts from; references checked. */
export function buildWorldSpec(base: WorldSpec, scenario: Scenario): BuildResult {
  const merged = scenario.world.changes ? deepMerge(base, scenario.world.changes) : structuredClone(base);
  const parsed = worldSpecSchema.safeParse(merged);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({ path: ['world', 'changes', ...i.path], message: i.message })),
    };
  }
  const world = parsed.data;
  const errors: { path: PropertyKey[]; message: string }[] = [];
  scenario.faults.forEach((fault, i) => {
    const problem = applyFault(world, fault);
    if (problem) errors.push({ path: ['faults', i, ...problem.path], message: problem.message });
  });
  const hostRef = (path: PropertyKey[], name: string) => {
    if (!world.hosts[name]) errors.push({ path, message: `no host named '${name}' in the world (hosts: ${Object.keys(world.hosts).join(', ')})` });
  };
  scenario.traffic.forEach((t, i) => {
    hostRef(['traffic', i, 'from'], t.from);
    hostRef(['traffic', i, 'to'], t.to);
  });
  scenario.objectives.forEach((o, i) => {
    if ('host' in o) hostRef(['objectives', i, 'host'], o.host);
  });
  scenario.consoles.forEach((c, i) => hostRef(['consoles', i], c));
  scenario.solution.forEach((s, i) => {
    if ('host' in s) hostRef(['solution', i, 'host'], s.host);
  });
  // Re-check hosts after faults (a fault may not produce an invalid host).
  for (const [name, h] of Object.entries(world.hosts)) {
    if (!hostSchema.safeParse(h).success) errors.push({ path: ['faults'], message: `a fault left host '${name}' invalid` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, world };
}

export function createScenarioWorld(scenario: LoadedScenario, options: { locale?: Locale; seed?: number } = {}): World {
  return createWorld(scenario.resolvedWorld, { locale: options.locale ?? 'en', seed: options.seed ?? 1, traffic: scenario.traffic });
}

export interface ObjectiveStatus {
  id: string;
  label: Localized;
  met: boolean;
  safety: boolean;
}

function check(world: World, o: Objective): boolean {
  const snap = world.snapshot();
  const { iis } = world.internals;
  switch (o.kind) {
    case 'queue-empty':
      return (snap.queues[o.host] ?? []).length === 0;
    case 'delivered':
      return (snap.mailboxes[o.mailbox.toLowerCase()] ?? []).length >= o.atLeast;
    case 'firewall-enabled': {
      const host = snap.hosts.find((h) => h.name === o.host);
      return !!host?.firewall.enabled;
    }
    case 'no-open-relay': {
      const server = iis.get(o.host);
      if (!server) return true;
      // An outsider on the Internet must not be able to relay.
      return !relayAllowed(toSessionConfig(server.settings), '192.0.2.99', false);
    }
  }
}

export function evaluateObjectives(scenario: Scenario, world: World): ObjectiveStatus[] {
  return scenario.objectives.map((o) => ({
    id: o.id,
    label: o.label,
    met: check(world, o),
    safety: 'safety' in o && o.safety === true,
  }));
}
