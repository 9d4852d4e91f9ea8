/**
 * Console errors in the language of the simulated Windows: the parameter binder's records (missing
 * mandatory parameters, unknown parameters, values that do not convert), the cmdlets' own errors
 * (Start-Service, Set-Service, Get-EventLog, Get-WinEvent, Stop-Process …), netsh, sc, net and
 * cmd's messages. Each output is checked in English and in Japanese (docs/fidelity.md, "Console
 * language and layout").
 */
import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../src/sim/world/world';
import { parseBaseWorld } from '../../../src/sim/scenario/load';
import { applyFault } from '../../../src/sim/scenario/faults';
import { faultSchema } from '../../../src/sim/scenario/schema';
import { readBases } from '../../../scripts/lib/scenarioFiles';

type Locale = 'en' | 'ja';

function world(locale: Locale, faults: Record<string, unknown>[] = []): World {
  const parsed = parseBaseWorld(readBases()['contoso-shop'] as string, 'contoso-shop.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  for (const f of faults) expect(applyFault(parsed.world, faultSchema.parse(f))).toBeNull();
  return createWorld(parsed.world, { seed: 3, locale });
}

const run = (w: World, line: string, host = 'WEB01') => {
  const r = w.send({ type: 'console.line', host, line });
  expect(r.ok).toBe(true);
  return r.output;
};
const both = (fn: (locale: Locale) => void) => {
  fn('en');
  fn('ja');
};
const AT = { en: 'At line:1 char:', ja: '発生場所 行:1 文字:' };
const DISABLED = [{ kind: 'service-stopped', host: 'WEB01', startType: 'Disabled' }];

describe('parameter binder errors', () => {
  it('should print a missing mandatory parameter with the whole command underlined', () => {
    const record = (message: string, at: string, category: string) => [
      message,
      at,
      '+ Get-EventLog',
      '+ ~~~~~~~~~~~~',
      `    + CategoryInfo          : ${category}`,
      '    + FullyQualifiedErrorId : MissingMandatoryParameter,Microsoft.PowerShell.Commands.GetEventLogCommand',
      '',
    ];
    expect(run(world('en'), 'Get-EventLog')).toEqual(
      record(
        'Get-EventLog : Cannot process command because of one or more missing mandatory parameters: LogName.',
        'At line:1 char:1',
        'InvalidArgument: (:) [Get-EventLog], ParameterBindingException',
      ),
    );
    // Japanese Windows puts two spaces before the names and 、 before the exception type.
    expect(run(world('ja'), 'Get-EventLog')).toEqual(
      record(
        'Get-EventLog : コマンドを処理できません。次の 1 つ以上の必須パラメーターが指定されていません:  LogName。',
        '発生場所 行:1 文字:1',
        'InvalidArgument: (:) [Get-EventLog]、ParameterBindingException',
      ),
    );
  });

  it('should list every missing parameter, separated by spaces', () => {
    expect(run(world('en'), 'Select-String')[0]).toBe(
      'Select-String : Cannot process command because of one or more missing mandatory parameters: Pattern Path.',
    );
    expect(run(world('ja'), 'Send-MailMessage')[0]).toBe(
      'Send-MailMessage : コマンドを処理できません。次の 1 つ以上の必須パラメーターが指定されていません:  From To。',
    );
    expect(run(world('en'), 'Start-Service')[5]).toBe(
      '    + FullyQualifiedErrorId : MissingMandatoryParameter,Microsoft.PowerShell.Commands.StartServiceCommand',
    );
  });

  it('should underline an unknown parameter where it was typed', () => {
    both((locale) => {
      const out = run(world(locale), 'Get-Service -Bogus');
      expect(out[0]).toBe(
        locale === 'ja'
          ? "Get-Service : パラメーター名 'Bogus' に一致するパラメーターが見つかりません。"
          : "Get-Service : A parameter cannot be found that matches parameter name 'Bogus'.",
      );
      expect(out.slice(1, 4)).toEqual([
        `${AT[locale]}13`,
        '+ Get-Service -Bogus',
        '+             ~~~~~~',
      ]);
      expect(out[5]).toBe(
        '    + FullyQualifiedErrorId : NamedParameterNotFound,Microsoft.PowerShell.Commands.GetServiceCommand',
      );
    });
  });

  it('should name a module cmdlet, not a class, in the error id', () => {
    expect(run(world('en'), 'Get-NetFirewallRule -Bogus')[5]).toBe(
      '    + FullyQualifiedErrorId : NamedParameterNotFound,Get-NetFirewallRule',
    );
    expect(run(world('ja'), 'New-NetFirewallRule')[5]).toBe(
      '    + FullyQualifiedErrorId : MissingMandatoryParameter,New-NetFirewallRule',
    );
  });

  it('should refuse a startup type that is not one, the names on their own line', () => {
    const line = 'Set-Service SMTPSVC -StartupType Foo';
    const tail = (at: string, sep: string) => [
      'Boot, System, Automatic, Manual, Disabled"',
      `${at}34`,
      `+ ${line}`,
      `+ ${' '.repeat(33)}~~~`,
      `    + CategoryInfo          : InvalidArgument: (:) [Set-Service]${sep}ParameterBindingException`,
      '    + FullyQualifiedErrorId : CannotConvertArgumentNoMessage,Microsoft.PowerShell.Commands.SetServiceCommand',
      '',
    ];
    expect(run(world('en'), line)).toEqual([
      'Set-Service : Cannot bind parameter \'StartupType\'. Cannot convert value "Foo" to type "System.ServiceProcess.ServiceStartMode". Error: "Unable to match the identifier name Foo to a valid enumerator name. Specify one of the following enumerator names and try again:',
      ...tail(AT.en, ', '),
    ]);
    expect(run(world('ja'), line)).toEqual([
      'Set-Service : パラメーター \'StartupType\' をバインドできません。値 "Foo" を型 "System.ServiceProcess.ServiceStartMode" に変換できません。エラー: "識別子名 Foo を有効な列挙子名に一致させることができません。次の列挙子名のいずれかを指定して、再試行してください:',
      ...tail(AT.ja, '、'),
    ]);
  });

  it('should check -Status against its set (Running, Stopped, Paused)', () => {
    expect(run(world('en'), 'Set-Service SMTPSVC -Status Foo').slice(0, 1)).toEqual([
      'Set-Service : Cannot validate argument on parameter \'Status\'. The argument "Foo" does not belong to the set "Running,Stopped,Paused" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.',
    ]);
    const ja = run(world('ja'), 'Set-Service SMTPSVC -Status Foo');
    expect(ja[0]).toBe(
      'Set-Service : パラメーター \'Status の引数を確認できません。引数 "Foo" は、ValidateSet 属性で指定されたセット "Running,Stopped,Paused" に属していません。セット内の引数を指定して、コマンドを再度実行してください。',
    );
    expect(ja[4]).toBe(
      '    + CategoryInfo          : InvalidData: (:) [Set-Service]、ParameterBindingValidationException',
    );
  });

  it('should convert -Enabled of Set-NetFirewallProfile and Set-NetFirewallRule, changing nothing when it fails', () => {
    both((locale) => {
      const w = world(locale);
      const profile = run(w, 'Set-NetFirewallProfile -Profile Domain -Enabled maybe');
      expect(profile[0]).toContain(
        '"Microsoft.PowerShell.Cmdletization.GeneratedTypes.NetSecurity.GpoBoolean"',
      );
      expect(profile[1]).toBe('False, True, NotConfigured"');
      expect(profile[profile.length - 2]).toBe(
        '    + FullyQualifiedErrorId : CannotConvertArgumentNoMessage,Set-NetFirewallProfile',
      );
      const rule = run(w, 'Set-NetFirewallRule -DisplayName SMTP-In -Enabled maybe');
      expect(rule[0]).toMatch(
        locale === 'ja'
          ? /^Set-NetFirewallRule : パラメーター 'Enabled' をバインドできません。/
          : /^Set-NetFirewallRule : Cannot bind parameter 'Enabled'\./,
      );
      expect(rule[1]).toBe('True, False"');
      const host = w.snapshot().hosts.find((h) => h.name === 'WEB01')!;
      expect(host.firewall.enabled).toBe(true);
      expect(host.firewall.rules.find((r) => r.name === 'SMTP-In')?.enabled).toBe(true);
    });
  });

  it('should leave the profiles as they are without -Enabled, as Windows does', () => {
    const w = world('ja');
    expect(run(w, 'Set-NetFirewallProfile -Profile Domain,Public,Private')).toEqual([]);
    expect(w.snapshot().hosts.find((h) => h.name === 'WEB01')!.firewall.enabled).toBe(true);
    expect(run(w, 'Set-NetFirewallProfile -All -Enabled $false')).toEqual([]);
    expect(w.snapshot().hosts.find((h) => h.name === 'WEB01')!.firewall.enabled).toBe(false);
  });
});

describe('service errors', () => {
  it('should print the whole record when a disabled service cannot start', () => {
    const record = (message: string, at: string, cmdlet: string, line: string) => [
      message,
      at,
      `+ ${line}`,
      `+ ${'~'.repeat(line.length)}`,
      `    + CategoryInfo          : OpenError: (System.ServiceProcess.ServiceController:ServiceController) [${cmdlet}], ServiceCommandException`,
      `    + FullyQualifiedErrorId : CouldNotStartService,Microsoft.PowerShell.Commands.${cmdlet.replace('-', '')}Command`,
      '',
    ];
    expect(run(world('en', DISABLED), 'Start-Service SMTPSVC')).toEqual(
      record(
        "Start-Service : Service 'Simple Mail Transfer Protocol (SMTP) (SMTPSVC)' cannot be started due to the following error: Cannot start service SMTPSVC on computer '.'.",
        'At line:1 char:1',
        'Start-Service',
        'Start-Service SMTPSVC',
      ),
    );
    expect(run(world('ja', DISABLED), 'Set-Service SMTPSVC -Status Running')).toEqual(
      record(
        "Set-Service : 次のエラーのため、サービス 'Simple Mail Transfer Protocol (SMTP) (SMTPSVC)' を開始できません: コンピューター '.' でサービス SMTPSVC を開始できません。",
        '発生場所 行:1 文字:1',
        'Set-Service',
        'Set-Service SMTPSVC -Status Running',
      ),
    );
  });

  it('should say when Set-Service finds no such service', () => {
    expect(run(world('en'), 'Set-Service NoSuch -StartupType Manual')[0]).toBe(
      "Set-Service : Service 'NoSuch' was not found on computer '.'.",
    );
    expect(run(world('ja'), 'Set-Service NoSuch -StartupType Manual').slice(0, 2)).toEqual([
      "Set-Service : コンピューター '.' でサービス 'NoSuch' が見つかりませんでした。",
      '発生場所 行:1 文字:1',
    ]);
  });

  it('should pause with Set-Service -Status Paused, or say why not', () => {
    both((locale) => {
      const w = world(locale);
      expect(run(w, 'Set-Service SMTPSVC -Status Paused')).toEqual([]);
      const smtp = w
        .snapshot()
        .hosts.find((h) => h.name === 'WEB01')!
        .services.find((s) => s.name === 'SMTPSVC');
      expect(smtp?.status).toBe('Paused');
      const out = run(w, 'Set-Service IISADMIN -Status Paused');
      expect(out[0]).toBe(
        locale === 'ja'
          ? "Set-Service : サービス 'IIS Admin Service (IISADMIN)' は中断または再開をサポートしていないため、中断できません。"
          : "Set-Service : Service 'IIS Admin Service (IISADMIN)' cannot be suspended because the service does not support being suspended or resumed.",
      );
    });
  });

  it('should word net start and sc in the language of the server', () => {
    const w = world('ja');
    run(w, 'Stop-Service IISADMIN -Force');
    run(w, 'Set-Service IISADMIN -StartupType Disabled');
    expect(run(w, 'net start smtpsvc')).toEqual([
      'システム エラー 1068 が発生しました。',
      '',
      '依存関係サービスまたはグループを起動できませんでした。',
      '',
    ]);
    expect(run(w, 'net')[0]).toBe('このコマンドの構文は次のとおりです:');
    expect(run(world('en'), 'net')[0]).toBe('The syntax of this command is:');
    expect(run(w, 'sc.exe query nosuch')).toEqual([
      '[SC] EnumQueryServicesStatus:OpenService FAILED 1060:',
      '',
      '指定されたサービスはインストールされたサービスとして存在しません。',
      '',
    ]);
    expect(run(world('en'), 'sc.exe query nosuch')[2]).toBe(
      'The specified service does not exist as an installed service.',
    );
    expect(run(w, 'sc.exe')[0]).toBe('説明:');
    expect(run(world('en'), 'sc.exe')[0]).toBe('DESCRIPTION:');
  });
});

describe('event log errors', () => {
  it('should print Get-EventLog no matches as Windows does in each language', () => {
    const line = 'Get-EventLog -LogName Application -Source nosuch';
    both((locale) => {
      expect(run(world(locale), `${line} | Format-List`)).toEqual([
        locale === 'ja'
          ? 'Get-EventLog : 一致する項目が見つかりません'
          : 'Get-EventLog : No matches found',
        `${AT[locale]}1`,
        `+ ${line}`,
        `+ ${'~'.repeat(line.length)}`,
        '    + CategoryInfo          : ObjectNotFound: (:) [Get-EventLog], ArgumentException',
        '    + FullyQualifiedErrorId : GetEventLogNoEntriesFound,Microsoft.PowerShell.Commands.GetEventLogCommand',
        '',
      ]);
    });
  });

  it('should print Get-WinEvent no events as Windows does in each language', () => {
    both((locale) => {
      const out = run(world(locale), 'Get-WinEvent -ProviderName nosuch');
      expect(out[0]).toBe(
        locale === 'ja'
          ? 'Get-WinEvent : 指定した選択条件に一致するイベントは見つかりませんでした。'
          : 'Get-WinEvent : No events were found that match the specified selection criteria.',
      );
      expect(out.slice(4, 6)).toEqual([
        '    + CategoryInfo          : ObjectNotFound: (:) [Get-WinEvent], Exception',
        '    + FullyQualifiedErrorId : NoMatchingEventsFound,Microsoft.PowerShell.Commands.GetWinEventCommand',
      ]);
    });
  });

  it('should name a log that does not exist, each cmdlet in its own words', () => {
    expect(run(world('en'), 'Get-EventLog Foo')[0]).toBe(
      "Get-EventLog : The event log 'Foo' on computer '.' does not exist.",
    );
    expect(run(world('ja'), 'Get-EventLog Foo')[0]).toBe(
      "Get-EventLog : コンピューター '.' にイベント ログ 'Foo' は存在しません。",
    );
    expect(run(world('en'), 'Get-WinEvent -LogName Foo')[0]).toBe(
      'Get-WinEvent : There is not an event log on the localhost computer that matches "Foo".',
    );
    expect(run(world('ja'), 'Get-WinEvent -LogName Foo')[0]).toBe(
      'Get-WinEvent : localhost コンピューターに "Foo" と一致するイベント ログはありません。',
    );
  });
});

describe('netsh', () => {
  it('should say a rule name is needed, in the language of the server', () => {
    expect(run(world('en'), 'netsh advfirewall firewall add rule dir=in')).toEqual([
      '',
      'A specified value is not valid.',
      '',
      'Usage: add rule name=<string> ...',
    ]);
    expect(run(world('ja'), 'netsh advfirewall firewall delete rule')).toEqual([
      '',
      '指定された値は無効です。',
      '',
      '使用法: delete rule name=<文字列> ...',
    ]);
  });
});

describe('files and processes', () => {
  it('should start the message with the name as typed and name the cmdlet in the record', () => {
    const out = run(world('ja'), 'cd C:\\nosuch');
    expect(out[0]).toBe("cd : パス 'C:\\nosuch' が存在しないため検出できません。");
    expect(out.slice(4, 6)).toEqual([
      '    + CategoryInfo          : ObjectNotFound: (C:\\nosuch:String) [Set-Location], ItemNotFoundException',
      '    + FullyQualifiedErrorId : PathNotFound,Microsoft.PowerShell.Commands.SetLocationCommand',
    ]);
    expect(run(world('en'), 'dir C:\\nosuch')[0]).toBe(
      "dir : Cannot find path 'C:\\nosuch' because it does not exist.",
    );
  });

  it('should describe Remove-Item -WhatIf in the language of the server', () => {
    const w = world('ja');
    run(w, 'mkdir C:\\Temp');
    w.internals.ctx.hosts.get('WEB01')!.fs.writeFile('C:\\Temp\\a.txt', 'x', 0);
    expect(run(w, 'Remove-Item C:\\Temp\\* -WhatIf')).toEqual([
      'WhatIf: 対象 "C:\\Temp\\a.txt" に対して操作 "ファイルの削除" を実行しています。',
    ]);
    const en = world('en');
    run(en, 'mkdir C:\\Temp');
    en.internals.ctx.hosts.get('WEB01')!.fs.writeFile('C:\\Temp\\a.txt', 'x', 0);
    expect(run(en, 'Remove-Item C:\\Temp\\* -WhatIf')).toEqual([
      'What if: Performing the operation "Remove File" on target "C:\\Temp\\a.txt".',
    ]);
  });

  it('should word mkdir on an existing folder in each language', () => {
    expect(run(world('en'), 'mkdir C:\\inetpub')[0]).toBe(
      'mkdir : An item with the specified name C:\\inetpub already exists.',
    );
    expect(run(world('ja'), 'mkdir C:\\inetpub')[0]).toBe(
      'mkdir : 指定された名前 C:\\inetpub の項目は既に存在します。',
    );
  });

  it("should speak cmd's messages in the language of the server", () => {
    const cmd = (locale: Locale) => {
      const w = world(locale);
      run(w, 'cmd');
      return (line: string) => run(w, line);
    };
    const ja = cmd('ja');
    const en = cmd('en');
    expect(ja('type')).toEqual(['コマンドの構文が誤っています。']);
    expect(en('type')).toEqual(['The syntax of the command is incorrect.']);
    expect(ja('cd C:\\nosuch')).toEqual(['指定されたパスが見つかりません。']);
    expect(en('cd C:\\nosuch')).toEqual(['The system cannot find the path specified.']);
    expect(ja('mkdir C:\\inetpub')).toEqual([
      'サブディレクトリまたはファイル C:\\inetpub は既に存在します。',
    ]);
    expect(en('mkdir C:\\inetpub')).toEqual(['A subdirectory or file C:\\inetpub already exists.']);
    expect(ja('move C:\\nosuch.txt C:\\inetpub')).toEqual(['指定されたファイルが見つかりません。']);
    expect(en('move C:\\nosuch.txt C:\\inetpub')).toEqual([
      'The system cannot find the file specified.',
    ]);
    expect(ja('findstr')).toEqual(['FINDSTR: コマンド ラインが正しくありません']);
    expect(en('findstr x C:\\nosuch')).toEqual(['FINDSTR: Cannot open C:\\nosuch']);
    expect(ja('ping')).toEqual(['使い方: ping 対象の名前']);
    expect(ja('telnet')).toEqual(['使用法: telnet [ホスト [ポート]]']);
  });

  it('should count moved files in the language of the server', () => {
    both((locale) => {
      const w = world(locale);
      run(w, 'mkdir C:\\Temp');
      run(w, 'mkdir C:\\Temp2');
      w.internals.ctx.hosts.get('WEB01')!.fs.writeFile('C:\\Temp\\a.txt', 'x', 0);
      run(w, 'cmd');
      expect(run(w, 'move C:\\Temp\\a.txt C:\\Temp2')).toEqual([
        locale === 'ja' ? '        1 個のファイルを移動しました。' : '        1 file(s) moved.',
      ]);
    });
  });

  it('should refuse to stop a Windows process in the words of the server', () => {
    const ja = run(world('ja'), 'Stop-Process -Id 4');
    expect(ja[0]).toBe(
      'Stop-Process : 次のエラーのため、プロセス "System (4)" を停止できません: アクセスが拒否されました。',
    );
    expect(ja[4]).toBe(
      '    + CategoryInfo          : CloseError: (System.Diagnostics.Process (System):Process) [Stop-Process]、ProcessCommandException',
    );
    expect(run(world('en'), 'Stop-Process -Id 4')[4]).toBe(
      '    + CategoryInfo          : CloseError: (System.Diagnostics.Process (System):Process) [Stop-Process], ProcessCommandException',
    );
    expect(run(world('ja'), 'Get-Process nosuch')[0]).toBe(
      'Get-Process : 名前 "nosuch" のプロセスが見つかりません。プロセス名を確認し、コマンドレットを再度呼び出してください。',
    );
    expect(run(world('ja'), 'Get-PSDrive Q')[0]).toBe(
      "Get-PSDrive : ドライブが見つかりません。名前 'Q' のドライブは存在しません。",
    );
  });

  it('should word the other cmdlet errors in Japanese on a Japanese server', () => {
    const w = world('ja');
    w.internals.ctx.hosts.get('WEB01')!.fs.writeFile('C:\\Temp\\a.txt', 'x', 0);
    expect(run(w, 'Install-WindowsFeature nosuch')[0]).toBe(
      "Install-WindowsFeature : ArgumentNotValid: 役割、役割サービス、または機能の名前が無効です: 'nosuch'。名前が見つかりませんでした。",
    );
    expect(run(w, 'Select-String -Pattern "(" -Path C:\\Temp\\*')[0]).toBe(
      'Select-String : 文字列 ( は有効な正規表現ではありません。',
    );
    expect(
      run(w, 'Get-DnsServerResourceRecord -ComputerName DC01 -ZoneName nosuch.example')[0],
    ).toBe(
      'Get-DnsServerResourceRecord : サーバー DC01 上の nosuch.example のゾーン情報を取得できませんでした。',
    );
    expect(run(world('en'), 'Install-WindowsFeature nosuch')[0]).toBe(
      "Install-WindowsFeature : ArgumentNotValid: The role, role service, or feature name is not valid: 'nosuch'. The name was not found.",
    );
  });
});

describe('Get-NetTCPConnection', () => {
  it('should say in the language of the server that nothing listens on the port', () => {
    expect(run(world('en'), 'Get-NetTCPConnection -LocalPort 2525')[0]).toMatch(
      /^Get-NetTCPConnection : No matching MSFT_NetTCPConnection objects found .* WHERE \(\(LocalPort = 2525\)\)\. Verify query parameters and retry\.$/,
    );
    expect(run(world('ja'), 'Get-NetTCPConnection -LocalPort 2525')[0]).toMatch(
      /^Get-NetTCPConnection : 一致する MSFT_NetTCPConnection オブジェクトが見つかりませんでした .* WHERE \(\(LocalPort = 2525\)\)\)。クエリ パラメーターを確認してから、再試行してください。$/,
    );
  });
});
