/**
 * Processes: tasklist and taskkill (cmd), Get-Process and Stop-Process (PowerShell), to find which
 * program owns a port that netstat -ano shows (`port-in-use`). Every Windows host runs the same
 * system processes; inetinfo.exe hosts IIS Admin and SMTPSVC (reference §8.5); a program the
 * scenario installed (world/programs.ts) runs while its service does. PIDs are illustrative and
 * match netstat's (docs/fidelity.md).
 */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { cmdletClass, psBinding, psErrorRecord } from '../messages';
import { programByService } from '../../world/programs';
import type { ServiceState } from '../../world/host';

interface Proc {
  image: string;
  pid: number;
  memKb: number;
  services: string[];
  /** Session 0 (services) or 1 (the administrator's console). */
  session: 0 | 1;
  /** A program's service: stopping the process stops it. */
  program?: ServiceState;
}

const SYSTEM: Omit<Proc, 'program'>[] = [
  { image: 'System Idle Process', pid: 0, memKb: 8, services: [], session: 0 },
  { image: 'System', pid: 4, memKb: 140, services: [], session: 0 },
  { image: 'smss.exe', pid: 312, memKb: 1_204, services: [], session: 0 },
  { image: 'csrss.exe', pid: 404, memKb: 5_312, services: [], session: 0 },
  { image: 'wininit.exe', pid: 480, memKb: 6_876, services: [], session: 0 },
  { image: 'services.exe', pid: 624, memKb: 9_644, services: [], session: 0 },
  { image: 'lsass.exe', pid: 640, memKb: 17_980, services: ['KeyIso', 'SamSs'], session: 0 },
  {
    image: 'svchost.exe',
    pid: 912,
    memKb: 12_412,
    services: ['RpcEptMapper', 'RpcSs'],
    session: 0,
  },
  { image: 'svchost.exe', pid: 1036, memKb: 14_208, services: ['TermService'], session: 0 },
  {
    image: 'svchost.exe',
    pid: 1180,
    memKb: 21_764,
    services: ['Dnscache', 'LanmanWorkstation'],
    session: 0,
  },
  { image: 'MsMpEng.exe', pid: 2320, memKb: 118_540, services: ['WinDefend'], session: 0 },
  { image: 'explorer.exe', pid: 3480, memKb: 78_312, services: [], session: 1 },
  { image: 'powershell.exe', pid: 4212, memKb: 64_904, services: [], session: 1 },
];
/** SMTPSVC and IISADMIN share inetinfo.exe (reference §8.5); W3SVC runs in its own svchost. */
const INETINFO = { image: 'inetinfo.exe', pid: 2184, memKb: 24_116, session: 0 as const };
const W3SVC_HOST = { image: 'svchost.exe', pid: 1672, memKb: 19_044, session: 0 as const };
const WINDOWS_ROLES = ['iis', 'app', 'client', 'dns'];

const running = (s: ServiceState) => s.status !== 'Stopped';

/** Every process of the host, in PID order. */
function processes(env: CommandEnv): Proc[] {
  if (!WINDOWS_ROLES.includes(env.host.role)) return [];
  const out: Proc[] = [...SYSTEM];
  const svcs = [...env.host.services.values()].filter(running);
  const inetinfo = svcs
    .filter((s) => s.name === 'IISADMIN' || s.name === 'SMTPSVC')
    .map((s) => s.name);
  if (inetinfo.length > 0) out.push({ ...INETINFO, services: inetinfo.sort() });
  if (svcs.some((s) => s.name === 'W3SVC')) out.push({ ...W3SVC_HOST, services: ['W3SVC', 'WAS'] });
  for (const s of svcs) {
    const p = programByService(s.name);
    if (p)
      out.push({
        image: p.image,
        pid: p.pid,
        memKb: p.memKb,
        services: [s.name],
        session: 0,
        program: s,
      });
  }
  return out.sort((a, b) => a.pid - b.pid);
}

const thousands = (n: number) => n.toLocaleString('en-US');

/** tasklist's /FI "PID eq n" and /FI "IMAGENAME eq name" filters (the others match everything). */
function tasklistFilter(args: string[]): (p: Proc) => boolean {
  const tests: ((p: Proc) => boolean)[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!/^\/fi$/i.test(args[i] as string)) continue;
    const m = /^\s*(pid|imagename)\s+(eq|ne)\s+(.+?)\s*$/i.exec(args[i + 1] ?? '');
    if (!m) continue;
    const [, key, op, value] = m as unknown as [string, string, string, string];
    const hit = (p: Proc) =>
      key.toLowerCase() === 'pid'
        ? String(p.pid) === value
        : p.image.toLowerCase() === value.toLowerCase();
    tests.push(op.toLowerCase() === 'eq' ? hit : (p) => !hit(p));
  }
  return (p) => tests.every((t) => t(p));
}

