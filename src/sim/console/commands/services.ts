/** Windows services: Get-Service, Start-/Stop-/Restart-Service, net start|stop, sc query (reference §8.5). */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import type { ServiceState } from '../../world/host';

function setStatus(env: CommandEnv, svc: ServiceState, status: 'Running' | 'Stopped'): void {
  if (svc.name === 'SMTPSVC' && env.iis) env.iis.setServiceStatus(status);
  else {
    svc.status = status;
    env.ctx.changed();
  }
}

function find(env: CommandEnv, name: string | undefined): ServiceState | undefined {
  return name ? env.host.service(name) ?? [...env.host.services.values()].find((s) => s.displayName.toLowerCase() === name.toLowerCase()) : undefined;
}

export const getService: Command = {
  names: ['Get-Service', 'gsv'],
  shells: ['powershell'],
  summary: { en: 'Show Windows services (e.g. SMTPSVC).', ja: 'Windows サービスを表示します (SMTPSVC など)。' },
  usage: 'Get-Service SMTPSVC',
  run(args, env) {
    const b = bindPs(args, ['Name', 'DisplayName'], []);
    const name = (b.named.Name as string | undefined) ?? b.positional[0];
    const list = name ? [find(env, name)].filter((s): s is ServiceState => !!s) : [...env.host.services.values()];
    if (name && list.length === 0) return [`Get-Service : Cannot find any service with service name '${name}'.`];
    return ['', 'Status   Name               DisplayName', '------   ----               -----------', ...list.map((s) => `${s.status.padEnd(8)} ${s.name.padEnd(18)} ${s.displayName}`), ''];
  },
};

function psControl(verb: 'Start' | 'Stop' | 'Restart'): Command['run'] {
  return (args, env) => {
    const b = bindPs(args, ['Name', 'DisplayName'], ['Force', 'PassThru']);
    const name = (b.named.Name as string | undefined) ?? b.positional[0];
    const svc = find(env, name);
    if (!svc) return [`${verb}-Service : Cannot find any service with service name '${name ?? ''}'.`];
    if (verb !== 'Stop' && svc.startType === 'Disabled')
      return [`${verb}-Service : Service '${svc.displayName} (${svc.name})' cannot be started due to the following error: Cannot start service ${svc.name} on computer '.'.`];
    if (verb !== 'Start') setStatus(env, svc, 'Stopped');
    if (verb !== 'Stop') setStatus(env, svc, 'Running');
    return [];
  };
}

export const startService: Command = { names: ['Start-Service', 'sasv'], shells: ['powershell'], summary: { en: 'Start a service.', ja: 'サービスを開始します。' }, usage: 'Start-Service SMTPSVC', run: psControl('Start') };
export const stopService: Command = { names: ['Stop-Service', 'spsv'], shells: ['powershell'], summary: { en: 'Stop a service.', ja: 'サービスを停止します。' }, usage: 'Stop-Service SMTPSVC', run: psControl('Stop') };
export const restartService: Command = { names: ['Restart-Service'], shells: ['powershell'], summary: { en: 'Restart a service.', ja: 'サービスを再起動します。' }, usage: 'Restart-Service SMTPSVC', run: psControl('Restart') };

export const net: Command = {
  names: ['net', 'net.exe'],
  shells: ['powershell', 'cmd'],
  summary: { en: 'net start|stop <service>', ja: 'net start|stop <サービス名>' },
  usage: 'net start smtpsvc',
  run(args, env) {
    const ja = env.locale === 'ja';
    const verb = args[0]?.toLowerCase();
    if (verb !== 'start' && verb !== 'stop') return ['The syntax of this command is:', '', 'NET', '    [ ACCOUNTS | COMPUTER | CONFIG | CONTINUE | FILE | GROUP | HELP |', '      HELPMSG | LOCALGROUP | PAUSE | SESSION | SHARE | START |', '      STATISTICS | STOP | TIME | USE | USER | VIEW ]', ''];
    const svc = find(env, args[1]);
    const helpmsg = (n: number) => (ja ? `NET HELPMSG ${n} と入力すると、より詳しい説明が得られます。` : `More help is available by typing NET HELPMSG ${n}.`);
    if (!svc) return [ja ? 'サービス名が無効です。' : 'The service name is invalid.', '', helpmsg(2185), ''];
    const n = svc.displayName;
    if (verb === 'start') {
      if (svc.status === 'Running') return [ja ? '要求したサービスは既に開始されています。' : 'The requested service has already been started.', '', helpmsg(2182), ''];
      if (svc.startType === 'Disabled')
        return [ja ? 'サービスを開始できません。サービスが無効になっているか、サービスに関連付けられた有効なデバイスがありません。' : 'The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.', '', helpmsg(3521), ''];
      setStatus(env, svc, 'Running');
      return ja ? [`${n} サービスを開始します.`, `${n} サービスは正常に開始されました。`, ''] : [`The ${n} service is starting.`, `The ${n} service was started successfully.`, ''];
    }
    if (svc.status !== 'Running') return [ja ? `${n} サービスは開始されていません。` : `The ${n} service is not started.`, '', helpmsg(3521), ''];
    setStatus(env, svc, 'Stopped');
    return ja ? [`${n} サービスを停止中です.`, `${n} サービスは正常に停止されました。`, ''] : [`The ${n} service is stopping.`, `The ${n} service was stopped successfully.`, ''];
  },
};

export const sc: Command = {
  names: ['sc', 'sc.exe'],
  shells: ['cmd', 'powershell'],
  summary: { en: 'sc query <service> (in PowerShell type sc.exe)', ja: 'sc query <サービス名> (PowerShell では sc.exe と入力)' },
  usage: 'sc query smtpsvc',
  run(args, env) {
    if (args[0]?.toLowerCase() !== 'query' && args[0]?.toLowerCase() !== 'queryex') return ['DESCRIPTION:', '        SC is a command line program used for communicating with the', '        Service Control Manager and services.'];
    const svc = find(env, args[1]);
    if (!svc) return ['[SC] EnumQueryServicesStatus:OpenService FAILED 1060:', '', 'The specified service does not exist as an installed service.', ''];
    const running = svc.status === 'Running';
    return [
      '',
      `SERVICE_NAME: ${args[1]}`,
      '        TYPE               : 20  WIN32_SHARE_PROCESS',
      `        STATE              : ${running ? '4  RUNNING' : svc.status === 'Paused' ? '7  PAUSED' : '1  STOPPED'}`,
      `                                (${running ? 'STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN' : 'NOT_STOPPABLE, NOT_PAUSABLE, IGNORES_SHUTDOWN'})`,
      `        WIN32_EXIT_CODE    : ${running ? '0  (0x0)' : '1077  (0x435)'}`,
      '        SERVICE_EXIT_CODE  : 0  (0x0)',
      '        CHECKPOINT         : 0x0',
      '        WAIT_HINT          : 0x0',
      '',
    ];
  },
};
