/**
 * Trouble on the IIS host itself: another program holding port 25 (`port-in-use`), a full disk
 * (`disk-full`), and a server where the SMTP Server feature is not installed yet.
 */
import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../../src/sim/world/world';
import { applyFault } from '../../../src/sim/scenario/faults';
import { faultSchema, type WorldSpec } from '../../../src/sim/scenario/schema';
import { advance, events, log, mailbox, send, worldSpec } from './mailWorld';

function world(spec: WorldSpec, locale: 'en' | 'ja' = 'en'): World {
  return createWorld(spec, { locale, seed: 1 });
}
function faulted(fault: Record<string, unknown>, changes: Record<string, unknown> = {}): World {
  const spec = worldSpec(changes);
  expect(applyFault(spec, faultSchema.parse(fault))).toBeNull();
  return world(spec);
}
const run = (w: World, line: string, host = 'WEB01') => {
  const r = w.send({ type: 'console.line', host, line });
  expect(r.ok).toBe(true);
  return r.output;
};

describe('port-in-use: hMailServer holds port 25', () => {
  it('should leave SMTPSVC running with its instance unbound (smtpsvc 115)', () => {
    const w = faulted({ kind: 'port-in-use', host: 'WEB01' });
    expect(events(w).map((e) => [e.log, e.source, e.eventId, e.level, e.message])).toEqual([
      [
        'System',
        'smtpsvc',
        115,
        'Error',
        'The service could not bind instance 1.  The data is the error code.\r\n\r\nData: 0000: 00002740',
      ],
    ]);
    expect(run(w, 'Get-Service SMTPSVC')[3]).toBe(
      'Running  SMTPSVC            Simple Mail Transfer Protocol (SMTP)',
    );
    expect(run(w, 'netstat -ano | findstr :25')).toEqual([
      '  TCP    0.0.0.0:25             0.0.0.0:0              LISTENING       3120',
    ]);
    expect(run(w, 'tasklist /svc /fi "PID eq 3120"')).toEqual([
      '',
      'Image Name                     PID Services',
      '========================= ======== ============================================',
      'hMailServer.exe               3120 hMailServer',
    ]);
  });

  it('should let the program answer the applications', () => {
    const w = faulted({ kind: 'port-in-use', host: 'WEB01' });
    expect(run(w, 'telnet 10.0.0.5 25', 'APP01')).toEqual(['220 web01.contoso.com ESMTP']);
    run(w, 'QUIT', 'APP01');
    send(w, ['taro.yamada@example.net']);
    expect(events(w, 'APP01').map((e) => e.message)).toEqual([
      'System.Net.Mail.SmtpFailedRecipientException: Mailbox unavailable. The server response was: Delivery is not allowed to this address.',
    ]);
    expect(log(w)).toBe('');
  });

  it('should bind again after the program is stopped and SMTPSVC restarted', () => {
    const w = faulted({ kind: 'port-in-use', host: 'WEB01' });
    run(w, 'Restart-Service SMTPSVC');
    expect(events(w).filter((e) => e.eventId === 115)).toHaveLength(2);
    expect(run(w, 'Stop-Service hMailServer')).toEqual([]);
    expect(run(w, 'Set-Service hMailServer -StartupType Disabled')).toEqual([]);
    run(w, 'Restart-Service SMTPSVC');
    expect(events(w).filter((e) => e.eventId === 115)).toHaveLength(2);
    expect(run(w, 'netstat -ano | findstr :25')).toEqual([
      '  TCP    0.0.0.0:25             0.0.0.0:0              LISTENING       2184',
    ]);
    send(w, ['taro.yamada@example.net']);
    advance(w, 5_000);
    expect(mailbox(w, 'taro.yamada@example.net')).toHaveLength(1);
  });

  it('should end a program process (SCM 7034) but refuse Windows processes', () => {
    const w = faulted({ kind: 'port-in-use', host: 'WEB01' });
    expect(run(w, 'Stop-Process -Id 640')).toEqual([
      'Stop-Process : Cannot stop process "lsass (640)" because of the following error: Access is denied',
      'At line:1 char:1',
      '+ Stop-Process -Id 640',
      '+ ~~~~~~~~~~~~~~~~~~~~',
      '    + CategoryInfo          : CloseError: (System.Diagnostics.Process (lsass):Process) [Stop-Process], ProcessCommandException',
      '    + FullyQualifiedErrorId : CouldNotStopProcess,Microsoft.PowerShell.Commands.StopProcessCommand',
      '',
    ]);
    expect(run(w, 'taskkill /PID 3120 /F')).toEqual([
      'SUCCESS: The process with PID 3120 has been terminated.',
    ]);
    expect(events(w).at(-1)?.message).toBe(
      'The hMailServer service terminated unexpectedly.  It has done this 1 time(s).',
    );
    expect(
      w
        .snapshot()
        .hosts.find((h) => h.name === 'WEB01')
        ?.services.find((s) => s.name === 'hMailServer'),
    ).toMatchObject({
      status: 'Stopped',
      startType: 'Automatic',
    });
    expect(run(w, 'tasklist /fi "PID eq 3120"')).toEqual([
      'INFO: No tasks are running which match the specified criteria.',
    ]);
  });
});

