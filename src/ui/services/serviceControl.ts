import { i18n } from '../../app/i18n.svelte';
import type { WorldSession } from '../../app/world.svelte';
import type { HostSnapshot, ServiceControl } from '../../sim';

export type ServiceSnapshot = HostSnapshot['services'][number];

/** A control the world refused: kept as data so that the message follows the UI language. */
export interface ServiceFailure {
  host: string;
  /** Display name (services.msc and the SCM messages use it). */
  service: string;
  control: ServiceControl;
  /** The engine's error text (English). */
  error: string;
}

/**
 * Sends one Start / Stop / Pause / Resume / Restart to the world. Returns null when the world
 * accepted it, or what to tell the learner.
 */
export function sendServiceControl(
  session: WorldSession,
  host: string,
  service: Pick<ServiceSnapshot, 'name' | 'displayName'>,
  control: ServiceControl,
): ServiceFailure | null {
  const result = session.send({ type: 'service.control', host, service: service.name, control });
  if (result.ok) return null;
  return { host, service: service.displayName, control, error: result.error ?? '' };
}

/** Which controls apply to a service in its current state (services.msc greys the others). */
export function allowedControls(service: ServiceSnapshot | null): Record<ServiceControl, boolean> {
  const status = service?.status;
  return {
    // services.msc greys Start for a disabled service; the refusal is still explained if it happens.
    start: status === 'Stopped' && service?.startType !== 'Disabled',
    stop: status === 'Running' || status === 'Paused',
    pause: status === 'Running' && pausable(service),
    resume: status === 'Paused',
    restart: status === 'Running' || status === 'Paused',
  };
}

/** Services that accept Pause (sc query: PAUSABLE); the others grey it out. */
function pausable(service: ServiceSnapshot | null): boolean {
  return service !== null && ['SMTPSVC', 'W3SVC'].includes(service.name.toUpperCase());
}

/**
 * The engine's refusal in the UI language: the Windows message when the error is one the SCM
 * gives, the engine's text as is otherwise.
 */
function reason(error: string): string {
  if (/because it is disabled/.test(error)) return i18n.t('services.error.disabled');
  if (/dependency service or group failed/.test(error)) return i18n.t('services.error.dependency');
  if (/dependent services that are running/.test(error)) return i18n.t('services.error.dependents');
  if (/already running/.test(error)) return i18n.t('services.error.alreadyRunning');
  if (/has not been started/.test(error)) return i18n.t('services.error.notRunning');
  if (/control is not valid/.test(error)) return i18n.t('services.error.invalidControl');
  return error;
}

/** "Windows could not start the … service on WEB01. <reason>" in the UI language. */
export function failureText(failure: ServiceFailure): string {
  const params = { service: failure.service, host: failure.host };
  const head =
    failure.control === 'start'
      ? i18n.t('services.failed.start', params)
      : failure.control === 'stop'
        ? i18n.t('services.failed.stop', params)
        : failure.control === 'pause'
          ? i18n.t('services.failed.pause', params)
          : failure.control === 'resume'
            ? i18n.t('services.failed.resume', params)
            : i18n.t('services.failed.restart', params);
  // Japanese runs the sentences together; English puts a space between them.
  const space = i18n.locale === 'ja' ? '' : ' ';
  return `${head}${space}${reason(failure.error)}`;
}

/** 実行中 / 一時停止 / 停止 (the Properties dialog's サービスの状態 says 停止 where the list is blank). */
export function statusText(status: ServiceSnapshot['status']): string {
  if (status === 'Running') return i18n.t('services.status.running');
  return status === 'Paused' ? i18n.t('services.status.paused') : i18n.t('services.status.stopped');
}

export function startTypeText(startType: ServiceSnapshot['startType']): string {
  if (startType === 'Automatic') return i18n.t('services.start.automatic');
  return startType === 'Manual'
    ? i18n.t('services.start.manual')
    : i18n.t('services.start.disabled');
}
