/** From a validated scenario to a live world, and the objectives checked on it. */
import { createWorld, type World } from '../world/world';
import { type Objective, type Scenario, type Localized, type LoadedScenario } from './schema';
import type { Locale, MailboxMessageSnapshot } from '../world/types';
import { relayAllowed } from '../smtp/policy';
import { toSessionConfig } from '../smtp/iisSettings';
import { BADMAIL_DIR } from '../world/iisServer';
import { settingValueOf } from './settingNames';

export { deepMerge, buildWorldSpec, type BuildResult } from './build';

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
          ?.services.some(
            (s) => s.name.toUpperCase() === o.service.toUpperCase() && s.status === 'Running',
          ) ?? false
      );
    case 'service-start-type':
      return (
        world
          .snapshot()
          .hosts.find((h) => h.name === o.host)
          ?.services.some(
            (s) => s.name.toUpperCase() === o.service.toUpperCase() && s.startType === o.equals,
          ) ?? false
      );
    case 'logging-enabled':
      return !!server?.settings.logging.enabled;
    case 'setting': {
      if (!server) return false;
      const value = settingValueOf(server.settings, o.setting);
      // A limit that is switched off (null) is neither at least nor at most anything.
      if (o.atLeast !== undefined || o.atMost !== undefined)
        return (
          typeof value === 'number' &&
          (o.atLeast === undefined || value >= o.atLeast) &&
          (o.atMost === undefined || value <= o.atMost)
        );
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
