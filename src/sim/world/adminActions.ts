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

/**
 * Why the Service Control Manager refused, as services.msc words it after "Windows could not start
 * the … service on Local Computer.": `Error <Win32 code>: <Win32 message>` in the world's language
 * (ja-terms §2, §6.6). The UI may recognise the code and say it in its own language.
 */
const CONTROL_ERRORS: Record<
  Locale,
  Record<Exclude<ControlResult, { ok: true }>['error'], string>
> = {
  en: {
    alreadyRunning: 'Error 1056: An instance of the service is already running.',
    notRunning: 'Error 1062: The service has not been started.',
    disabled:
      'Error 1058: The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.',
    dependencyFailed: 'Error 1068: The dependency service or group failed to start.',
    hasDependents:
      'Error 1051: A stop control has been sent to a service that other running services are dependent on.',
    invalidControl: 'Error 1052: The requested control is not valid for this service.',
  },
  ja: {
    alreadyRunning: 'エラー 1056: サービスのインスタンスは既に実行されています。',
    notRunning: 'エラー 1062: サービスは開始されていません。',
    disabled:
      'エラー 1058: サービスを開始できません。サービスが無効であるか、またはサービスに関連付けられた有効なデバイスがありません。',
    dependencyFailed: 'エラー 1068: 依存関係サービスまたはグループを起動できませんでした。',
    hasDependents:
      'エラー 1051: 停止制御は、他の実行中のサービスが依存しているサービスに送信されました。',
    invalidControl: 'エラー 1052: 要求された制御はこのサービスに対して無効です。',
  },
};

/** The world's refusals that name a missing service or rule (the simulator's own words). */
const NOT_FOUND = {
  en: {
    service: (name: string, host: string) => `No service '${name}' on host '${host}'`,
    rule: (name: string, host: string) => `No firewall rule named '${name}' on host '${host}'`,
  },
  ja: {
    service: (name: string, host: string) => `ホスト '${host}' にサービス '${name}' はありません。`,
    rule: (name: string, host: string) =>
      `ホスト '${host}' に '${name}' という名前のファイアウォール規則はありません。`,
  },
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
  if (!svc) return fail(NOT_FOUND[ctx.locale()].service(serviceName, host.name));
  const steps: ServiceAction[] =
    control === 'restart' ? ['stop', 'start'] : [control === 'resume' ? 'continue' : control];
  for (const step of steps) {
    if (control === 'restart' && step === 'stop' && svc.status === 'Stopped') continue;
    const result = run(ctx, host, iis, svc, step);
    if (!result.ok) return fail(CONTROL_ERRORS[ctx.locale()][result.error]);
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
  if (!svc) return fail(NOT_FOUND[ctx.locale()].service(serviceName, host.name));
  // Malformed actions (not reachable from the UI) are answered in English, like the other API errors.
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
  if (rules.length === 0) return fail(NOT_FOUND[ctx.locale()].rule(name, host.name));
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
