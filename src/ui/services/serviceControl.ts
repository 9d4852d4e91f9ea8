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
  /** The world's error text, in the world's language (`Error 1058: …` / `エラー 1058: …`). */
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
 * The world's refusal in the UI language. The world words it in its own language, which follows
 * the UI's, as services.msc does (`Error 1058: …` / `エラー 1058: …`); a known Win32 code is said
 * again from the UI texts so that the message follows the language even when it is switched while
 * the message is shown. Other texts are shown as they are.
 */
function reason(error: string): string {
  switch (/^(?:Error|エラー) (\d+):/.exec(error)?.[1]) {
    case '1051':
      return i18n.t('services.error.dependents');
    case '1052':
      return i18n.t('services.error.invalidControl');
    case '1056':
      return i18n.t('services.error.alreadyRunning');
    case '1058':
      return i18n.t('services.error.disabled');
    case '1062':
      return i18n.t('services.error.notRunning');
    case '1068':
      return i18n.t('services.error.dependency');
    default:
      return error;
  }
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
