/** From a validated scenario to a live world, and the objectives checked on it. */
import { createWorld, type World } from '../world/world';
import {
  hostSchema,
  worldSpecSchema,
  type HostSpec,
  type Objective,
  type Scenario,
  type SolutionStep,
  type WorldSpec,
  type Localized,
  type LoadedScenario,
} from './schema';
import { applyFault } from './faults';
import type { Locale, MailboxMessageSnapshot } from '../world/types';
import { relayAllowed } from '../smtp/policy';
import { toSessionConfig } from '../smtp/iisSettings';
import { BADMAIL_DIR } from '../world/iisServer';
import { explainIssues, plainErrorMap, type PathProblem } from './issues';
import { settingValueOf } from './settingNames';

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
        o.kind === 'firewall-enabled' || o.kind === 'service-running' ? undefined : 'iis',
      );
      if (h && o.kind === 'service-running' && !servicesOf(h).includes(o.service.toUpperCase()))
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

/** A live world for a loaded scenario; the seed defaults to the one its variant was picked with. */
export function createScenarioWorld(
  scenario: LoadedScenario,
  options: { locale?: Locale; seed?: number } = {},
): World {
  return createWorld(scenario.resolvedWorld, {
    locale: options.locale ?? 'en',
    seed: options.seed ?? scenario.variant?.seed ?? 1,
    traffic: scenario.traffic,
  });
}

export interface ObjectiveStatus {
  id: string;
  label: Localized;
  met: boolean;
  safety: boolean;
}

type MailObjective = Extract<Objective, { kind: 'delivered' | 'not-delivered' }>;

/** Messages matching a delivered/not-delivered objective: in a remote mailbox, or in an IIS Drop folder. */
function matchingMail(world: World, o: MailObjective): MailboxMessageSnapshot[] {
  const { mailboxes } = world.snapshot();
  const address = o.mailbox.toLowerCase();
  const box = o.drop
    ? (mailboxes[`${o.drop}:Drop`] ?? []).filter((m) =>
        m.to.some((t) => t.toLowerCase() === address),
      )
    : (mailboxes[address] ?? []);
  return box.filter(
    (m) =>
      (!o.from || m.from.toLowerCase() === o.from.toLowerCase()) &&
      (!o.subject || m.subject.includes(o.subject)),
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function check(world: World, o: Objective): boolean {
  const server = 'host' in o ? world.internals.iis.get(o.host) : undefined;
  switch (o.kind) {
    case 'queue-empty':
      return (world.snapshot().queues[o.host] ?? []).length === 0;
    case 'delivered':
      return matchingMail(world, o).length >= o.atLeast;
    case 'not-delivered':
      return matchingMail(world, o).length === 0;
    case 'badmail-empty':
      return (world.internals.ctx.hosts.get(o.host)?.fs.list(BADMAIL_DIR) ?? []).length === 0;
    case 'firewall-enabled':
      return !!world.snapshot().hosts.find((h) => h.name === o.host)?.firewall.enabled;
    case 'no-open-relay':
      // An outsider on the Internet (TEST-NET-1, RFC 5737) must not be able to relay.
      return !server || !relayAllowed(toSessionConfig(server.settings), '192.0.2.99', false);
    case 'service-running':
      return (
        world
          .snapshot()
          .hosts.find((h) => h.name === o.host)
          ?.services.some((s) => s.name === o.service.toUpperCase() && s.status === 'Running') ??
        false
      );
    case 'logging-enabled':
      return !!server?.settings.logging.enabled;
    case 'setting': {
      if (!server) return false;
      const value = settingValueOf(server.settings, o.setting);
      return o.notEquals !== undefined
        ? !sameValue(value, o.notEquals)
        : sameValue(value, o.equals);
    }
  }
}

export function evaluateObjectives(scenario: Scenario, world: World): ObjectiveStatus[] {
  return scenario.objectives.map((o) => ({
    id: o.id,
    label: o.label,
    met: check(world, o),
    safety: o.safety === true,
  }));
}
