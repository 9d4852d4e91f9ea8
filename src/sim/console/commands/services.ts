/**
 * Windows services: Get-Service, Start-/Stop-/Restart-/Suspend-/Resume-Service, net
 * start|stop|pause|continue, sc query (reference §8.5). SMTPSVC and IISADMIN go through the IIS
 * server, which applies the dependency rules (world/smtpService.ts) and their effects.
 */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { cmdletClass, psBinding, psErrorRecord } from '../messages';
import type { ServiceState } from '../../world/host';
import { event7036 } from '../../logs/eventLog';
import {
  controlService,
  dependentsOf,
  PAUSABLE,
  type ControlResult,
  type ServiceAction,
} from '../../world/smtpService';

/** Apply an SCM control; services outside the IIS family just change state. */
export function control(
  env: CommandEnv,
  svc: ServiceState,
  action: ServiceAction,
  force = false,
): ControlResult {
  const viaIis =
    env.iis && (svc.name === 'SMTPSVC' || svc.name === 'IISADMIN')
      ? env.iis.controlService(svc.name, action, force)
      : null;
  if (viaIis) return viaIis;
  const result = controlService(env.host, svc, action, force);
  // Every service's state change is logged by the SCM (System, 7036), not only IIS's.
  if (result.ok)
    for (const t of result.transitions)
      env.ctx.addEvent(
        env.host,
        event7036(
          env.ctx.clock.now(),
          t.service.displayName,
          t.to === 'Running' ? 'running' : t.to === 'Paused' ? 'paused' : 'stopped',
          env.locale,
        ),
      );
  env.ctx.changed();
  return result;
}

/** Texts of service control that Japanese Windows localises (ja-terms §6.6). */
const TEXT = {
  en: {
    hasDependents: (svc: ServiceState) =>
      `Cannot stop service '${svc.displayName} (${svc.name})' because it has dependent services. It can only be stopped if the Force flag is set.`,
    cannotSuspend: (svc: ServiceState) =>
      `Service '${svc.displayName} (${svc.name})' cannot be suspended because the service does not support being suspended or resumed.`,
    cannotResume: (svc: ServiceState) =>
      `Service '${svc.displayName} (${svc.name})' cannot be resumed because the service is not paused.`,
    notRunningSuspend: (svc: ServiceState) =>
      `Service '${svc.displayName} (${svc.name})' cannot be suspended because it is not running.`,
    dependents: (svc: ServiceState, names: string[]) => [
      `The following services are dependent on the ${svc.displayName} service.`,
      `Stopping the ${svc.displayName} service will also stop these services.`,
      '',
      ...names.map((n) => `   ${n}`),
      '',
    ],
    confirm: 'Do you want to continue this operation? (Y/N) [N]: ',
    systemError: (n: number) => `System error ${n} has occurred.`,
    dependencyFailed: 'The dependency service or group failed to start.',
    invalidControl: 'The requested pause, continue, or stop is not valid for this service.',
    paused: (name: string) => `The ${name} service was paused successfully.`,
    continued: (name: string) => `The ${name} service was continued successfully.`,
    cannotStart: (svc: ServiceState) =>
      `Service '${svc.displayName} (${svc.name})' cannot be started due to the following error: Cannot start service ${svc.name} on computer '.'.`,
    netSyntax: 'The syntax of this command is:',
    scDescription: [
      'DESCRIPTION:',
      '        SC is a command line program used for communicating with the',
      '        Service Control Manager and services.',
    ],
    scNoService: 'The specified service does not exist as an installed service.',
  },
  ja: {
    hasDependents: (svc: ServiceState) =>
      `サービス '${svc.displayName} (${svc.name})' には依存するサービスがあるため、停止できません。Force フラグが設定されている場合にのみ停止できます。`,
    cannotSuspend: (svc: ServiceState) =>
      `サービス '${svc.displayName} (${svc.name})' は中断または再開をサポートしていないため、中断できません。`,
    cannotResume: (svc: ServiceState) =>
      `サービス '${svc.displayName} (${svc.name})' は一時停止していないため、再開できません。`,
    notRunningSuspend: (svc: ServiceState) =>
      `サービス '${svc.displayName} (${svc.name})' は実行されていないため、中断できません。`,
    dependents: (svc: ServiceState, names: string[]) => [
      `次のサービスは ${svc.displayName} サービスに依存しています。`,
      `${svc.displayName} サービスを停止すると、これらのサービスも停止します。`,
      '',
      ...names.map((n) => `   ${n}`),
      '',
    ],
    confirm: 'この操作を続行しますか? (Y/N) [N]: ',
    systemError: (n: number) => `システム エラー ${n} が発生しました。`,
    dependencyFailed: '依存関係サービスまたはグループを起動できませんでした。',
    invalidControl: '要求された一時停止、続行、または停止は、このサービスに対して無効です。',
    paused: (name: string) => `${name} サービスは正常に一時停止されました。`,
    continued: (name: string) => `${name} サービスは正常に再開されました。`,
    cannotStart: (svc: ServiceState) =>
      `次のエラーのため、サービス '${svc.displayName} (${svc.name})' を開始できません: コンピューター '.' でサービス ${svc.name} を開始できません。`,
    netSyntax: 'このコマンドの構文は次のとおりです:',
    scDescription: [
      '説明:',
      '        SC は、サービス コントロール マネージャーおよびサービスとの通信に使用する',
      '        コマンド ライン プログラムです。',
    ],
    scNoService: '指定されたサービスはインストールされたサービスとして存在しません。',
  },
};

