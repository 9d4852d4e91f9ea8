/** Shell built-ins: help, cls, hostname, ipconfig, history, cmd / powershell / exit. */
import type { Command } from '../command';
import { dotLeader } from '../columns';
import { allCommands } from './registry';

export const help: Command = {
  names: ['help', 'Get-Help', '?'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'List the commands this console knows.',
    ja: 'このコンソールで使えるコマンドを一覧表示します。',
  },
  usage: 'help',
  run(_args, env) {
    const title =
      env.locale === 'ja'
        ? '使用できるコマンド (Tab キーで補完できます):'
        : 'Commands available here (Tab completes names):';
    const rows = allCommands()
      .filter((c) => c.shells.includes(env.shell))
      .map((c) => `  ${c.usage}\r\n      ${c.summary[env.locale]}`);
    return [title, '', ...rows.flatMap((r) => r.split('\r\n')), ''];
  },
};

export const cls: Command = {
  names: ['cls', 'clear', 'Clear-Host'],
  shells: ['powershell', 'cmd'],
  summary: { en: 'Clear the screen.', ja: '画面を消去します。' },
  usage: 'cls',
  run(_args, env) {
    env.clear();
    return [];
  },
};

export const hostname: Command = {
  names: ['hostname', 'hostname.exe'],
  shells: ['powershell', 'cmd'],
  summary: { en: 'Show the computer name.', ja: 'コンピューター名を表示します。' },
  usage: 'hostname',
  run: (_args, env) => [env.host.name],
};

export const ipconfig: Command = {
  names: ['ipconfig', 'ipconfig.exe'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'Show IP settings (/all for DNS servers).',
    ja: 'IP 構成を表示します (/all で DNS サーバーも表示)。',
  },
  usage: 'ipconfig /all',
  run(args, env) {
    const ja = env.locale === 'ja';
    const all = args.some((a) => a.toLowerCase() === '/all');
    if (args.some((a) => a.toLowerCase() === '/flushdns'))
      return [
        '',
        ja ? 'Windows IP 構成' : 'Windows IP Configuration',
        '',
        ja
          ? 'DNS リゾルバー キャッシュは正常にフラッシュされました。'
          : 'Successfully flushed the DNS Resolver Cache.',
      ];
    const ip = env.host.ips[0] ?? '';
    const gw = ip.split('.').slice(0, 3).join('.') + '.1';
    // Labels with dot leaders aligned by console columns (Japanese labels are wider than they are long).
    const row = (en: string, jaLabel: string, value: string) =>
      `${dotLeader(ja ? jaLabel : en, env.locale)}${value}`;
    return [
      '',
      ja ? 'Windows IP 構成' : 'Windows IP Configuration',
      '',
      ...(all
        ? [
            row('Host Name', 'ホスト名', env.host.name),
            // Windows' own English label has two spaces before its leader.
            row(
              'Primary Dns Suffix ',
              'プライマリ DNS サフィックス',
              env.host.fqdn.split('.').slice(1).join('.'),
            ),
          ]
        : []),
      '',
      ja ? 'イーサネット アダプター イーサネット:' : 'Ethernet adapter Ethernet:',
      '',
      ...(all ? [row('DHCP Enabled', 'DHCP 有効', ja ? 'いいえ' : 'No')] : []),
      // /all marks the address as the preferred one.
      row('IPv4 Address', 'IPv4 アドレス', all ? `${ip}${ja ? '(優先)' : '(Preferred)'}` : ip),
      row('Subnet Mask', 'サブネット マスク', '255.255.255.0'),
      row('Default Gateway', 'デフォルト ゲートウェイ', gw),
      ...(all ? [row('DNS Servers', 'DNS サーバー', env.host.spec.dns ?? '')] : []),
      '',
    ];
  },
};

export const history: Command = {
  names: ['history', 'Get-History', 'h', 'doskey'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'Show the commands typed so far.',
    ja: 'これまでに入力したコマンドを表示します。',
  },
  usage: 'history',
  run: (_args, env) => env.history.slice(0, -1).map((l, i) => `${String(i + 1).padStart(4)} ${l}`),
};

export const cmd: Command = {
  names: ['cmd', 'cmd.exe'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'Switch to the Command Prompt (exit returns).',
    ja: 'コマンド プロンプトに切り替えます (exit で戻ります)。',
  },
  usage: 'cmd',
  run(_args, env) {
    env.enterShell('cmd');
    return [
      'Microsoft Windows [Version 10.0.17763.1697]',
      '(c) 2018 Microsoft Corporation. All rights reserved.',
      '',
    ];
  },
};

export const powershell: Command = {
  names: ['powershell', 'powershell.exe'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'Start Windows PowerShell inside this shell (exit returns).',
    ja: 'このシェルの中で Windows PowerShell を起動します (exit で戻ります)。',
  },
  usage: 'powershell',
  run(_args, env) {
    env.enterShell('powershell');
    return [];
  },
};

export const exit: Command = {
  names: ['exit'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'Leave a shell started from another one (cmd, powershell); the console itself stays open.',
    ja: '別のシェルから起動したシェル (cmd、powershell) を終了します。コンソール自体は閉じません。',
  },
  usage: 'exit',
  run(_args, env) {
    // The simulator never closes its console window: `exit` in the first shell does nothing.
    env.exitShell();
    return [];
  },
};
