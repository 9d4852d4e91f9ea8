/**
 * Set-Service: change a service's startup type (and start, stop or pause it with -Status), writing
 * the Service Control Manager event 7040 as Windows does (reference §6.3, ja-terms §4.3).
 */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { psBinding, psErrorRecord } from '../messages';
import type { ServiceState } from '../../world/host';
import { startTypeChanged } from '../../logs/eventLog';
import { cannotStart, control } from './services';

type StartType = ServiceState['startType'];

const CMDLET = 'Set-Service';

/** Set-Service's own texts, which Japanese Windows localises. */
const TEXT = {
  en: {
    notFound: (name: string) => `Service '${name}' was not found on computer '.'.`,
    cannotPause: (svc: ServiceState) =>
      `Service '${svc.displayName} (${svc.name})' cannot be suspended because the service does not support being suspended or resumed.`,
  },
  ja: {
    notFound: (name: string) => `コンピューター '.' でサービス '${name}' が見つかりませんでした。`,
    cannotPause: (svc: ServiceState) =>
      `サービス '${svc.displayName} (${svc.name})' は中断または再開をサポートしていないため、中断できません。`,
  },
};

function event7040(env: CommandEnv, svc: ServiceState, from: StartType, to: StartType): void {
  env.ctx.addEvent(
    env.host,
    startTypeChanged(env.ctx.clock.now(), svc.displayName, from, to, env.locale),
  );
}

export const setService: Command = {
  names: ['Set-Service'],
  shells: ['powershell'],
  summary: {
    en: 'Change a service: -StartupType Automatic|Manual|Disabled, -Status Running|Stopped|Paused.',
    ja: 'サービスの設定を変更します: -StartupType Automatic|Manual|Disabled、-Status Running|Stopped|Paused。',
  },
  usage: 'Set-Service SMTPSVC -StartupType Automatic',
  run(args, env, line) {
    const t = TEXT[env.locale];
    const b = bindPs(
      args,
      ['Name', 'StartupType', 'Status', 'DisplayName', 'Description'],
      ['PassThru', 'WhatIf', 'Confirm'],
    );
    if (b.unknown) return psBinding.paramNotFound(env.msg, CMDLET, line, b.unknown);
    const name = (b.named.Name as string | undefined) ?? b.positional[0];
    if (!name) return psBinding.missingMandatory(env.msg, CMDLET, line, ['Name']);
    // The binder checks the values before the cmdlet looks for the service.
    const wanted = b.named.StartupType === undefined ? undefined : String(b.named.StartupType);
    const startType = (['Automatic', 'Manual', 'Disabled'] as const).find(
      (x) => x.toLowerCase() === wanted?.toLowerCase(),
    );
    if (wanted !== undefined && !startType)
      return psBinding.cannotConvertEnum(env.msg, CMDLET, line, {
        param: 'StartupType',
        value: wanted,
        type: 'System.ServiceProcess.ServiceStartMode',
        names: ['Boot', 'System', 'Automatic', 'Manual', 'Disabled'],
      });
    const statusText = b.named.Status === undefined ? undefined : String(b.named.Status);
    const status = (['Running', 'Stopped', 'Paused'] as const).find(
      (x) => x.toLowerCase() === statusText?.toLowerCase(),
    );
    if (statusText !== undefined && !status)
      return psBinding.validateSet(env.msg, CMDLET, line, {
        param: 'Status',
        value: statusText,
        set: ['Running', 'Stopped', 'Paused'],
      });
    const svc = env.host.service(name);
    if (!svc)
      return psErrorRecord(env.msg, {
        message: `${CMDLET} : ${t.notFound(name)}`,
        line,
        category: `ObjectNotFound: (.:String) [${CMDLET}], InvalidOperationException`,
        id: 'InvalidOperationException,Microsoft.PowerShell.Commands.SetServiceCommand',
      });
    if (startType && startType !== svc.startType) {
      event7040(env, svc, svc.startType, startType);
      svc.startType = startType;
      env.ctx.changed();
    }
    if (status === 'Running' && svc.status === 'Stopped') {
      if (svc.startType === 'Disabled') return cannotStart(env, CMDLET, svc, line);
      setStatus(env, svc, 'Running');
    }
    if (status === 'Running' && svc.status === 'Paused') pause(env, svc, 'continue');
    if (status === 'Stopped' && svc.status !== 'Stopped') setStatus(env, svc, 'Stopped');
    if (status === 'Paused' && svc.status !== 'Paused' && !pause(env, svc, 'pause'))
      return psErrorRecord(env.msg, {
        message: `${CMDLET} : ${t.cannotPause(svc)}`,
        line,
        category: `CloseError: (System.ServiceProcess.ServiceController:ServiceController) [${CMDLET}], ServiceCommandException`,
        id: 'CouldNotSuspendServiceNotSupported,Microsoft.PowerShell.Commands.SetServiceCommand',
      });
    return [];
  },
};

/** SMTPSVC goes through its IIS server so the queue and log react; other services just change state. */
function setStatus(env: CommandEnv, svc: ServiceState, status: 'Running' | 'Stopped'): void {
  if (svc.name === 'SMTPSVC' && env.iis) env.iis.setServiceStatus(status);
  else {
    svc.status = status;
    env.ctx.changed();
  }
}

/** Pause or continue through the same rules as Suspend-Service; false when the service refuses. */
function pause(env: CommandEnv, svc: ServiceState, action: 'pause' | 'continue'): boolean {
  return control(env, svc, action).ok;
}