/** `Get-Service : Cannot find any service with service name 'X'.` with its error record lines. */
function noService(env: CommandEnv, cmdlet: string, name: string, line: string): string[] {
  return psErrorRecord(env.msg, {
    message: `${cmdlet} : ${env.msg.psNoService(name)}`,
    line,
    category: `ObjectNotFound: (${name}:String) [${cmdlet}], ServiceCommandException`,
    id: `NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.${cmdlet.replace('-', '')}Command`,
  });
}

/**
 * `Start-Service : Service 'X (Y)' cannot be started due to the following error: …` with its
 * error record (Start-Service, Restart-Service, Set-Service -Status Running on a disabled service).
 */
export function cannotStart(
  env: CommandEnv,
  cmdlet: string,
  svc: ServiceState,
  line: string,
): string[] {
  return psErrorRecord(env.msg, {
    message: `${cmdlet} : ${TEXT[env.locale].cannotStart(svc)}`,
    line,
    category: `OpenError: (System.ServiceProcess.ServiceController:ServiceController) [${cmdlet}], ServiceCommandException`,
    id: `CouldNotStartService,${cmdletClass(cmdlet)}`,
  });
}

function find(env: CommandEnv, name: string | undefined): ServiceState | undefined {
  return name
    ? (env.host.service(name) ??
        [...env.host.services.values()].find(
          (s) => s.displayName.toLowerCase() === name.toLowerCase(),
        ))
    : undefined;
}

export const getService: Command = {
  names: ['Get-Service', 'gsv'],
  shells: ['powershell'],
  summary: {
    en: 'Show Windows services (e.g. SMTPSVC).',
    ja: 'Windows サービスを表示します (SMTPSVC など)。',
  },
  usage: 'Get-Service SMTPSVC',
  run(args, env, line) {
    const b = bindPs(args, ['Name', 'DisplayName'], []);
    if (b.unknown) return psBinding.paramNotFound(env.msg, 'Get-Service', line, b.unknown);
    const name = (b.named.Name ?? b.named.DisplayName) as string | undefined;
    const wanted = name ?? b.positional[0];
    const list = wanted
      ? [find(env, wanted)].filter((s): s is ServiceState => !!s)
      : [...env.host.services.values()];
    if (wanted && list.length === 0) return noService(env, 'Get-Service', wanted, line);
    return [
      '',
      'Status   Name               DisplayName',
      '------   ----               -----------',
      ...list.map((s) => `${s.status.padEnd(8)} ${s.name.padEnd(18)} ${s.displayName}`),
      '',
    ];
  },
};

