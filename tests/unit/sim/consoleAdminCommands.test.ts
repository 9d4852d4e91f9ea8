/**
 * The console commands the curriculum needs: Set-Service, Remove-Item/Move-Item on the Queue
 * folder, Select-String pipelines, Get-EventLog/Get-WinEvent, Send-MailMessage, the DnsServer
 * cmdlets and netstat. Each test drives a real world through console lines, as a learner would.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../src/sim/world/world';
import { parseBaseWorld } from '../../../src/sim/scenario/load';
import { applyFault } from '../../../src/sim/scenario/faults';
import { faultSchema, trafficSchema, type WorldSpec } from '../../../src/sim/scenario/schema';
import { readBases } from '../../../scripts/lib/scenarioFiles';

function world(
  faults: Record<string, unknown>[] = [],
  traffic: Record<string, unknown>[] = [],
  locale: 'en' | 'ja' = 'en',
): World {
  const parsed = parseBaseWorld(readBases()['contoso-shop'] as string, 'contoso-shop.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const spec: WorldSpec = parsed.world;
  for (const f of faults) expect(applyFault(spec, faultSchema.parse(f))).toBeNull();
  return createWorld(spec, {
    seed: 3,
    locale,
    traffic: traffic.map((t) => trafficSchema.parse(t)),
  });
}

const run = (w: World, host: string, line: string) =>
  w.send({ type: 'console.line', host, line }).output;

/** Mail stuck behind an outbound block: two alerts and one order in WEB01's queue. */
const STUCK = [{ kind: 'firewall-block-outbound', host: 'WEB01', ruleName: 'Block' }];
const STUCK_TRAFFIC = [
  {
    at: '-2h',
    from: 'APP01',
    to: 'WEB01',
    mailFrom: 'monitor@contoso.com',
    rcptTo: ['ops@example.net'],
    subject: 'Disk space warning',
    repeat: { every: '30m', count: 2 },
  },
  {
    at: '-1h',
    from: 'APP01',
    to: 'WEB01',
    mailFrom: 'shop@contoso.com',
    rcptTo: ['taro.yamada@example.net'],
    subject: 'Order confirmation',
  },
];

describe('Set-Service', () => {
  it('should turn a disabled SMTPSVC back to Automatic with event 7040 so it can start', () => {
    const w = world([{ kind: 'service-stopped', host: 'WEB01', startType: 'Disabled' }]);
    expect(run(w, 'WEB01', 'Start-Service SMTPSVC')[0]).toBe(
      "Start-Service : Service 'Simple Mail Transfer Protocol (SMTP) (SMTPSVC)' cannot be started due to the following error: Cannot start service SMTPSVC on computer '.'.",
    );
    expect(run(w, 'WEB01', 'Set-Service SMTPSVC -StartupType Automatic')).toEqual([]);
    const events = w.snapshot().events.WEB01!;
    expect(events.at(-1)).toMatchObject({
      log: 'System',
      source: 'Service Control Manager',
      eventId: 7040,
      message:
        'The start type of the Simple Mail Transfer Protocol (SMTP) service was changed from disabled to auto start.',
    });
    expect(run(w, 'WEB01', 'Start-Service SMTPSVC')).toEqual([]);
    expect(
      w
        .snapshot()
        .hosts.find((h) => h.name === 'WEB01')!
        .services.find((s) => s.name === 'SMTPSVC'),
    ).toMatchObject({ status: 'Running', startType: 'Automatic' });
  });

  it('should write 7040 in Japanese on a Japanese server and refuse an unknown startup type', () => {
    const w = world([{ kind: 'service-stopped', host: 'WEB01', startType: 'Manual' }], [], 'ja');
    run(w, 'WEB01', 'Set-Service SMTPSVC -StartupType Automatic');
    expect(w.snapshot().events.WEB01!.at(-1)!.message).toBe(
      'Simple Mail Transfer Protocol (SMTP) サービスの開始の種類は 要求による開始 から 自動的な開始 に変更されました。',
    );
    expect(run(w, 'WEB01', 'Set-Service SMTPSVC -StartupType Sometimes')[0]).toMatch(
      /^Set-Service : パラメーター 'StartupType' をバインドできません。値 "Sometimes" を型/,
    );
  });
});