export const tasklist: Command = {
  names: ['tasklist', 'tasklist.exe'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'List running processes (/svc shows the services in each; /fi "PID eq 3120" filters).',
    ja: '実行中のプロセスを一覧表示します (/svc で各プロセスのサービス、/fi "PID eq 3120" で絞り込み)。',
  },
  usage: 'tasklist /svc /fi "PID eq 3120"',
  run(args, env) {
    const ja = env.locale === 'ja';
    const svc = args.some((a) => /^\/svc$/i.test(a));
    const list = processes(env).filter(tasklistFilter(args));
    if (list.length === 0)
      return [
        ja
          ? '情報: 指定された条件に一致するタスクは実行されていません。'
          : 'INFO: No tasks are running which match the specified criteria.',
      ];
    const rule = svc
      ? `${'='.repeat(25)} ${'='.repeat(8)} ${'='.repeat(44)}`
      : `${'='.repeat(25)} ${'='.repeat(8)} ${'='.repeat(16)} ${'='.repeat(11)} ${'='.repeat(12)}`;
    const head = svc
      ? ja
        ? 'イメージ名                     PID サービス'
        : 'Image Name                     PID Services'
      : ja
        ? 'イメージ名                     PID セッション名     セッション# メモリ使用量'
        : 'Image Name                     PID Session Name        Session#    Mem Usage';
    const rows = list.map((p) =>
      svc
        ? `${p.image.padEnd(25)} ${String(p.pid).padStart(8)} ${p.services.join(', ') || (ja ? 'N/A' : 'N/A')}`
        : `${p.image.padEnd(25)} ${String(p.pid).padStart(8)} ${(p.session === 0 ? 'Services' : 'Console').padEnd(16)} ${String(p.session).padStart(11)} ${`${thousands(p.memKb)} K`.padStart(12)}`,
    );
    return ['', head, rule, ...rows];
  },
};

const psName = (p: Proc) => p.image.replace(/\.exe$/i, '');

/** Get-Process / Stop-Process: no process with that Id or name, with its error record. */
function noProcess(
  env: CommandEnv,
  cmdlet: string,
  line: string,
  by: { id: string } | { name: string },
): string[] {
  const ja = env.locale === 'ja';
  if ('id' in by)
    return psErrorRecord(env.msg, {
      message: `${cmdlet} : ${ja ? `プロセス識別子 ${by.id} のプロセスが見つかりません。` : `Cannot find a process with the process identifier ${by.id}.`}`,
      line,
      category: `ObjectNotFound: (${by.id}:Int32) [${cmdlet}], ProcessCommandException`,
      id: `NoProcessFoundForGivenId,${cmdletClass(cmdlet)}`,
    });
  return psErrorRecord(env.msg, {
    message: `${cmdlet} : ${ja ? `名前 "${by.name}" のプロセスが見つかりません。プロセス名を確認し、コマンドレットを再度呼び出してください。` : `Cannot find a process with the name "${by.name}". Verify the process name and call the cmdlet again.`}`,
    line,
    category: `ObjectNotFound: (${by.name}:String) [${cmdlet}], ProcessCommandException`,
    id: `NoProcessFoundForGivenName,${cmdletClass(cmdlet)}`,
  });
}

export const getProcess: Command = {
  names: ['Get-Process', 'gps', 'ps'],
  shells: ['powershell'],
  summary: {
    en: 'Show processes (-Id 3120, -Name hMailServer).',
    ja: 'プロセスを表示します (-Id 3120、-Name hMailServer)。',
  },
  usage: 'Get-Process -Id 3120',
  run(args, env, line) {
    const b = bindPs(args, ['Name', 'Id'], ['IncludeUserName']);
    if (b.unknown) return psBinding.paramNotFound(env.msg, 'Get-Process', line, b.unknown);
    const all = processes(env);
    let list = all;
    if (b.named.Id !== undefined) {
      const id = Number(b.named.Id);
      list = all.filter((p) => p.pid === id);
      if (list.length === 0) return noProcess(env, 'Get-Process', line, { id: String(b.named.Id) });
    } else {
      const name = (b.named.Name as string | undefined) ?? b.positional[0];
      if (name) {
        list = all.filter(
          (p) => psName(p).toLowerCase() === name.toLowerCase().replace(/\.exe$/, ''),
        );
        if (list.length === 0) return noProcess(env, 'Get-Process', line, { name });
      }
    }
    return [
      '',
      'Handles  NPM(K)    PM(K)      WS(K)     CPU(s)     Id  SI ProcessName',
      '-------  ------    -----      -----     ------     --  -- -----------',
      ...list.map(
        (p) =>
          `${String(150 + (p.pid % 400)).padStart(7)} ${String(8 + (p.pid % 30)).padStart(7)} ${String(Math.round(p.memKb * 0.6)).padStart(8)} ${String(p.memKb).padStart(10)} ${(p.pid === 0 ? '' : ((p.pid % 97) / 10 + 0.03).toFixed(2)).padStart(10)} ${String(p.pid).padStart(6)} ${String(p.session).padStart(3)} ${psName(p)}`,
      ),
      '',
    ];
  },
};

