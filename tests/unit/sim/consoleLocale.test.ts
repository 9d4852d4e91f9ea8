/**
 * The console speaks the language of the simulated Windows: Japanese texts where a Japanese
 * Windows Server prints them (ja-terms §6, docs/fidelity.md), English ones unchanged, and columns
 * aligned by display width. Each output is checked in both languages on the shop's base world.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../src/sim/world/world';
import { parseBaseWorld } from '../../../src/sim/scenario/load';
import { applyFault } from '../../../src/sim/scenario/faults';
import { faultSchema, trafficSchema } from '../../../src/sim/scenario/schema';
import { displayWidth } from '../../../src/sim/console/columns';
import { readBases } from '../../../scripts/lib/scenarioFiles';

type Locale = 'en' | 'ja';

function world(
  locale: Locale,
  faults: Record<string, unknown>[] = [],
  traffic: Record<string, unknown>[] = [],
): World {
  const parsed = parseBaseWorld(readBases()['contoso-shop'] as string, 'contoso-shop.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  for (const f of faults) expect(applyFault(parsed.world, faultSchema.parse(f))).toBeNull();
  return createWorld(parsed.world, {
    seed: 3,
    locale,
    traffic: traffic.map((t) => trafficSchema.parse(t)),
  });
}

const run = (w: World, line: string, host = 'WEB01') => {
  const r = w.send({ type: 'console.line', host, line });
  expect(r.ok).toBe(true);
  return r.output;
};
const prompt = (w: World, host = 'WEB01') => w.snapshot().consoles[host]?.prompt;

describe('Get-Service for a service that does not exist', () => {
  const record = (message: string, at: string) => [
    message,
    at,
    '+ Get-Service NoSuch',
    '+ ~~~~~~~~~~~~~~~~~~',
    '    + CategoryInfo          : ObjectNotFound: (NoSuch:String) [Get-Service], ServiceCommandException',
    '    + FullyQualifiedErrorId : NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand',
    '',
  ];

  it('should print the whole error record in English', () => {
    expect(run(world('en'), 'Get-Service NoSuch')).toEqual(
      record(
        "Get-Service : Cannot find any service with service name 'NoSuch'.",
        'At line:1 char:1',
      ),
    );
  });

  it('should print the same record with the Japanese message and position', () => {
    expect(run(world('ja'), 'Get-Service NoSuch')).toEqual(
      record(
        "Get-Service : サービス名 'NoSuch' のサービスが見つかりません。",
        '発生場所 行:1 文字:1',
      ),
    );
  });

  it('should name the cmdlet that failed in Start-Service and Stop-Service', () => {
    const ja = run(world('ja'), 'Start-Service NoSuch');
    expect(ja[0]).toBe("Start-Service : サービス名 'NoSuch' のサービスが見つかりません。");
    expect(ja[5]).toBe(
      '    + FullyQualifiedErrorId : NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.StartServiceCommand',
    );
    expect(run(world('en'), 'Stop-Service -Name NoSuch')[4]).toBe(
      '    + CategoryInfo          : ObjectNotFound: (NoSuch:String) [Stop-Service], ServiceCommandException',
    );
  });
});

describe('netsh advfirewall', () => {
  it('should show a rule with the English labels', () => {
    expect(run(world('en'), 'netsh advfirewall firewall show rule name=SMTP-In')).toEqual([
      '',
      'Rule Name:                            SMTP-In',
      '----------------------------------------------------------------------',
      'Enabled:                              Yes',
      'Direction:                            In',
      'Profiles:                             Domain,Private,Public',
      'Grouping:',
      'LocalIP:                              Any',
      'RemoteIP:                             10.0.0.0/24',
      'Protocol:                             TCP',
      'LocalPort:                            25',
      'RemotePort:                           Any',
      'Edge traversal:                       No',
      'Action:                               Allow',
      'Ok.',
      '',
    ]);
  });

  it('should show a rule with the Japanese labels and values, aligned by console columns', () => {
    const out = run(world('ja'), 'netsh advfirewall firewall show rule name=SMTP-In');
    expect(out).toEqual([
      '',
      '規則名:                               SMTP-In',
      '----------------------------------------------------------------------',
      '有効:                                 はい',
      '方向:                                 入力',
      'プロファイル:                         ドメイン,プライベート,パブリック',
      'グループ:',
      'ローカル IP:                          任意',
      'リモート IP:                          10.0.0.0/24',
      'プロトコル:                           TCP',
      'ローカル ポート:                      25',
      'リモート ポート:                      任意',
      'エッジ トラバーサル:                  いいえ',
      '操作:                                 許可',
      'OK',
      '',
    ]);
    // Every value starts in console column 39, however wide the Japanese label is.
    for (const line of out.slice(3, 14).filter((l) => !l.endsWith(':')))
      expect(displayWidth(/^.*?:\s+/.exec(line)?.[0] ?? '')).toBe(38);
  });

  it('should name built-in rules and groups in the language of the system, a blank line apart', () => {
    const ja = run(world('ja'), 'netsh advfirewall firewall show rule name=all');
    expect(ja.filter((l) => l.startsWith('規則名:'))).toEqual([
      '規則名:                               SMTP-In',
      '規則名:                               リモート デスクトップ - ユーザー モード (TCP 受信)',
      '規則名:                               コア ネットワーク - DNS (UDP 送信)',
    ]);
    expect(ja).toContain('グループ:                             コア ネットワーク');
    expect(ja).toContain('方向:                                 出力');
    // `OK` right under the last rule; a blank line before each further rule.
    expect(ja.slice(-3)).toEqual(['操作:                                 許可', 'OK', '']);
    expect(
      ja[
        ja.indexOf('規則名:                               コア ネットワーク - DNS (UDP 送信)') - 1
      ],
    ).toBe('');
    const en = run(world('en'), 'netsh advfirewall firewall show rule name=all dir=out');
    expect(en[1]).toBe('Rule Name:                            Core Networking - DNS (UDP-Out)');
    expect(en).toContain('Grouping:                             Core Networking');
  });

  it('should match name= against the display name of the current language', () => {
    const ja = world('ja');
    expect(
      run(ja, 'netsh advfirewall firewall show rule name="Core Networking - DNS (UDP-Out)"'),
    ).toEqual(['', '指定された条件に一致する規則はありません。', '']);
    expect(
      run(
        ja,
        'netsh advfirewall firewall set rule name="コア ネットワーク - DNS (UDP 送信)" new enable=no',
      ),
    ).toEqual(['', '1 個の規則を更新しました。', 'OK', '']);
    expect(
      ja
        .snapshot()
        .hosts.find((h) => h.name === 'WEB01')!
        .firewall.rules.find((r) => r.name === 'CoreNet-DNS-Out-UDP')?.enabled,
    ).toBe(false);
    expect(run(world('en'), 'netsh advfirewall firewall show rule name=nosuch')).toEqual([
      '',
      'No rules match the specified criteria.',
      '',
    ]);
  });

  it('should answer unknown commands and confirm changes in the language of the system', () => {
    expect(run(world('en'), 'netsh advfirewall show foo')).toEqual([
      'The following command was not found: advfirewall show foo.',
    ]);
    expect(run(world('ja'), 'netsh advfirewall show foo')).toEqual([
      '次のコマンドが見つかりませんでした: advfirewall show foo。',
    ]);
    expect(run(world('ja'), 'netsh interface show')).toEqual([
      '次のコマンドが見つかりませんでした: interface show。',
    ]);
    const add = 'netsh advfirewall firewall add rule name=Test dir=in action=allow localport=2525';
    expect(run(world('en'), add)).toEqual(['Ok.', '']);
    expect(run(world('ja'), add)).toEqual(['OK', '']);
    expect(run(world('ja'), 'netsh advfirewall set allprofiles state on')).toEqual(['OK', '']);
  });
});

describe('Get-NetFirewallRule', () => {
  const rule = (displayName: string, group: string, status: string) => [
    '',
    'Name                  : CoreNet-DNS-Out-UDP',
    `DisplayName           : ${displayName}`,
    'Description           : ',
    `DisplayGroup          : ${group}`,
    `Group                 : ${group}`,
    'Enabled               : True',
    'Profile               : Any',
    'Platform              : {}',
    'Direction             : Outbound',
    'Action                : Allow',
    'EdgeTraversalPolicy   : Block',
    'LooseSourceMapping    : False',
    'LocalOnlyMapping      : False',
    'Owner                 : ',
    'PrimaryStatus         : OK',
    `Status                : ${status}`,
    'EnforcementStatus     : NotApplicable',
    'PolicyStoreSource     : PersistentStore',
    'PolicyStoreSourceType : Local',
    '',
  ];

  it('should keep property names and values English and localise names and Status', () => {
    expect(run(world('en'), 'Get-NetFirewallRule -Name CoreNet-DNS-Out-UDP')).toEqual(
      rule(
        'Core Networking - DNS (UDP-Out)',
        'Core Networking',
        'The rule was parsed successfully from the store. (65536)',
      ),
    );
    expect(run(world('ja'), 'Get-NetFirewallRule -Name CoreNet-DNS-Out-UDP')).toEqual(
      rule(
        'コア ネットワーク - DNS (UDP 送信)',
        'コア ネットワーク',
        '規則は、ストアから正常に解析されました。 (65536)',
      ),
    );
  });

  it('should find built-in rules by their display name in the language of the system only', () => {
    const ja = world('ja');
    expect(
      run(ja, 'Get-NetFirewallRule -DisplayName "Remote Desktop - User Mode (TCP-In)"')[0],
    ).toMatch(/^Get-NetFirewallRule : プロパティ 'DisplayName' が /);
    expect(
      run(
        ja,
        'Disable-NetFirewallRule -DisplayName "リモート デスクトップ - ユーザー モード (TCP 受信)"',
      ),
    ).toEqual([]);
    expect(run(ja, 'Get-NetFirewallRule -DisplayGroup "リモート デスクトップ"')[6]).toBe(
      'Enabled               : False',
    );
    const en = world('en');
    expect(run(en, 'Get-NetFirewallRule -DisplayName "Remote Desktop*"')[2]).toBe(
      'DisplayName           : Remote Desktop - User Mode (TCP-In)',
    );
    expect(run(en, 'Get-NetFirewallRule -DisplayName "リモート デスクトップ*"')[0]).toMatch(
      /No MSFT_NetFirewallRule objects found/,
    );
  });

  it('should give the firewall panel the localised names while it acts on the rule Name', () => {
    const w = world('en');
    const rules = () => w.snapshot().hosts.find((h) => h.name === 'WEB01')!.firewall.rules;
    expect(rules().find((r) => r.name === 'RemoteDesktop-UserMode-In-TCP')).toMatchObject({
      displayName: 'Remote Desktop - User Mode (TCP-In)',
      group: 'Remote Desktop',
    });
    w.send({ type: 'world.locale', locale: 'ja' });
    expect(rules().find((r) => r.name === 'RemoteDesktop-UserMode-In-TCP')).toMatchObject({
      displayName: 'リモート デスクトップ - ユーザー モード (TCP 受信)',
      group: 'リモート デスクトップ',
    });
    const set = (name: string, enabled: boolean) =>
      w.send({ type: 'firewall.rule.set', host: 'WEB01', name, enabled });
    expect(set('RemoteDesktop-UserMode-In-TCP', false).ok).toBe(true);
    expect(set('コア ネットワーク - DNS (UDP 送信)', false).ok).toBe(true);
    expect(set('Core Networking - DNS (UDP-Out)', true).ok).toBe(true);
    expect(rules().map((r) => r.enabled)).toEqual([true, false, true]);
  });
});

describe('nslookup without a name', () => {
  it('should enter interactive mode with the default server and a > prompt (English)', () => {
    const w = world('en');
    expect(run(w, 'nslookup')).toEqual([
      'Default Server:  dc01.contoso.local',
      'Address:  10.0.0.2',
      '',
    ]);
    expect(prompt(w)).toBe('> ');
    expect(run(w, 'set q=mx')).toEqual([]);
    expect(run(w, 'example.net')).toEqual([
      'Server:  dc01.contoso.local',
      'Address:  10.0.0.2',
      '',
      'Non-authoritative answer:',
      'example.net     MX preference = 10, mail exchanger = mx1.example.net',
      '',
      'mx1.example.net internet address = 198.51.100.25',
      '',
    ]);
    expect(run(w, 'set tpye=mx')).toEqual(['*** Invalid option: tpye=mx']);
    expect(run(w, 'set vc')).toEqual([]);
    expect(run(w, 'server 8.8.8.8')[0]).toMatch(/^\*\*\* The simulator does not support 'server'/);
    expect(run(w, 'exit')).toEqual([]);
    expect(prompt(w)).toBe('PS C:\\Users\\Administrator> ');
    const transcript = w.snapshot().consoles.WEB01!.transcript;
    expect(transcript).toContain('> set q=mx');
    expect(transcript).toContain('> exit');
  });

  it('should print the Japanese labels at the prompt and leave it with Ctrl+C', () => {
    const w = world('ja');
    expect(run(w, 'nslookup -type=mx')).toEqual([
      '既定のサーバー:  dc01.contoso.local',
      'Address:  10.0.0.2',
      '',
    ]);
    expect(run(w, 'example.net').slice(0, 5)).toEqual([
      'サーバー:  dc01.contoso.local',
      'Address:  10.0.0.2',
      '',
      '権限のない回答:',
      'example.net     MX preference = 10, mail exchanger = mx1.example.net',
    ]);
    expect(run(w, 'set foo')).toEqual(['*** 無効なオプション: foo']);
    expect(run(w, 'ls contoso.com')[0]).toMatch(
      /^\*\*\* このシミュレーターの nslookup では 'ls' は/,
    );
    // Names typed at the prompt are not shell commands.
    expect(run(w, 'hostname')).toContain(
      '*** dc01.contoso.local が hostname を見つけられません: Non-existent domain',
    );
    w.send({ type: 'console.interrupt', host: 'WEB01' });
    expect(prompt(w)).toBe('PS C:\\Users\\Administrator> ');
    expect(run(w, 'hostname')).toEqual(['WEB01']);
  });

  it('should not add lines typed at the prompt to the shell history or complete them', () => {
    const w = world('en');
    run(w, 'nslookup');
    run(w, 'example.net');
    expect(w.send({ type: 'console.complete', host: 'WEB01', line: 'ho' }).output).toEqual([]);
    run(w, 'exit');
    expect(w.snapshot().consoles.WEB01!.history).toEqual(['nslookup']);
  });
});

describe('ipconfig', () => {
  it('should print English labels with dot leaders as Windows does', () => {
    const w = world('en');
    expect(run(w, 'ipconfig')).toEqual([
      '',
      'Windows IP Configuration',
      '',
      '',
      'Ethernet adapter Ethernet:',
      '',
      '   IPv4 Address. . . . . . . . . . . : 10.0.0.5',
      '   Subnet Mask . . . . . . . . . . . : 255.255.255.0',
      '   Default Gateway . . . . . . . . . : 10.0.0.1',
      '',
    ]);
    expect(run(w, 'ipconfig /all')).toEqual([
      '',
      'Windows IP Configuration',
      '',
      '   Host Name . . . . . . . . . . . . : WEB01',
      '   Primary Dns Suffix  . . . . . . . : contoso.com',
      '',
      'Ethernet adapter Ethernet:',
      '',
      '   DHCP Enabled. . . . . . . . . . . : No',
      '   IPv4 Address. . . . . . . . . . . : 10.0.0.5(Preferred)',
      '   Subnet Mask . . . . . . . . . . . : 255.255.255.0',
      '   Default Gateway . . . . . . . . . : 10.0.0.1',
      '   DNS Servers . . . . . . . . . . . : 10.0.0.2',
      '',
    ]);
  });

  it('should print Japanese labels whose colons line up on the console', () => {
    const w = world('ja');
    expect(run(w, 'ipconfig')).toEqual([
      '',
      'Windows IP 構成',
      '',
      '',
      'イーサネット アダプター イーサネット:',
      '',
      '   IPv4 アドレス . . . . . . . . . . . .: 10.0.0.5',
      '   サブネット マスク . . . . . . . . . .: 255.255.255.0',
      '   デフォルト ゲートウェイ . . . . . . .: 10.0.0.1',
      '',
    ]);
    const all = run(w, 'ipconfig /all');
    expect(all).toEqual([
      '',
      'Windows IP 構成',
      '',
      '   ホスト名. . . . . . . . . . . . . . .: WEB01',
      '   プライマリ DNS サフィックス . . . . .: contoso.com',
      '',
      'イーサネット アダプター イーサネット:',
      '',
      '   DHCP 有効 . . . . . . . . . . . . . .: いいえ',
      '   IPv4 アドレス . . . . . . . . . . . .: 10.0.0.5(優先)',
      '   サブネット マスク . . . . . . . . . .: 255.255.255.0',
      '   デフォルト ゲートウェイ . . . . . . .: 10.0.0.1',
      '   DNS サーバー. . . . . . . . . . . . .: 10.0.0.2',
      '',
    ]);
    for (const line of all.filter((l) => l.startsWith('   ')))
      expect(displayWidth(line.slice(0, line.indexOf(': ')))).toBe(40);
  });
});

describe('Get-WinEvent on a Japanese server', () => {
  it('should pad the localised level column by console columns', () => {
    const w = world(
      'ja',
      [{ kind: 'firewall-block-outbound', host: 'WEB01', ruleName: 'Block' }],
      [
        {
          at: '-1h',
          from: 'APP01',
          to: 'WEB01',
          mailFrom: 'shop@contoso.com',
          rcptTo: ['taro.yamada@example.net'],
          subject: 'Order confirmation',
        },
      ],
    );
    const out = run(w, 'Get-WinEvent -ProviderName smtpsvc -MaxEvents 1');
    const header = out[3] as string;
    const row = out[5] as string;
    expect(row).toMatch(/ 4000 警告 {13}Message delivery/);
    // The message starts under the Message heading, as on the console.
    expect(displayWidth(row.slice(0, row.indexOf('Message delivery')))).toBe(
      header.indexOf('Message'),
    );
  });
});

describe('exit', () => {
  it('should do nothing in the console first shell and leave shells started from it', () => {
    const w = world('en');
    expect(run(w, 'exit')).toEqual([]);
    expect(prompt(w)).toBe('PS C:\\Users\\Administrator> ');
    expect(w.snapshot().consoles.WEB01?.mode).toBe('powershell');
    run(w, 'cmd');
    run(w, 'powershell');
    expect(prompt(w)).toBe('PS C:\\Users\\Administrator> ');
    expect(run(w, 'exit')).toEqual([]);
    expect(prompt(w)).toBe('C:\\Users\\Administrator>');
    expect(run(w, 'exit')).toEqual([]);
    expect(prompt(w)).toBe('PS C:\\Users\\Administrator> ');
    expect(run(w, 'exit')).toEqual([]);
    expect(w.snapshot().consoles.WEB01?.mode).toBe('powershell');
  });

  it('should leave nslookup first, then the shell', () => {
    const w = world('ja');
    run(w, 'cmd');
    run(w, 'nslookup');
    expect(w.snapshot().consoles.WEB01?.mode).toBe('program');
    expect(run(w, 'exit')).toEqual([]);
    expect(w.snapshot().consoles.WEB01?.mode).toBe('cmd');
    expect(prompt(w)).toBe('C:\\Users\\Administrator>');
    run(w, 'exit');
    expect(prompt(w)).toBe('PS C:\\Users\\Administrator> ');
  });
});
