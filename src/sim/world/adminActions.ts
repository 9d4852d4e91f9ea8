/**
 * What the Services console, the firewall console and IIS Manager's Start/Stop/Pause do, as world
 * actions. They apply the same rules as the console commands (Stop-Service, Set-Service,
 * Disable-NetFirewallRule…): the dependency rules of world/smtpService.ts, SCM events 7036/7040.
 */
import type { ActionResult, Locale, ServiceControl } from './types';
import type { HostRuntime, ServiceState } from './host';
import type { IisServer } from './iisServer';
import type { WorldContext } from './context';
import { controlService, type ControlResult, type ServiceAction } from './smtpService';
import { startTypeChanged } from '../logs/eventLog';
import { ruleText } from '../scenario/schema';

/** services.msc 説明 / Description of the services the world knows. */
const DESCRIPTIONS: Record<string, Record<Locale, string>> = {
  SMTPSVC: {
    en: 'Transports electronic mail across the network',
    ja: 'ネットワークを介して電子メールを転送します',
  },
  IISADMIN: {
    en: 'Enables this server to administer the IIS metabase.',
    ja: 'このサーバーで IIS メタベースを管理できるようにします。',
  },
  W3SVC: {
    en: 'Provides Web connectivity and administration through the Internet Information Services Manager',
    ja: 'インターネット インフォメーション サービス マネージャーを通じて Web 接続と管理を提供します',
  },
};

export function serviceDescription(name: string, locale: Locale): string {
  return DESCRIPTIONS[name.toUpperCase()]?.[locale] ?? '';
}

const fail = (error: string): ActionResult => ({ ok: false, output: [], error });

const CONTROL_ERRORS: Record<Exclude<ControlResult, { ok: true }>['error'], string> = {
  alreadyRunning: 'The service is already running.',
  notRunning: 'The service has not been started.',
  disabled:
    'The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.',
  dependencyFailed: 'The dependency service or group failed to start.',
  hasDependents: 'The service has dependent services that are running; stop them first.',
  invalidControl: 'The requested control is not valid for this service.',
};

function run(
  ctx: WorldContext,
  host: HostRuntime,
  iis: IisServer | null,
  svc: ServiceState,
  action: ServiceAction,
): ControlResult {
  const viaIis =
    iis && (svc.name === 'SMTPSVC' || svc.name === 'IISADMIN')
      ? iis.controlService(svc.name, action, false)
      : null;
  if (viaIis) return viaIis;
  const result = controlService(host, svc, action, false);
  ctx.changed();
  return result;
}

export function controlServiceAction(
  ctx: WorldContext,
  host: HostRuntime,
  iis: IisServer | null,
  serviceName: string,
  control: ServiceControl,
): ActionResult {
  const svc = host.service(serviceName);
  if (!svc) return fail(`No service '${serviceName}' on host '${host.name}'`);
  const steps: ServiceAction[] =
    control === 'restart' ? ['stop', 'start'] : [control === 'resume' ? 'continue' : control];
  for (const step of steps) {
    if (control === 'restart' && step === 'stop' && svc.status === 'Stopped') continue;
    const result = run(ctx, host, iis, svc, step);
    if (!result.ok) return fail(CONTROL_ERRORS[result.error]);
  }
  return { ok: true, output: [] };
}

export function setStartType(
  ctx: WorldContext,
  host: HostRuntime,
  serviceName: string,
  startType: ServiceState['startType'],
): ActionResult {
  const svc = host.service(serviceName);
  if (!svc) return fail(`No service '${serviceName}' on host '${host.name}'`);
  if (!['Automatic', 'Manual', 'Disabled'].includes(startType))
    return fail('startType: expected Automatic, Manual or Disabled');
  if (svc.startType !== startType) {
    ctx.addEvent(
      host,
      startTypeChanged(ctx.clock.now(), svc.displayName, svc.startType, startType, ctx.locale()),
    );
    svc.startType = startType;
  }
  return { ok: true, output: [] };
}

export function setFirewallRule(
  ctx: WorldContext,
  host: HostRuntime,
  name: string,
  enabled: boolean,
): ActionResult {
  if (typeof enabled !== 'boolean') return fail('enabled: expected true or false');
  // The rule's Name, or its display name in either UI language.
  const rules = host.firewall.rules.filter(
    (r) =>
      r.name === name ||
      (['ja', 'en'] as const).some((l) => (ruleText(r.displayName, l) ?? r.name) === name),
  );
  if (rules.length === 0) return fail(`No firewall rule named '${name}' on host '${host.name}'`);
  for (const r of rules) r.enabled = enabled;
  ctx.changed();
  return { ok: true, output: [] };
}

export function setFirewallState(
  ctx: WorldContext,
  host: HostRuntime,
  enabled: boolean,
): ActionResult {
  if (typeof enabled !== 'boolean') return fail('enabled: expected true or false');
  host.firewall.enabled = enabled;
  ctx.changed();
  return { ok: true, output: [] };
}
