/**
 * From a scenario's base world, its changes and its faults to the world spec it starts from, with
 * every host reference checked. Loading a scenario needs only this, not the running world, so the
 * catalog can validate scenarios without loading the simulation engine.
 */
import {
  hostSchema,
  worldSpecSchema,
  type HostSpec,
  type Scenario,
  type SolutionStep,
  type WorldSpec,
} from './schema';
import { applyFault } from './faults';
import { explainIssues, plainErrorMap, type PathProblem } from './issues';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Keys that would reach an object's prototype if assigned. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deep merge for `world.changes`: objects merge key by key, everything else (lists too) replaces. */
export function deepMerge(base: unknown, change: unknown): unknown {
  if (!isObject(base) || !isObject(change)) return structuredClone(change);
  const out: Record<string, unknown> = { ...structuredClone(base) };
  for (const [k, v] of Object.entries(change)) {
    if (UNSAFE_KEYS.has(k)) continue;
    out[k] = Object.hasOwn(out, k) ? deepMerge(out[k], v) : structuredClone(v);
  }
  return out;
}

export type BuildResult = { ok: true; world: WorldSpec } | { ok: false; errors: PathProblem[] };

const isIis = (h: HostSpec) => !!h.iis || h.role === 'iis';
/** The world gives a console to Windows hosts an administrator logs on to (world.ts). */
const hasConsole = (h: HostSpec) => h.role === 'iis' || h.role === 'app' || h.role === 'client';
/** Services a host has: its own list, plus what an IIS SMTP install adds (reference §4.0). */
const servicesOf = (h: HostSpec) => [
  ...Object.keys(h.services ?? {}).map((s) => s.toUpperCase()),
  ...(isIis(h) ? ['SMTPSVC', 'IISADMIN'] : []),
];

/** Checks that every host a scenario names exists and can do what is asked of it. */
function hostReferences(world: WorldSpec, s: Scenario): PathProblem[] {
  const problems: PathProblem[] = [];
  const names = Object.keys(world.hosts);
  const iisNames = names.filter((n) => isIis(world.hosts[n] as HostSpec));
  const a = (role: string) => `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role} host`;
  const ref = (
    path: PropertyKey[],
    name: string,
    need?: 'iis' | 'console' | 'smtp',
  ): HostSpec | null => {
    const h = world.hosts[name];
    if (!h) {
      problems.push({
        path,
        message: `no host named '${name}' in the world (hosts: ${names.join(', ')})`,
      });
      return null;
    }
    if (need === 'iis' && !isIis(h))
      problems.push({
        path,
        message: `host '${name}' is ${a(h.role)}; this needs an IIS SMTP host (${iisNames.join(', ') || 'none in this world'})`,
      });
    if (need === 'console' && !hasConsole(h))
      problems.push({
        path,
        message: `host '${name}' is ${a(h.role)} and has no console (only iis, app and client hosts have one)`,
      });
    if (need === 'smtp' && !isIis(h) && !h.receiver)
      problems.push({
        path,
        message: `host '${name}' runs no SMTP server (mail is handed to an IIS host or a receiver)`,
      });
    return h;
  };
  s.traffic.forEach((t, i) => {
    ref(['traffic', i, 'from'], t.from);
    ref(['traffic', i, 'to'], t.to, 'smtp');
  });
  s.objectives.forEach((o, i) => {
    if ('host' in o) {
      const h = ref(
        ['objectives', i, 'host'],
        o.host,
        o.kind === 'firewall-enabled' ||
          o.kind === 'service-running' ||
          o.kind === 'service-start-type'
          ? undefined
          : 'iis',
      );
      if (
        h &&
        (o.kind === 'service-running' || o.kind === 'service-start-type') &&
        !servicesOf(h).includes(o.service.toUpperCase())
      )
        problems.push({
          path: ['objectives', i, 'service'],
          message: `host '${o.host}' has no service '${o.service}' (services: ${servicesOf(h).join(', ') || 'none'})`,
        });
    }
    if ((o.kind === 'delivered' || o.kind === 'not-delivered') && o.drop)
      ref(['objectives', i, 'drop'], o.drop, 'iis');
  });
  s.consoles.forEach((c, i) => ref(['consoles', i], c, 'console'));
  s.diagnosis.evidence.forEach((ev, i) =>
    ref(
      ['diagnosis', 'evidence', i, 'host'],
      ev.host,
      ev.source === 'console' ? 'console' : ev.source === 'w3c' ? 'iis' : undefined,
    ),
  );
  const steps = (list: SolutionStep[], path: PropertyKey[]) =>
    list.forEach((step, i) => {
      if ('host' in step)
        ref([...path, i, 'host'], step.host, 'console' in step ? 'console' : 'iis');
    });
  steps(s.solution, ['solution']);
  s.unsafeFixes.forEach((fix, i) => steps(fix, ['unsafeFixes', i]));
  return problems;
}

/** Base world + changes + faults → the world spec the scenario starts from; references checked. */
export function buildWorldSpec(base: WorldSpec, scenario: Scenario): BuildResult {
  const merged = scenario.world.changes
    ? deepMerge(base, scenario.world.changes)
    : structuredClone(base);
  const parsed = worldSpecSchema.safeParse(merged, { error: plainErrorMap });
  if (!parsed.success)
    return { ok: false, errors: explainIssues(parsed.error.issues, ['world', 'changes']) };
  const world = parsed.data;
  const errors: PathProblem[] = [];
  scenario.faults.forEach((fault, i) => {
    const problem = applyFault(world, fault);
    if (problem) errors.push({ path: ['faults', i, ...problem.path], message: problem.message });
  });
  errors.push(...hostReferences(world, scenario));
  // A fault must not leave a host invalid (the appliers are code; this catches their bugs).
  for (const [name, h] of Object.entries(world.hosts)) {
    if (!hostSchema.safeParse(h).success)
      errors.push({ path: ['faults'], message: `a fault left host '${name}' invalid` });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, world };
}
