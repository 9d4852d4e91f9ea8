/** Network diagnostics: Test-NetConnection, telnet, Resolve-DnsName, ping (reference §8.1–§8.4); nslookup is in nslookup.ts. */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { psBinding } from '../messages';
import { ptrAddress, reverseName } from '../../dns/dns';

/** Resolve a name (or pass an IP through) the way the host's resolver would. */
function resolve(env: CommandEnv, name: string): string | null {
  // `localhost` and the computer's own name never reach DNS (hosts file, LLMNR).
  if (/^localhost$/i.test(name)) return '127.0.0.1';
  if (name.toLowerCase() === env.host.name.toLowerCase()) return env.host.ips[0] ?? null;
  const a = env.ctx.dns.via(env.host.spec.dns).a(name);
  return a.kind === 'answer' ? (a.records[0]?.ip ?? null) : null;
}

function interfaceAlias(env: CommandEnv, ip = ''): string {
  // Traffic to 127.x leaves through Windows' loopback interface, whose name is not localised.
  if (ip.startsWith('127.')) return 'Loopback Pseudo-Interface 1';
  return env.locale === 'ja' ? 'イーサネット' : 'Ethernet';
}

const pad = (label: string, width: number) => label.padEnd(width);
const RESOLVE_CLASS = 'Microsoft.DnsClient.Commands.ResolveDnsName';

export const testNetConnection: Command = {
  names: ['Test-NetConnection', 'tnc'],
  shells: ['powershell'],
  summary: {
    en: 'Test a TCP port on a remote host (and ping it).',
    ja: 'リモート ホストの TCP ポートへの接続を確認します (ping も実行)。',
  },
  usage: 'Test-NetConnection mx1.example.net -Port 25',
  run(args, env) {
    const b = bindPs(args, ['ComputerName', 'Port', 'InformationLevel', 'CommonTCPPort'], []);
    const target =
      (b.named.ComputerName as string | undefined) ??
      b.positional[0] ??
      'internetbeacon.msedge.net';
    const portText =
      (b.named.Port as string | undefined) ?? (b.named.CommonTCPPort === 'SMTP' ? '25' : undefined);
    const quiet = String(b.named.InformationLevel ?? '').toLowerCase() === 'quiet';
    const ip = resolve(env, target);
    const source = ip?.startsWith('127.') ? ip : (env.host.ips[0] ?? '');
    if (ip === null) {
      return [
        `${env.msg.warning} Name resolution of ${target} failed`,
        '',
        ...(quiet
          ? ['False']
          : [
              `${pad('ComputerName', 22)} : ${target}`,
              `${pad('RemoteAddress', 22)} : `,
              `${pad('InterfaceAlias', 22)} : `,
              `${pad('SourceAddress', 22)} : `,
              `${pad('PingSucceeded', 22)} : False`,
              '',
            ]),
      ];
    }
    const ping = env.ctx.net.ping(env.host, ip);
    const rtt =
      ping && !ip.startsWith('127.') && !env.host.ips.includes(ip) ? env.ctx.rng.int(1, 40) : 0;
    if (portText === undefined) {
      if (quiet) return [ping ? 'True' : 'False'];
      return [
        ...(ping
          ? []
          : [
              `${env.msg.warning} Ping to ${ip} failed with status: ${env.ctx.net.pingStatus(env.host, ip)}`,
              '',
            ]),
        `${pad('ComputerName', 22)} : ${target}`,
        `${pad('RemoteAddress', 22)} : ${ip}`,
        `${pad('InterfaceAlias', 22)} : ${interfaceAlias(env, ip)}`,
        `${pad('SourceAddress', 22)} : ${source}`,
        `${pad('PingSucceeded', 22)} : ${ping ? 'True' : 'False'}`,
        `${pad('PingReplyDetails (RTT)', 22)} : ${rtt} ms`,
        '',
      ];
    }
    const port = Number(portText);
    const outcome = env.ctx.net.connect(env.host, ip, port);
    const ok = outcome.kind === 'connected';
    // A dropped SYN takes Windows about 21 seconds to give up on; the world's clock moves with it.
    if (outcome.kind === 'timedOut' || outcome.kind === 'unreachable')
      env.ctx.clock.advanceBy(21_000);
    if (quiet) return [ok ? 'True' : 'False'];
    if (ok) {
      return [
        '',
        `${pad('ComputerName', 16)} : ${target}`,
        `${pad('RemoteAddress', 16)} : ${ip}`,
        `${pad('RemotePort', 16)} : ${port}`,
        `${pad('InterfaceAlias', 16)} : ${interfaceAlias(env, ip)}`,
        `${pad('SourceAddress', 16)} : ${source}`,
        `${pad('TcpTestSucceeded', 16)} : True`,
        '',
      ];
    }
    return [
      `${env.msg.warning} TCP connect to (${ip} : ${port}) failed`,
      ...(ping
        ? []
        : [
            `${env.msg.warning} Ping to ${ip} failed with status: ${env.ctx.net.pingStatus(env.host, ip)}`,
          ]),
      '',
      '',
      `${pad('ComputerName', 22)} : ${target}`,
      `${pad('RemoteAddress', 22)} : ${ip}`,
      `${pad('RemotePort', 22)} : ${port}`,
      `${pad('InterfaceAlias', 22)} : ${interfaceAlias(env, ip)}`,
      `${pad('SourceAddress', 22)} : ${source}`,
      `${pad('PingSucceeded', 22)} : ${ping ? 'True' : 'False'}`,
      `${pad('PingReplyDetails (RTT)', 22)} : ${rtt} ms`,
      `${pad('TcpTestSucceeded', 22)} : False`,
      '',
    ];
  },
};

