/**
 * Server Manager from PowerShell: Get-WindowsFeature and Install-WindowsFeature (alias
 * Add-WindowsFeature), for a server where the SMTP Server feature is not installed yet (HostSpec
 * `smtpInstalled: false`, reference §4.0). Only the features around SMTP are listed; feature names
 * stay English on every locale, display names follow it (ja-terms §5).
 */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { psErrorRecord } from '../messages';
import { cutCols, padEndCols } from '../columns';

interface Feature {
  name: string;
  en: string;
  ja: string;
  depth: number;
  /** Installed with the SMTP Server feature; `tools` = only with -IncludeManagementTools. */
  part: 'web' | 'smtp' | 'tools' | 'none';
}

const FEATURES: Feature[] = [
  { name: 'Web-Server', en: 'Web Server (IIS)', ja: 'Web サーバー (IIS)', depth: 0, part: 'web' },
  { name: 'Web-Mgmt-Tools', en: 'Management Tools', ja: '管理ツール', depth: 1, part: 'web' },
  {
    name: 'Web-Mgmt-Compat',
    en: 'IIS 6 Management Compatibility',
    ja: 'IIS 6 管理互換',
    depth: 2,
    part: 'smtp',
  },
  {
    name: 'Web-Metabase',
    en: 'IIS 6 Metabase Compatibility',
    ja: 'IIS 6 メタベース互換',
    depth: 3,
    part: 'smtp',
  },
  {
    name: 'Web-Lgcy-Mgmt-Console',
    en: 'IIS 6 Management Console',
    ja: 'IIS 6 管理コンソール',
    depth: 3,
    part: 'smtp',
  },
  {
    name: 'RSAT',
    en: 'Remote Server Administration Tools',
    ja: 'リモート サーバー管理ツール',
    depth: 0,
    part: 'tools',
  },
  {
    name: 'RSAT-Feature-Tools',
    en: 'Feature Administration Tools',
    ja: '機能管理ツール',
    depth: 1,
    part: 'tools',
  },
  {
    name: 'RSAT-SMTP',
    en: 'SMTP Server Tools',
    ja: 'SMTP サーバー ツール',
    depth: 2,
    part: 'tools',
  },
  { name: 'SMTP-Server', en: 'SMTP Server', ja: 'SMTP サーバー', depth: 0, part: 'smtp' },
  { name: 'Telnet-Client', en: 'Telnet Client', ja: 'Telnet クライアント', depth: 0, part: 'none' },
];
/** What Install-WindowsFeature SMTP-Server adds, in the order its result lists them. */
const SMTP_RESULT = [
  'SMTP-Server',
  'RSAT',
  'RSAT-Feature-Tools',
  'RSAT-SMTP',
  'Web-Mgmt-Compat',
  'Web-Metabase',
  'Web-Lgcy-Mgmt-Console',
];

function installed(env: CommandEnv, f: Feature): boolean {
  // The shop's web server runs IIS; the simulator has a telnet client everywhere (reference §8.1).
  if (f.part === 'web') return env.host.service('W3SVC') !== undefined || !!env.iis?.installed;
  if (f.part === 'none') return f.name === 'Telnet-Client';
  if (!env.iis?.installed) return false;
  return f.part === 'smtp' || env.iis.managementTools;
}

const row = (display: string, name: string, state: string) =>
  `${padEndCols(display, 55)} ${name.padEnd(26)} ${state.padStart(13)}`;