describe('disk-full: an unlimited W3C log filled volume C:', () => {
  const full = () => faulted({ kind: 'disk-full', host: 'WEB01', logGb: 38 });

  it('should refuse MAIL with 452 4.3.1, write no W3C line and warn with srv 2013', () => {
    const w = full();
    expect(events(w).map((e) => [e.source, e.eventId, e.message])).toEqual([
      ['srv', 2013, 'The C: disk is at or near capacity.  You may need to delete some files.'],
    ]);
    send(w, ['taro.yamada@example.net']);
    expect(events(w, 'APP01').map((e) => e.message)).toEqual([
      'System.Net.Mail.SmtpException: Insufficient system storage. The server response was: 4.3.1 Insufficient system resources',
    ]);
    expect(w.logFiles('WEB01').map((f) => [f.path, f.content.split('\r\n').length])).toEqual([
      ['C:\\Windows\\System32\\LogFiles\\SMTPSVC1\\extend1.log', 5],
    ]);
    expect(run(w, 'Get-PSDrive C')[3]).toBe(
      'C                  60.00          0.00 FileSystem    C:\\                   Users\\Administrator',
    );
  });

  it('should keep the log being written locked until the schedule moves on, then free its space', () => {
    const w = full();
    const path = 'C:\\Windows\\System32\\LogFiles\\SMTPSVC1\\extend1.log';
    expect(run(w, `Remove-Item ${path}`)).toEqual([
      `Remove-Item : Cannot remove item ${path}: The process cannot access the file '${path}' because it is being used by another process.`,
    ]);
    expect(
      w.send({ type: 'config.set', host: 'WEB01', patch: { 'logging.schedule': 'daily' } }).ok,
    ).toBe(true);
    expect(run(w, `Remove-Item ${path}`)).toEqual([]);
    expect(run(w, 'Get-PSDrive C')[3]).toBe(
      'C                  22.00         38.00 FileSystem    C:\\                   Users\\Administrator',
    );
    run(w, 'cmd');
    expect(run(w, 'dir C:\\inetpub\\mailroot').at(-1)).toBe(
      '               9 Dir(s)  40,802,189,312 bytes free',
    );
    send(w, ['taro.yamada@example.net']);
    advance(w, 5_000);
    expect(mailbox(w, 'taro.yamada@example.net')).toHaveLength(1);
    expect(log(w)).toContain(' MAIL - +FROM:<shop@contoso.com> 250 ');
  });
});

describe('a server without the SMTP Server feature', () => {
  const fresh = (locale: 'en' | 'ja' = 'en') =>
    world(worldSpec({ hosts: { WEB01: { smtpInstalled: false } } }), locale);

  it('should have no SMTP service, no mailroot and no IIS settings to change', () => {
    const w = fresh();
    expect(run(w, 'Get-Service SMTPSVC')).toEqual([
      "Get-Service : Cannot find any service with service name 'SMTPSVC'.",
      'At line:1 char:1',
      '+ Get-Service SMTPSVC',
      '+ ~~~~~~~~~~~~~~~~~~~',
      '    + CategoryInfo          : ObjectNotFound: (SMTPSVC:String) [Get-Service], ServiceCommandException',
      '    + FullyQualifiedErrorId : NoServiceFoundForGivenName,Microsoft.PowerShell.Commands.GetServiceCommand',
      '',
    ]);
    expect(run(w, 'Get-WindowsFeature SMTP-Server')[3]).toBe(
      '[ ] SMTP Server                                         SMTP-Server                    Available',
    );
    expect(
      w.send({ type: 'config.set', host: 'WEB01', patch: { fqdn: 'web01.contoso.com' } }),
    ).toEqual({
      ok: false,
      output: [],
      error: "No IIS SMTP server on host 'WEB01'",
    });
    expect(w.snapshot().iis).toEqual({});
    expect(w.internals.ctx.hosts.get('WEB01')?.fs.isDir('C:\\inetpub\\mailroot\\Queue')).toBe(
      false,
    );
  });

  it('should install it with the real result table, Manual and stopped, at the IIS defaults', () => {
    const w = fresh();
    expect(run(w, 'Install-WindowsFeature SMTP-Server -IncludeManagementTools')).toEqual([
      '',
      'Success Restart Needed Exit Code      Feature Result',
      '------- -------------- ---------      --------------',
      'True    No             Success        {SMTP Server, Remote Server Administra...',
      '',
    ]);
    const services = w.snapshot().hosts.find((h) => h.name === 'WEB01')?.services ?? [];
    expect(
      services
        .filter((s) => s.name !== 'W3SVC')
        .map((s) => [s.name, s.status, s.startType])
        .sort(),
    ).toEqual([
      ['IISADMIN', 'Running', 'Automatic'],
      ['SMTPSVC', 'Stopped', 'Manual'],
    ]);
    expect(events(w).map((e) => e.eventId)).toEqual([7045, 7045, 7036]);
    expect(w.snapshot().iis.WEB01?.logging.enabled).toBe(false);
    expect(w.snapshot().iis.WEB01?.relay.list).toEqual([]);
    expect(run(w, 'Install-WindowsFeature SMTP-Server')[3]).toBe(
      'True    No             NoChangeNeeded {}',
    );
    expect(run(w, 'Start-Service SMTPSVC')).toEqual([]);
    expect(run(w, 'Test-NetConnection 127.0.0.1 -Port 25').at(-2)).toBe('TcpTestSucceeded : True');
  });

  it('should align Japanese display names by console columns', () => {
    const w = fresh('ja');
    expect(run(w, 'Get-WindowsFeature SMTP-Server')[3]).toBe(
      '[ ] SMTP サーバー                                       SMTP-Server                    Available',
    );
  });
});