describe('Remove-Item and Move-Item on the Queue folder', () => {
  it('should refuse to delete a queued message while SMTPSVC runs', () => {
    const w = world(STUCK, STUCK_TRAFFIC);
    const file = w.snapshot().queues.WEB01![0]!.fileName;
    const path = `C:\\inetpub\\mailroot\\Queue\\${file}`;
    expect(run(w, 'WEB01', `Remove-Item ${path}`)).toEqual([
      `Remove-Item : Cannot remove item ${path}: The process cannot access the file '${path}' because it is being used by another process.`,
    ]);
    expect(w.snapshot().queues.WEB01!.length).toBe(3);
  });

  it('should forget the message once its file is deleted with the service stopped', () => {
    const w = world(STUCK, STUCK_TRAFFIC);
    const file = w.snapshot().queues.WEB01![0]!.fileName;
    run(w, 'WEB01', 'Stop-Service SMTPSVC');
    expect(run(w, 'WEB01', `del C:\\inetpub\\mailroot\\Queue\\${file}`)).toEqual([]);
    expect(w.snapshot().queues.WEB01!.map((q) => q.fileName)).not.toContain(file);
    run(w, 'WEB01', 'Disable-NetFirewallRule -DisplayName Block');
    run(w, 'WEB01', 'Start-Service SMTPSVC');
    w.send({ type: 'clock.advance', ms: 60_000 });
    expect(w.snapshot().queues.WEB01).toEqual([]);
    expect((w.snapshot().mailboxes['ops@example.net'] ?? []).length).toBe(1);
  });

  it('should say so in cmd when a path does not exist', () => {
    const w = world();
    run(w, 'WEB01', 'cmd');
    expect(run(w, 'WEB01', 'del C:\\inetpub\\mailroot\\Queue\\nothing.EML')).toEqual([
      'Could Not Find C:\\inetpub\\mailroot\\Queue\\nothing.EML',
    ]);
  });
});

