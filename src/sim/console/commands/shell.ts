/** Shell built-ins: help, cls, hostname, ipconfig, history, cmd / powershell / exit. */
import type { Command } from '../command';
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
    const dots = (label: string) => `   ${label} `.padEnd(39, '.').replace(/\.$/, '. ') + ': ';
    return [
      '',
      ja ? 'Windows IP 構成' : 'Windows IP Configuration',
      '',
      ...(all
        ? [
            `${dots(ja ? 'ホスト名' : 'Host Name')}${env.host.name}`,
            `${dots(ja ? 'プライマリ DNS サフィックス' : 'Primary Dns Suffix')}${env.host.fqdn.split('.').slice(1).join('.')}`,
            '',
          ]
        : []),
      ja ? 'イーサネット アダプター イーサネット:' : 'Ethernet adapter Ethernet:',
      '',
      `${dots(ja ? 'IPv4 アドレス' : 'IPv4 Address')}${ip}`,
      `${dots(ja ? 'サブネット マスク' : 'Subnet Mask')}255.255.255.0`,
      `${dots(ja ? 'デフォルト ゲートウェイ' : 'Default Gateway')}${gw}`,
      ...(all
        ? [
            `${dots(ja ? 'DNS サーバー' : 'DNS Servers')}${env.host.spec.dns ?? ''}`,
            `${dots('DHCP')}${ja ? 'いいえ' : 'No'}`,
          ]
        : []),
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
    env.setShell('cmd');
    return [
      'Microsoft Windows [Version 10.0.17763.1697]',
      '(c) 2018 Microsoft Corporation. All rights reserved.',
      '',
    ];
  },
};

export const powershell: Command = {
  names: ['powershell', 'powershell.exe', 'exit'],
  shells: ['cmd'],
  summary: { en: 'Back to PowerShell.', ja: 'PowerShell に戻ります。' },
  usage: 'exit',
  run(_args, env) {
    env.setShell('powershell');
    return [];
  },
};