function psControl(verb: 'Start' | 'Stop' | 'Restart' | 'Suspend' | 'Resume'): Command['run'] {
  return (args, env, line) => {
    const t = TEXT[env.locale];
    const cmdlet = `${verb}-Service`;
    const b = bindPs(args, ['Name', 'DisplayName'], ['Force', 'PassThru']);
    if (b.unknown) return psBinding.paramNotFound(env.msg, cmdlet, line, b.unknown);
    const name = ((b.named.Name ?? b.named.DisplayName) as string | undefined) ?? b.positional[0];
    if (!name) return psBinding.missingMandatory(env.msg, cmdlet, line, ['Name']);
    const svc = find(env, name);
    if (!svc) return noService(env, cmdlet, name, line);
    const force = b.named.Force === true;
    if (verb === 'Suspend' || verb === 'Resume') {
      const r = control(env, svc, verb === 'Suspend' ? 'pause' : 'continue');
      if (r.ok || (verb === 'Suspend' && svc.status === 'Paused')) return [];
      return [
        `${verb}-Service : ${verb === 'Resume' ? t.cannotResume(svc) : r.error === 'notRunning' ? t.notRunningSuspend(svc) : t.cannotSuspend(svc)}`,
      ];
    }
    // Restart brings back the dependents it had to stop (SCM stops them first with -Force).
    const running = [svc, ...dependentsOf(env.host, svc.name)].filter(
      (x) => x.status !== 'Stopped',
    );
    if (verb !== 'Start' && svc.status !== 'Stopped') {
      const r = control(env, svc, 'stop', force);
      if (!r.ok && r.error === 'hasDependents')
        return [`${verb}-Service : ${t.hasDependents(svc)}`];
    }
    if (verb === 'Stop') return [];
    if (svc.status !== 'Stopped') return [];
    const r = control(env, svc, 'start');
    if (!r.ok) return cannotStart(env, cmdlet, svc, line);
    for (const d of running) if (d !== svc && d.status === 'Stopped') control(env, d, 'start');
    return [];
  };
}

export const startService: Command = {
  names: ['Start-Service', 'sasv'],
  shells: ['powershell'],
  summary: { en: 'Start a service.', ja: 'サービスを開始します。' },
  usage: 'Start-Service SMTPSVC',
  run: psControl('Start'),
};
export const stopService: Command = {
  names: ['Stop-Service', 'spsv'],
  shells: ['powershell'],
  summary: { en: 'Stop a service.', ja: 'サービスを停止します。' },
  usage: 'Stop-Service SMTPSVC',
  run: psControl('Stop'),
};
export const restartService: Command = {
  names: ['Restart-Service'],
  shells: ['powershell'],
  summary: { en: 'Restart a service.', ja: 'サービスを再起動します。' },
  usage: 'Restart-Service SMTPSVC',
  run: psControl('Restart'),
};
export const suspendService: Command = {
  names: ['Suspend-Service'],
  shells: ['powershell'],
  summary: {
    en: 'Pause a service (new SMTP connections get 421).',
    ja: 'サービスを一時停止します (新しい SMTP 接続には 421 が返ります)。',
  },
  usage: 'Suspend-Service SMTPSVC',
  run: psControl('Suspend'),
};
export const resumeService: Command = {
  names: ['Resume-Service'],
  shells: ['powershell'],
  summary: { en: 'Resume a paused service.', ja: '一時停止中のサービスを再開します。' },
  usage: 'Resume-Service SMTPSVC',
  run: psControl('Resume'),
};