export const telnet: Command = {
  names: ['telnet', 'telnet.exe'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'Open an interactive connection to a port (type SMTP commands by hand).',
    ja: 'ポートに対話型で接続します (SMTP コマンドを手入力できます)。',
  },
  usage: 'telnet mx1.example.net 25',
  run(args, env) {
    const [target, portText] = args;
    if (!target)
      return [
        env.locale === 'ja' ? '使用法: telnet [ホスト [ポート]]' : 'Usage: telnet [host [port]]',
      ];
    const port = portText ? Number(portText) : 23;
    const ip = resolve(env, target);
    if (ip === null) return [env.msg.telnetConnecting(target), env.msg.telnetFailed(port)];
    const opened = env.ctx.openSmtp(env.host, ip, port);
    if (opened.kind !== 'open') {
      if (opened.kind === 'timedOut' || opened.kind === 'unreachable')
        env.ctx.clock.advanceBy(21_000);
      return [env.msg.telnetConnecting(target), env.msg.telnetFailed(port)];
    }
    // A server that refuses at once (connection control, paused, busy) hangs up after its greeting, if any.
    if (opened.conn.closed) return [...opened.conn.greeting, '', env.msg.telnetLost];
    env.enterTelnet(opened.conn, target);
    return [...opened.conn.greeting];
  },
};

