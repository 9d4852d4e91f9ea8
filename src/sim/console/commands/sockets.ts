/**
 * Listening sockets: `netstat -an` / `-ano` and `Get-NetTCPConnection`, to see what a host really
 * listens on. The IIS virtual server listens on its bindings (General tab, reference §4.1) while
 * SMTPSVC runs; a binding to an address the host does not have never opens.
 */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { consoleMessages, psBinding } from '../messages';
import { programByService } from '../../world/programs';

/** Windows services every Windows host runs (RPC, SMB, Remote Desktop), with a plausible PID. */
const WINDOWS_PORTS: [number, number][] = [
  [135, 912],
  [445, 4],
  [3389, 1036],
];
/** SMTPSVC is hosted by inetinfo.exe (reference §8.5). */
const INETINFO_PID = 2184;
const WINDOWS_ROLES = ['iis', 'app', 'client', 'dns'];

interface Listener {
  ip: string;
  port: number;
  pid: number;
}

function listeners(env: CommandEnv): Listener[] {
  const out: Listener[] = [];
  if (WINDOWS_ROLES.includes(env.host.role))
    out.push(...WINDOWS_PORTS.map(([port, pid]) => ({ ip: '0.0.0.0', port, pid })));
  for (const port of env.host.extraPorts) out.push({ ip: '0.0.0.0', port, pid: 4 });
  // A mail program on the host (hMailServer) listens while its service runs, with its own PID.
  const program = env.host.spec.receiver?.service
    ? programByService(env.host.spec.receiver.service)
    : undefined;
  if (program && env.host.service(program.service)?.status === 'Running')
    for (const port of env.host.spec.receiver?.ports ?? [25])
      out.push({ ip: '0.0.0.0', port, pid: program.pid });
  if (env.iis?.running()) {
    for (const b of env.iis.settings.bindings) {
      if (b.ip !== '' && !env.host.ips.includes(b.ip)) continue;
      out.push({ ip: b.ip || '0.0.0.0', port: b.port, pid: INETINFO_PID });
    }
  }
  return out.sort((a, b) => a.port - b.port || a.ip.localeCompare(b.ip));
}

export const netstat: Command = {
  names: ['netstat', 'netstat.exe'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'Show listening ports: netstat -an (-ano adds the process ID).',
    ja: '待ち受け中のポートを表示します: netstat -an (-ano でプロセス ID も表示)。',
  },
  usage: 'netstat -ano',
  run(args, env) {
    const ja = env.locale === 'ja';
    const withPid = args.some((a) => /^[-/][a-z]*o[a-z]*$/i.test(a));
    const head = ja
      ? [
          '',
          'アクティブな接続',
          '',
          `  プロトコル  ローカル アドレス      外部アドレス           状態${withPid ? '            PID' : ''}`,
        ]
      : [
          '',
          'Active Connections',
          '',
          `  Proto  Local Address          Foreign Address        State${withPid ? '           PID' : ''}`,
        ];
    const rows = listeners(env).map((l) => {
      const row = `  TCP    ${`${l.ip}:${l.port}`.padEnd(23)}${'0.0.0.0:0'.padEnd(23)}LISTENING`;
      return withPid ? `${row}       ${l.pid}` : row;
    });
    return [...head, ...rows, ''];
  },
};

export const getNetTcpConnection: Command = {
  names: ['Get-NetTCPConnection'],
  shells: ['powershell'],
  summary: {
    en: 'Show TCP sockets (-LocalPort 25 -State Listen).',
    ja: 'TCP のソケットを表示します (-LocalPort 25 -State Listen)。',
  },
  usage: 'Get-NetTCPConnection -LocalPort 25 -State Listen',
  run(args, env, line) {
    const b = bindPs(args, ['LocalPort', 'State', 'LocalAddress'], []);
    if (b.unknown)
      return psBinding.paramNotFound(
        env.msg,
        'Get-NetTCPConnection',
        line,
        b.unknown,
        'Get-NetTCPConnection',
      );
    const port = b.named.LocalPort === undefined ? null : Number(b.named.LocalPort);
    const state = (b.named.State as string | undefined)?.toLowerCase();
    const found =
      state && state !== 'listen'
        ? []
        : listeners(env).filter((l) => port === null || l.port === port);
    if (found.length === 0) {
      const where = [
        port !== null ? `(LocalPort = ${port})` : '',
        state ? `(State = ${b.named.State})` : '',
      ]
        .filter(Boolean)
        .join(' AND ');
      return [consoleMessages(env.locale).psNoTcpConnection(where), ''];
    }
    return [
      '',
      'LocalAddress                        LocalPort RemoteAddress                       RemotePort State       AppliedSetting OwningProcess',
      '------------                        --------- -------------                       ---------- -----       -------------- -------------',
      ...found.map(
        (l) =>
          `${l.ip.padEnd(35)} ${String(l.port).padEnd(9)} ${'0.0.0.0'.padEnd(35)} ${'0'.padEnd(10)} ${'Listen'.padEnd(11)} ${''.padEnd(14)} ${l.pid}`,
      ),
      '',
    ];
  },
};