export const net: Command = {
  names: ['net', 'net.exe'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'net start|stop|pause|continue <service>',
    ja: 'net start|stop|pause|continue <サービス名>',
  },
  usage: 'net start smtpsvc',
  run(args, env) {
    const ja = env.locale === 'ja';
    const t = TEXT[env.locale];
    const verb = args[0]?.toLowerCase();
    if (verb !== 'start' && verb !== 'stop' && verb !== 'pause' && verb !== 'continue')
      return [
        t.netSyntax,
        '',
        'NET',
        '    [ ACCOUNTS | COMPUTER | CONFIG | CONTINUE | FILE | GROUP | HELP |',
        '      HELPMSG | LOCALGROUP | PAUSE | SESSION | SHARE | START |',
        '      STATISTICS | STOP | TIME | USE | USER | VIEW ]',
        '',
      ];
    const svc = find(env, args[1]);
    const helpmsg = (n: number) =>
      ja
        ? `NET HELPMSG ${n} と入力すると、より詳しい説明が得られます。`
        : `More help is available by typing NET HELPMSG ${n}.`;
    if (!svc)
      return [
        ja ? 'サービス名が無効です。' : 'The service name is invalid.',
        '',
        helpmsg(2185),
        '',
      ];
    const n = svc.displayName;
    const starting = (name: string) =>
      ja
        ? [`${name} サービスを開始します.`, `${name} サービスは正常に開始されました。`, '']
        : [`The ${name} service is starting.`, `The ${name} service was started successfully.`, ''];
    const stopping = (name: string) =>
      ja
        ? [`${name} サービスを停止中です.`, `${name} サービスは正常に停止されました。`, '']
        : [`The ${name} service is stopping.`, `The ${name} service was stopped successfully.`, ''];
    if (verb === 'pause' || verb === 'continue') {
      const r = control(env, svc, verb);
      return r.ok
        ? [verb === 'pause' ? t.paused(n) : t.continued(n), '']
        : [t.invalidControl, '', helpmsg(2191), ''];
    }
    if (verb === 'start') {
      if (svc.status !== 'Stopped')
        return [
          ja
            ? '要求したサービスは既に開始されています。'
            : 'The requested service has already been started.',
          '',
          helpmsg(2182),
          '',
        ];
      if (svc.startType === 'Disabled')
        return [
          ja
            ? 'サービスを開始できません。サービスが無効であるか、またはサービスに関連付けられた有効なデバイスがありません。'
            : 'The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.',
          '',
          helpmsg(3521),
          '',
        ];
      const r = control(env, svc, 'start');
      if (!r.ok) return [t.systemError(1068), '', t.dependencyFailed, ''];
      return starting(n);
    }
    if (svc.status === 'Stopped')
      return [
        ja ? `${n} サービスは開始されていません。` : `The ${n} service is not started.`,
        '',
        helpmsg(3521),
        '',
      ];
    // Dependents are listed and net asks; only /y answers without a prompt (the console cannot wait for Y).
    const dependents = dependentsOf(env.host, svc.name).filter((d) => d.status !== 'Stopped');
    if (dependents.length > 0) {
      const list = t.dependents(
        svc,
        dependents.map((d) => d.displayName),
      );
      if (!args.slice(2).some((a) => /^\/y(es)?$/i.test(a))) return [...list, t.confirm];
      control(env, svc, 'stop', true);
      return [...list, ...dependents.flatMap((d) => stopping(d.displayName)), ...stopping(n)];
    }
    control(env, svc, 'stop');
    return stopping(n);
  },
};

export const sc: Command = {
  names: ['sc', 'sc.exe'],
  shells: ['cmd', 'powershell'],
  summary: {
    en: 'sc query <service> (in PowerShell type sc.exe)',
    ja: 'sc query <サービス名> (PowerShell では sc.exe と入力)',
  },
  usage: 'sc query smtpsvc',
  run(args, env) {
    const t = TEXT[env.locale];
    if (args[0]?.toLowerCase() !== 'query' && args[0]?.toLowerCase() !== 'queryex')
      return [...t.scDescription];
    const svc = find(env, args[1]);
    if (!svc)
      return ['[SC] EnumQueryServicesStatus:OpenService FAILED 1060:', '', t.scNoService, ''];
    const running = svc.status === 'Running' || svc.status === 'Paused';
    const pausable = PAUSABLE.has(svc.name) ? 'PAUSABLE' : 'NOT_PAUSABLE';
    return [
      '',
      `SERVICE_NAME: ${args[1]}`,
      '        TYPE               : 20  WIN32_SHARE_PROCESS',
      `        STATE              : ${svc.status === 'Running' ? '4  RUNNING' : svc.status === 'Paused' ? '7  PAUSED' : '1  STOPPED'}`,
      `                                (${running ? `STOPPABLE, ${pausable}, ACCEPTS_SHUTDOWN` : 'NOT_STOPPABLE, NOT_PAUSABLE, IGNORES_SHUTDOWN'})`,
      `        WIN32_EXIT_CODE    : ${running ? '0  (0x0)' : '1077  (0x435)'}`,
      '        SERVICE_EXIT_CODE  : 0  (0x0)',
      '        CHECKPOINT         : 0x0',
      '        WAIT_HINT          : 0x0',
      '',
    ];
  },
};