describe('Select-String', () => {
  it('should list matches as path:line:text', () => {
    const w = world(STUCK, STUCK_TRAFFIC);
    const out = run(
      w,
      'WEB01',
      'Select-String -Path C:\\inetpub\\mailroot\\Queue\\*.EML -Pattern "Subject: Disk" -List',
    );
    expect(out.filter((l) => l !== '').map((l) => l.replace(/NTFS_\w+\.EML/, 'X.EML'))).toEqual([
      expect.stringMatching(
        /^C:\\inetpub\\mailroot\\Queue\\X\.EML:\d+:Subject: Disk space warning( #2)?$/,
      ),
      expect.stringMatching(
        /^C:\\inetpub\\mailroot\\Queue\\X\.EML:\d+:Subject: Disk space warning( #2)?$/,
      ),
    ]);
  });

  it('should move only the matching files when piped to Move-Item', () => {
    const w = world(STUCK, STUCK_TRAFFIC);
    run(w, 'WEB01', 'Stop-Service SMTPSVC');
    run(w, 'WEB01', 'mkdir C:\\QueueBackup');
    expect(
      run(
        w,
        'WEB01',
        'Select-String -Path C:\\inetpub\\mailroot\\Queue\\*.EML -Pattern "From: monitor@contoso.com" -List | Move-Item -Destination C:\\QueueBackup',
      ),
    ).toEqual([]);
    expect(w.snapshot().queues.WEB01!.map((q) => q.from)).toEqual(['shop@contoso.com']);
    expect(w.internals.ctx.hosts.get('WEB01')!.fs.list('C:\\QueueBackup').length).toBe(2);
  });

  it('should refuse pipelines it does not know', () => {
    const w = world(STUCK, STUCK_TRAFFIC);
    expect(
      run(
        w,
        'WEB01',
        'Select-String -Path C:\\inetpub\\mailroot\\Queue\\*.EML -Pattern x | Sort-Object',
      ),
    ).toEqual([
      'Sort-Object : This console can pipe Select-String only to Remove-Item or Move-Item.',
    ]);
  });
});

describe('Get-EventLog and Get-WinEvent', () => {
  it('should show the newest smtpsvc warning first, whole with Format-List', () => {
    const w = world(STUCK, STUCK_TRAFFIC);
    const table = run(w, 'WEB01', 'Get-EventLog -LogName Application -Source smtpsvc -Newest 1');
    expect(table.slice(0, 3)).toEqual([
      '',
      '   Index Time          EntryType   Source                 InstanceID Message',
      '   ----- ----          ---------   ------                 ---------- -------',
    ]);
    expect(table[3]).toMatch(
      /^ +\d+ Mar 05 0\d:\d\d {2}Warning {5}smtpsvc +4000 Message delivery to the remote domain 'example\.net' failed for the following reason: Th\.\.\.$/,
    );
    const list = run(
      w,
      'WEB01',
      'Get-EventLog -LogName Application -Source smtpsvc -Newest 1 | Format-List',
    );
    expect(list).toContain(
      "Message            : Message delivery to the remote domain 'example.net' failed for the following reason: The remote server did not respond to a connection attempt. Data: 0000: c00402d2",
    );
  });

  it('should localise Get-WinEvent levels on a Japanese server', () => {
    const w = world(STUCK, STUCK_TRAFFIC, 'ja');
    const out = run(w, 'WEB01', 'Get-WinEvent -ProviderName smtpsvc -MaxEvents 1');
    expect(out[1]).toBe('   ProviderName: smtpsvc');
    expect(out[5]).toMatch(/^2026\/03\/05 \d{1,2}:\d\d:\d\d +4000 警告 +Message delivery/);
  });

  it('should say when nothing matches', () => {
    expect(run(world(), 'WEB01', 'Get-EventLog -LogName Application -Source smtpsvc')).toEqual([
      'Get-EventLog : No matches found',
      'At line:1 char:1',
      '+ Get-EventLog -LogName Application -Source smtpsvc',
      '+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~',
      '    + CategoryInfo          : ObjectNotFound: (:) [Get-EventLog], ArgumentException',
      '    + FullyQualifiedErrorId : GetEventLogNoEntriesFound,Microsoft.PowerShell.Commands.GetEventLogCommand',
      '',
    ]);
  });
});

describe('Send-MailMessage', () => {
  it('should report relay refusals with the System.Net.Mail text', () => {
    const w = world([{ kind: 'relay-denied', host: 'WEB01', client: 'APP01' }]);
    const out = run(
      w,
      'APP01',
      'Send-MailMessage -SmtpServer 10.0.0.5 -From shop@contoso.com -To taro.yamada@example.net -Subject t -Body t',
    );
    expect(out[0]).toBe(
      'Send-MailMessage : Mailbox unavailable. The server response was: 5.7.1 Unable to relay for taro.yamada@example.net',
    );
    expect(out[4]).toBe(
      '    + CategoryInfo          : InvalidOperation: (System.Net.Mail.SmtpClient:SmtpClient) [Send-MailMessage], SmtpFailedRecipientException',
    );
  });

  it('should deliver and print nothing when the server takes the mail', () => {
    const w = world();
    expect(
      run(
        w,
        'APP01',
        'Send-MailMessage -SmtpServer 10.0.0.5 -From shop@contoso.com -To taro.yamada@example.net -Subject Hello',
      ),
    ).toEqual([]);
    w.send({ type: 'clock.advance', ms: 60_000 });
    expect(w.snapshot().mailboxes['taro.yamada@example.net']!.map((m) => m.subject)).toEqual([
      'Hello',
    ]);
  });

  it('should fail to connect to a stopped service', () => {
    const w = world([{ kind: 'service-stopped', host: 'WEB01' }], [], 'ja');
    expect(
      run(
        w,
        'APP01',
        'Send-MailMessage -SmtpServer 10.0.0.5 -From a@contoso.com -To b@example.net -Subject t',
      )[0],
    ).toBe('Send-MailMessage : リモート サーバーに接続できません。');
  });
});

describe('DnsServer cmdlets', () => {
  it('should add an MX record to a zone the company DNS server holds', () => {
    const w = world([{ kind: 'missing-mx', domain: 'contoso.com' }]);
    expect(
      run(
        w,
        'WEB01',
        'Add-DnsServerResourceRecordMX -ComputerName DC01 -ZoneName contoso.com -Name "." -MailExchange contoso-com.mail.protection.outlook.com -Preference 0',
      ),
    ).toEqual([]);
    expect(run(w, 'WEB01', 'nslookup -type=mx contoso.com')).toContain(
      'contoso.com     MX preference = 0, mail exchanger = contoso-com.mail.protection.outlook.com',
    );
    expect(
      run(
        w,
        'WEB01',
        'Get-DnsServerResourceRecord -ComputerName DC01 -ZoneName contoso.com -RRType MX',
      )[3],
    ).toBe(
      '@                         MX         15         0                    01:00:00        [0][contoso-com.mail.protection.outlook.com.]',
    );
  });

  it('should not hold the reverse zone of a public address', () => {
    const out = run(
      world(),
      'WEB01',
      'Add-DnsServerResourceRecordPtr -ComputerName DC01 -ZoneName 113.0.203.in-addr.arpa -Name 5 -PtrDomainName web01.contoso.com',
    );
    expect(out[0]).toBe(
      'Add-DnsServerResourceRecordPtr : Failed to get the zone information for 113.0.203.in-addr.arpa on server DC01.',
    );
    expect(out[5]).toBe('    + FullyQualifiedErrorId : WIN32 9601,Add-DnsServerResourceRecordPtr');
  });

  it('should add a PTR in a private reverse zone and refuse a duplicate', () => {
    const w = world();
    expect(
      run(
        w,
        'WEB01',
        'Add-DnsServerResourceRecordPtr -ComputerName DC01 -ZoneName 0.0.10.in-addr.arpa -Name 20 -PtrDomainName app01.contoso.com',
      ),
    ).toEqual([]);
    expect(run(w, 'WEB01', 'nslookup 10.0.0.20')).toContain('Name:    app01.contoso.com');
    expect(
      run(
        w,
        'WEB01',
        'Add-DnsServerResourceRecordPtr -ComputerName DC01 -ZoneName 0.0.10.in-addr.arpa -Name 20 -PtrDomainName app01.contoso.com',
      )[0],
    ).toBe(
      'Add-DnsServerResourceRecordPtr : Failed to create resource record 20 in 0.0.10.in-addr.arpa zone on server DC01.',
    );
  });

  it('should need -ComputerName on a server that is not a DNS server', () => {
    expect(run(world(), 'WEB01', 'Get-DnsServerResourceRecord -ZoneName contoso.com')[0]).toBe(
      'Get-DnsServerResourceRecord : Failed to get the zone information for contoso.com on server WEB01.',
    );
  });
});

describe('netstat and Get-NetTCPConnection', () => {
  it('should show IIS listening on port 25 only where it is bound', () => {
    const healthy = world();
    expect(run(healthy, 'WEB01', 'netstat -ano')).toContain(
      '  TCP    0.0.0.0:25             0.0.0.0:0              LISTENING       2184',
    );
    const wrong = world([{ kind: 'wrong-binding', host: 'WEB01', ip: '10.0.0.6' }]);
    expect(run(wrong, 'WEB01', 'netstat -an').some((l) => l.includes(':25 '))).toBe(false);
    expect(run(wrong, 'WEB01', 'Get-NetTCPConnection -LocalPort 25')[0]).toMatch(
      /^Get-NetTCPConnection : No matching MSFT_NetTCPConnection objects found by CIM query/,
    );
  });

  it('should stop listening when SMTPSVC stops', () => {
    const w = world();
    run(w, 'WEB01', 'Stop-Service SMTPSVC');
    expect(run(w, 'WEB01', 'netstat -an').some((l) => l.includes(':25 '))).toBe(false);
  });
});