export const resolveDnsName: Command = {
  names: ['Resolve-DnsName'],
  shells: ['powershell'],
  summary: {
    en: 'Query DNS from PowerShell (-Type A, MX, PTR, TXT).',
    ja: 'PowerShell から DNS を照会します (-Type A、MX、PTR、TXT)。',
  },
  usage: 'Resolve-DnsName example.net -Type MX',
  run(args, env, line) {
    const b = bindPs(args, ['Name', 'Type', 'Server'], ['DnsOnly', 'NoHostsFile', 'TcpOnly']);
    const name = (b.named.Name as string | undefined) ?? b.positional[0];
    const type = String(b.named.Type ?? b.positional[1] ?? 'A').toUpperCase();
    if (!name)
      return psBinding.missingMandatory(env.msg, 'Resolve-DnsName', line, ['Name'], RESOLVE_CLASS);
    const resolver = env.ctx.dns.via(env.host.spec.dns);
    const opts = { tcp: b.named.TcpOnly === true };
    // The Win32 error behind each failure (reference §8.4): name error, server failure, timeout.
    // The message is the Win32 text, which Japanese Windows localises; the ids stay English.
    const ja = env.locale === 'ja';
    const failure = (kind: string, n: string) => {
      const [text, category, id] =
        kind === 'servfail'
          ? [
              ja ? 'DNS サーバーの障害です' : 'DNS server failure',
              'ResourceUnavailable',
              'DNS_ERROR_RCODE_SERVER_FAILURE',
            ]
          : kind === 'timeout' || kind === 'refused'
            ? [
                ja
                  ? 'タイムアウト期間が経過したため、この操作は終了しました'
                  : 'This operation returned because the timeout period expired',
                'OperationTimeout',
                'ERROR_TIMEOUT',
              ]
            : [
                ja ? 'DNS 名は存在しません' : 'DNS name does not exist',
                'ResourceUnavailable',
                'DNS_ERROR_RCODE_NAME_ERROR',
              ];
      return [
        `Resolve-DnsName : ${n} : ${text}`,
        env.msg.psAtLine,
        `+ ${line}`,
        `+ ${'~'.repeat(line.length)}`,
        `    + CategoryInfo          : ${category}: (${n}:String) [Resolve-DnsName], Win32Exception`,
        `    + FullyQualifiedErrorId : ${id},${RESOLVE_CLASS}`,
        '',
      ];
    };
    const row = (cols: string[], widths: number[]) =>
      cols
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join(' ')
        .trimEnd();
    if (type === 'MX') {
      const r = resolver.mx(name, opts);
      if (r.kind !== 'answer') return failure(r.kind, name);
      const w = [30, 6, 5, 10, 27, 10];
      return [
        '',
        row(['Name', 'Type', 'TTL', 'Section', 'NameExchange', 'Preference'], w),
        row(['----', '----', '---', '-------', '------------', '----------'], w),
        ...r.records.map((m) =>
          row([name, 'MX', String(m.ttl), 'Answer', m.exchange, String(m.preference)], w),
        ),
        '',
      ];
    }
    if (type === 'PTR' || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
      const ip = ptrAddress(name);
      const r = resolver.ptr(ip, opts);
      if (r.kind !== 'answer') return failure(r.kind, reverseName(ip));
      const w = [30, 4, 5, 10, 30];
      return [
        '',
        row(['Name', 'Type', 'TTL', 'Section', 'NameHost'], w),
        row(['----', '----', '---', '-------', '--------'], w),
        ...r.records.map((p) => row([p.name, 'PTR', String(p.ttl), 'Answer', p.host], w)),
        '',
      ];
    }
    if (type === 'TXT') {
      const r = resolver.txt(name, opts);
      if (r.kind !== 'answer') return failure(r.kind, name);
      const w = [30, 4, 5, 10, 40];
      return [
        '',
        row(['Name', 'Type', 'TTL', 'Section', 'Strings'], w),
        row(['----', '----', '---', '-------', '-------'], w),
        ...r.records.map((t) => row([name, 'TXT', String(t.ttl), 'Answer', `{${t.text}}`], w)),
        '',
      ];
    }
    const r = resolver.a(name, opts);
    if (r.kind !== 'answer') return failure(r.kind, name);
    const w = [30, 4, 5, 10, 15];
    return [
      '',
      row(['Name', 'Type', 'TTL', 'Section', 'IPAddress'], w),
      row(['----', '----', '---', '-------', '---------'], w),
      ...r.records.map((a) => row([name, 'A', String(a.ttl), 'Answer', a.ip], w)),
      '',
    ];
  },
};

export const ping: Command = {
  names: ['ping', 'ping.exe'],
  shells: ['powershell', 'cmd'],
  summary: { en: 'Send ICMP echo requests.', ja: 'ICMP エコー要求を送信します。' },
  usage: 'ping mx1.example.net',
  run(args, env) {
    const target = args.find((a) => !a.startsWith('-') && !a.startsWith('/'));
    if (!target)
      return [env.locale === 'ja' ? '使い方: ping 対象の名前' : 'Usage: ping target_name'];
    const ip = resolve(env, target);
    const ja = env.locale === 'ja';
    if (ip === null)
      return [
        ja
          ? `ping 要求ではホスト ${target} が見つかりませんでした。ホスト名を確認してもう一度実行してください。`
          : `Ping request could not find host ${target}. Please check the name and try again.`,
      ];
    const ok = env.ctx.net.ping(env.host, ip);
    const label = target === ip ? ip : `${target} [${ip}]`;
    const replies = Array.from({ length: 4 }, () => {
      if (!ok) return ja ? '要求がタイムアウトしました。' : 'Request timed out.';
      const t = env.ctx.rng.int(1, 30);
      return ja
        ? `${ip} からの応答: バイト数 =32 時間 =${t}ms TTL=53`
        : `Reply from ${ip}: bytes=32 time=${t}ms TTL=53`;
    });
    const received = ok ? 4 : 0;
    return [
      '',
      ja
        ? `${label} に ping を送信しています 32 バイトのデータ:`
        : `Pinging ${label} with 32 bytes of data:`,
      ...replies,
      '',
      ja ? `${ip} の ping 統計:` : `Ping statistics for ${ip}:`,
      ja
        ? `    パケット数: 送信 = 4、受信 = ${received}、損失 = ${4 - received} (${ok ? 0 : 100}% の損失)、`
        : `    Packets: Sent = 4, Received = ${received}, Lost = ${4 - received} (${ok ? 0 : 100}% loss),`,
      '',
    ];
  },
};
