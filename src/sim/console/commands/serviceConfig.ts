/**
 * Set-Service: change a service's startup type (and start or stop it with -Status), writing the
 * Service Control Manager event 7040 as Windows does (reference §6.3, ja-terms §4.3).
 */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import type { ServiceState } from '../../world/host';
import { startTypeChanged } from '../../logs/eventLog';

type StartType = ServiceState['startType'];

function event7040(env: CommandEnv, svc: ServiceState, from: StartType, to: StartType): void {
  env.ctx.addEvent(
    env.host,
    startTypeChanged(env.ctx.clock.now(), svc.displayName, from, to, env.locale),
  );
}

function psError(
  env: CommandEnv,
  line: string,
  message: string,
  category: string,
  errorId: string,
): string[] {
  return [
    `Set-Service : ${message}`,
    env.msg.psAtLine,
    `+ ${line}`,
    `+ ${'~'.repeat(Math.max(1, line.length))}`,
    `    + CategoryInfo          : ${category}`,
    `    + FullyQualifiedErrorId : ${errorId}`,
    '',
  ];
}

export const setService: Command = {
  names: ['Set-Service'],
  shells: ['powershell'],
  summary: {
    en: 'Change a service: -StartupType Automatic|Manual|Disabled, -Status Running|Stopped.',
    ja: 'サービスの設定を変更します: -StartupType Automatic|Manual|Disabled、-Status Running|Stopped。',
  },
  usage: 'Set-Service SMTPSVC -StartupType Automatic',
  run(args, env, line) {
    const b = bindPs(
      args,
      ['Name', 'StartupType', 'Status', 'DisplayName', 'Description'],
      ['PassThru', 'WhatIf', 'Confirm'],
    );
    if (b.unknown)
      return psError(
        env,
        line,
        `A parameter cannot be found that matches parameter name '${b.unknown}'.`,
        'InvalidArgument: (:) [Set-Service], ParameterBindingException',
        'NamedParameterNotFound,Microsoft.PowerShell.Commands.SetServiceCommand',
      );
    const name = (b.named.Name as string | undefined) ?? b.positional[0];
    const svc = name ? env.host.service(name) : undefined;
    if (!svc)
      return psError(
        env,
        line,
        `Service '${name ?? ''}' was not found on computer '.'.`,
        `ObjectNotFound: (.:String) [Set-Service], InvalidOperationException`,
        'InvalidOperationException,Microsoft.PowerShell.Commands.SetServiceCommand',
      );
    const wanted = b.named.StartupType as string | undefined;
    const startType = (['Automatic', 'Manual', 'Disabled'] as const).find(
      (t) => t.toLowerCase() === wanted?.toLowerCase(),
    );
    if (wanted !== undefined && !startType)
      return psError(
        env,
        line,
        `Cannot bind parameter 'StartupType'. Cannot convert value "${wanted}" to type "System.ServiceProcess.ServiceStartMode". Error: "Unable to match the identifier name ${wanted} to a valid enumerator name. Specify one of the following enumerator names and try again:` +
          ` Boot, System, Automatic, Manual, Disabled"`,
        'InvalidArgument: (:) [Set-Service], ParameterBindingException',
        'CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.SetServiceCommand',
      );
    const status = b.named.Status === undefined ? undefined : String(b.named.Status).toLowerCase();
    if (status !== undefined && status !== 'running' && status !== 'stopped')
      return psError(
        env,
        line,
        `Cannot bind parameter 'Status'. Specify Running, Stopped or Paused.`,
        'InvalidArgument: (:) [Set-Service], ParameterBindingException',
        'CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.SetServiceCommand',
      );
    if (startType && startType !== svc.startType) {
      event7040(env, svc, svc.startType, startType);
      svc.startType = startType;
      env.ctx.changed();
    }
    if (status === 'running' && svc.status !== 'Running') {
      if (svc.startType === 'Disabled')
        return psError(
          env,
          line,
          `Service '${svc.displayName} (${svc.name})' cannot be started due to the following error: Cannot start service ${svc.name} on computer '.'.`,
          `OpenError: (System.ServiceProcess.ServiceController:ServiceController) [Set-Service], ServiceCommandException`,
          'CouldNotStartService,Microsoft.PowerShell.Commands.SetServiceCommand',
        );
      setStatus(env, svc, 'Running');
    }
    if (status === 'stopped' && svc.status !== 'Stopped') setStatus(env, svc, 'Stopped');
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
