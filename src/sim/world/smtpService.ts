/**
 * Service Control Manager rules for SMTPSVC and what it depends on (reference §4.0, §8.5):
 * SMTPSVC depends on IISADMIN, so starting SMTPSVC starts IISADMIN first, and stopping IISADMIN
 * stops SMTPSVC first (only when forced: PowerShell refuses without -Force, net asks). SMTPSVC can
 * be paused; IISADMIN cannot. Pure state changes: the caller writes events and reacts.
 */
import type { HostRuntime, ServiceState } from './host';

export type ServiceAction = 'start' | 'stop' | 'pause' | 'continue';

/** Services and what they depend on (services.msc › Dependencies). */
export const SERVICE_DEPENDENCIES: Record<string, string[]> = { SMTPSVC: ['IISADMIN'] };
/** Services that accept pause and continue (sc query: PAUSABLE). */
export const PAUSABLE = new Set(['SMTPSVC', 'W3SVC']);

export interface ServiceTransition {
  service: ServiceState;
  from: ServiceState['status'];
  to: ServiceState['status'];
}

export type ControlResult =
  | { ok: true; transitions: ServiceTransition[] }
  | {
      ok: false;
      error:
        | 'alreadyRunning'
        | 'notRunning'
        | 'disabled'
        | 'dependencyFailed'
        | 'hasDependents'
        | 'invalidControl';
      service: ServiceState;
      other?: ServiceState;
    };

export const dependentsOf = (host: HostRuntime, name: string): ServiceState[] =>
  Object.entries(SERVICE_DEPENDENCIES)
    .filter(([, deps]) => deps.includes(name.toUpperCase()))
    .map(([dependent]) => host.service(dependent))
    .filter((s): s is ServiceState => s !== undefined);

/** Apply an SCM control to `svc`; `force` stops running dependents too (Stop-Service -Force, net stop /y). */
export function controlService(
  host: HostRuntime,
  svc: ServiceState,
  action: ServiceAction,
  force = false,
): ControlResult {
  const transitions: ServiceTransition[] = [];
  const move = (s: ServiceState, to: ServiceState['status']) => {
    transitions.push({ service: s, from: s.status, to });
    s.status = to;
  };
  switch (action) {
    case 'start': {
      if (svc.status !== 'Stopped') return { ok: false, error: 'alreadyRunning', service: svc };
      if (svc.startType === 'Disabled') return { ok: false, error: 'disabled', service: svc };
      const deps = (SERVICE_DEPENDENCIES[svc.name] ?? [])
        .map((d) => host.service(d))
        .filter((s): s is ServiceState => s !== undefined);
      const blocked = deps.find((d) => d.status === 'Stopped' && d.startType === 'Disabled');
      if (blocked) return { ok: false, error: 'dependencyFailed', service: svc, other: blocked };
      for (const d of deps) if (d.status === 'Stopped') move(d, 'Running');
      move(svc, 'Running');
      return { ok: true, transitions };
    }
    case 'stop': {
      if (svc.status === 'Stopped') return { ok: false, error: 'notRunning', service: svc };
      const active = dependentsOf(host, svc.name).filter((d) => d.status !== 'Stopped');
      if (active.length > 0 && !force)
        return { ok: false, error: 'hasDependents', service: svc, other: active[0] };
      for (const d of active) move(d, 'Stopped');
      move(svc, 'Stopped');
      return { ok: true, transitions };
    }
    case 'pause':
      if (svc.status === 'Stopped') return { ok: false, error: 'notRunning', service: svc };
      if (svc.status === 'Paused' || !PAUSABLE.has(svc.name))
        return { ok: false, error: 'invalidControl', service: svc };
      move(svc, 'Paused');
      return { ok: true, transitions };
    case 'continue':
      if (svc.status !== 'Paused')
        return {
          ok: false,
          error: svc.status === 'Stopped' ? 'notRunning' : 'invalidControl',
          service: svc,
        };
      move(svc, 'Running');
      return { ok: true, transitions };
  }
}

/** SCM event 7001: a service did not start because a service it depends on could not (§6.3). */
export function event7001(
  time: number,
  svc: ServiceState,
  dependency: ServiceState,
  locale: 'ja' | 'en',
) {
  const reason =
    locale === 'ja'
      ? 'サービスを開始できません。サービスが無効であるか、またはサービスに関連付けられた有効なデバイスがありません。'
      : 'The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.';
  return {
    log: 'System' as const,
    source: 'Service Control Manager',
    eventId: 7001,
    level: 'Error' as const,
    time,
    message:
      locale === 'ja'
        ? `${svc.displayName} サービスは、次のエラーが原因で開始できなかった ${dependency.displayName} サービスに依存しています: \r\n${reason}`
        : `The ${svc.displayName} service depends on the ${dependency.displayName} service which failed to start because of the following error: \r\n${reason}`,
  };
}