export const getWindowsFeature: Command = {
  names: ['Get-WindowsFeature'],
  shells: ['powershell'],
  summary: {
    en: 'Show Windows features (Get-WindowsFeature SMTP-Server).',
    ja: 'Windows の機能を表示します (Get-WindowsFeature SMTP-Server)。',
  },
  usage: 'Get-WindowsFeature SMTP-Server',
  run(args, env) {
    const b = bindPs(args, ['Name'], []);
    const pattern = ((b.named.Name as string | undefined) ?? b.positional[0] ?? '*').toLowerCase();
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const list = FEATURES.filter((f) => re.test(f.name.toLowerCase()));
    if (list.length === 0) return [];
    return [
      '',
      row('Display Name', 'Name', 'Install State'),
      row('------------', '----', '-------------'),
      ...list.map((f) => {
        const on = installed(env, f);
        return row(
          `${'    '.repeat(f.depth)}[${on ? 'X' : ' '}] ${env.locale === 'ja' ? f.ja : f.en}`,
          f.name,
          on ? 'Installed' : 'Available',
        );
      }),
      '',
    ];
  },
};

export const installWindowsFeature: Command = {
  names: ['Install-WindowsFeature', 'Add-WindowsFeature'],
  shells: ['powershell'],
  summary: {
    en: 'Install a Windows feature: Install-WindowsFeature SMTP-Server -IncludeManagementTools.',
    ja: 'Windows の機能をインストールします: Install-WindowsFeature SMTP-Server -IncludeManagementTools。',
  },
  usage: 'Install-WindowsFeature SMTP-Server -IncludeManagementTools',
  run(args, env, line) {
    const b = bindPs(
      args,
      ['Name'],
      ['IncludeManagementTools', 'IncludeAllSubFeature', 'Restart', 'WhatIf'],
    );
    const name = (b.named.Name as string | undefined) ?? b.positional[0] ?? '';
    const feature = FEATURES.find((f) => f.name.toLowerCase() === name.toLowerCase());
    const ja = env.locale === 'ja';
    if (!feature)
      return psErrorRecord(env.msg, {
        message: ja
          ? `Install-WindowsFeature : ArgumentNotValid: 役割、役割サービス、または機能の名前が無効です: '${name}'。名前が見つかりませんでした。`
          : `Install-WindowsFeature : ArgumentNotValid: The role, role service, or feature name is not valid: '${name}'. The name was not found.`,
        line,
        category: `InvalidArgument: (${name}:String) [Install-WindowsFeature], Exception`,
        id: 'NameDoesNotExist,Microsoft.Windows.ServerManager.Commands.AddWindowsFeatureCommand',
      });
    const head = [
      '',
      'Success Restart Needed Exit Code      Feature Result',
      '------- -------------- ---------      --------------',
    ];
    const result = (exit: string, names: string[]) => {
      const list = `{${names
        .map((n) => FEATURES.find((f) => f.name === n)!)
        .map((f) => (env.locale === 'ja' ? f.ja : f.en))
        .join(', ')}}`;
      return [...head, cutCols(`True    No             ${exit.padEnd(14)} ${list}`, 79), ''];
    };
    if (installed(env, feature)) return result('NoChangeNeeded', []);
    // Only an IIS host of the lab can become an SMTP server (the world has no other way to grow one).
    if ((feature.name !== 'SMTP-Server' && feature.name !== 'RSAT-SMTP') || !env.iis)
      return ja
        ? [
            'Install-WindowsFeature : 指定されたサーバーで機能を追加または削除する要求に失敗しました。',
            '1 つ以上の役割、役割サービス、または機能をインストールできませんでした。',
            '',
          ]
        : [
            'Install-WindowsFeature : The request to add or remove features on the specified server failed.',
            'Installation of one or more roles, role services, or features failed.',
            '',
          ];
    if (feature.name === 'RSAT-SMTP') {
      env.iis.managementTools = true;
      env.ctx.changed();
      return result('Success', ['RSAT', 'RSAT-Feature-Tools', 'RSAT-SMTP']);
    }
    env.iis.install();
    env.iis.managementTools = b.named.IncludeManagementTools === true;
    return result(
      'Success',
      b.named.IncludeManagementTools === true
        ? SMTP_RESULT
        : SMTP_RESULT.filter((n) => !n.startsWith('RSAT')),
    );
  },
};
