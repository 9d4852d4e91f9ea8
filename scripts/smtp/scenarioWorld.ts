/**
 * The world behind the adapter: a scenario found by id or file, the hosts a connection runs
 * between, and a virtual clock that keeps pace with real time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatError, parseScenario, type LoadedScenario, type World } from '../../src/sim/index';
import { loadScenarioFile, readBases, scenarioFiles } from '../lib/scenarioFiles';

export type Found =
  { ok: true; scenario: LoadedScenario; file: string } | { ok: false; message: string };

/** `arg` is a scenario id (searched in scenarios/**\/*.yaml) or a path to a YAML file. */
export function findScenario(arg: string): Found {
  if (/\.ya?ml$/i.test(arg) || existsSync(arg)) {
    const path = resolve(arg);
    if (!existsSync(path)) return { ok: false, message: `no such file: ${arg}` };
    const result = parseScenario(readFileSync(path, 'utf8'), arg, readBases());
    return result.ok
      ? { ok: true, scenario: result.scenario, file: arg }
      : { ok: false, message: result.errors.map(formatError).join('\n') };
  }
  const ids: string[] = [];
  for (const file of scenarioFiles()) {
    const result = loadScenarioFile(file);
    if (!result.ok) continue;
    if (result.scenario.id === arg) return { ok: true, scenario: result.scenario, file };
    ids.push(result.scenario.id);
  }
  return {
    ok: false,
    message: `no scenario with id '${arg}'. Known ids: ${ids.join(', ') || '(none)'}`,
  };
}

export type Hosts =
  { ok: true; iisHost: string; fromHost: string } | { ok: false; message: string };

/**
 * The IIS host (first with role iis unless named) and the host connections come from: by default
 * the one the scenario's own traffic submits from (its app server), else its first app host.
 */
export function pickHosts(scenario: LoadedScenario, wanted: { from?: string; to?: string }): Hosts {
  const hosts = scenario.resolvedWorld.hosts;
  const names = Object.keys(hosts);
  const byName = (n: string) => names.find((h) => h.toLowerCase() === n.toLowerCase());
  const iisHost = wanted.to
    ? byName(wanted.to)
    : names.find((h) => hosts[h]?.role === 'iis' || hosts[h]?.iis);
  if (!iisHost)
    return {
      ok: false,
      message: wanted.to
        ? `no host named '${wanted.to}' (hosts: ${names.join(', ')})`
        : 'the scenario has no IIS host',
    };
  if (!(hosts[iisHost]?.role === 'iis' || hosts[iisHost]?.iis))
    return { ok: false, message: `${iisHost} runs no IIS SMTP server` };
  const fromHost = wanted.from
    ? byName(wanted.from)
    : (scenario.traffic.find((t) => t.to === iisHost)?.from ??
      names.find((h) => hosts[h]?.role === 'app'));
  if (!fromHost) {
    return {
      ok: false,
      message: wanted.from
        ? `no host named '${wanted.from}' (hosts: ${names.join(', ')})`
        : 'no app host to connect from; name one with --from',
    };
  }
  return { ok: true, iisHost, fromHost };
}

/**
 * Advance the virtual clock with real time × `speed`, in whole milliseconds (the remainder is
 * carried so nothing drifts). Returns a function that stops it.
 */
export function runClockInRealTime(
  world: World,
  speed: number,
  onTick: () => void,
  intervalMs = 200,
): () => void {
  let last = performance.now();
  let carry = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    const due = (now - last) * speed + carry;
    last = now;
    const whole = Math.floor(due);
    carry = due - whole;
    if (whole > 0) world.send({ type: 'clock.advance', ms: whole });
    onTick();
  }, intervalMs);
  return () => clearInterval(timer);
}