/**
 * End a process. A program's process ends its service (SCM 7034: it "terminated unexpectedly");
 * its startup type is unchanged, so it comes back at the next boot. Windows' own processes refuse.
 */
function kill(env: CommandEnv, p: Proc): string | null {
  if (!p.program) return 'denied';
  p.program.status = 'Stopped';
  env.ctx.addEvent(env.host, {
    log: 'System',
    source: 'Service Control Manager',
    eventId: 7034,
    level: 'Error',
    time: env.ctx.clock.now(),
    message:
      env.locale === 'ja'
        ? `${p.program.displayName} サービスは予期せぬ原因により終了しました。このサービスの終了は 1 回目です。`
        : `The ${p.program.displayName} service terminated unexpectedly.  It has done this 1 time(s).`,
  });
  env.ctx.changed();
  return null;
}

export const stopProcess: Command = {
  names: ['Stop-Process', 'kill', 'spps'],
  shells: ['powershell'],
  summary: {
    en: 'End a process (-Id 3120 or -Name hMailServer).',
    ja: 'プロセスを終了します (-Id 3120 または -Name hMailServer)。',
  },
  usage: 'Stop-Process -Id 3120 -Force',
  run(args, env, line) {
    const b = bindPs(args, ['Id', 'Name'], ['Force', 'PassThru']);
    if (b.unknown) return psBinding.paramNotFound(env.msg, 'Stop-Process', line, b.unknown);
    const all = processes(env);
    const id = b.named.Id ?? (b.named.Name === undefined ? b.positional[0] : undefined);
    const targets =
      id !== undefined
        ? all.filter((p) => p.pid === Number(id))
        : all.filter((p) => psName(p).toLowerCase() === String(b.named.Name).toLowerCase());
    if (id === undefined && b.named.Name === undefined)
      return psBinding.missingMandatory(env.msg, 'Stop-Process', line, ['Id']);
    if (targets.length === 0)
      return noProcess(
        env,
        'Stop-Process',
        line,
        id !== undefined ? { id: String(id) } : { name: String(b.named.Name) },
      );
    const out: string[] = [];
    for (const p of targets)
      if (kill(env, p))
        out.push(
          ...psErrorRecord(env.msg, {
            message:
              env.locale === 'ja'
                ? `Stop-Process : 次のエラーのため、プロセス "${psName(p)} (${p.pid})" を停止できません: アクセスが拒否されました。`
                : `Stop-Process : Cannot stop process "${psName(p)} (${p.pid})" because of the following error: Access is denied`,
            line,
            category: `CloseError: (System.Diagnostics.Process (${psName(p)}):Process) [Stop-Process], ProcessCommandException`,
            id: 'CouldNotStopProcess,Microsoft.PowerShell.Commands.StopProcessCommand',
          }),
        );
    return out;
  },
};

export const taskkill: Command = {
  names: ['taskkill', 'taskkill.exe'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'End a process: taskkill /PID 3120 /F or /IM hMailServer.exe.',
    ja: 'プロセスを終了します: taskkill /PID 3120 /F または /IM hMailServer.exe。',
  },
  usage: 'taskkill /PID 3120 /F',
  run(args, env) {
    const ja = env.locale === 'ja';
    const at = (flag: string) => {
      const i = args.findIndex((a) => a.toLowerCase() === flag);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const pid = at('/pid');
    const image = at('/im');
    const all = processes(env);
    const targets =
      pid !== undefined
        ? all.filter((p) => String(p.pid) === pid)
        : all.filter((p) => p.image.toLowerCase() === (image ?? '').toLowerCase());
    if (targets.length === 0)
      return [
        pid !== undefined
          ? ja
            ? `エラー: プロセス "${pid}" が見つかりませんでした。`
            : `ERROR: The process "${pid}" not found.`
          : ja
            ? `エラー: プロセス "${image ?? ''}" が見つかりませんでした。`
            : `ERROR: The process "${image ?? ''}" not found.`,
      ];
    return targets
      .map((p) =>
        kill(env, p)
          ? ja
            ? `エラー: PID ${p.pid} のプロセスを終了できませんでした。\r\n理由: アクセスが拒否されました。`
            : `ERROR: The process with PID ${p.pid} could not be terminated.\r\nReason: Access is denied.`
          : ja
            ? `成功: PID ${p.pid} のプロセスは強制終了されました。`
            : `SUCCESS: The process with PID ${p.pid} has been terminated.`,
      )
      .flatMap((l) => l.split('\r\n'));
  },
};
