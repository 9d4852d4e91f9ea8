/**
 * Console details a learner leans on: telnet when connection control hangs up, loopback in
 * Test-NetConnection, nslookup's authority section for a name without MX, output filters
 * (`| findstr`, `| Select-String`), processes and free disk space.
 */
import { describe, expect, it } from 'vitest';
import { mailWorld } from './mailWorld';
import type { World } from '../../../src/sim/world/world';

const run = (w: World, line: string, host = 'WEB01') => {
  const r = w.send({ type: 'console.line', host, line });
  expect(r.ok).toBe(true);
  return r.output;
};

describe('console diagnostics', () => {
  it('telnet: a connection that connection control closes at once shows "Connection to host lost."', () => {
    const w = mailWorld({
      hosts: { WEB01: { iis: { connectionControl: { mode: 'onlyList', list: ['10.0.0.99'] } } } },
    });
    expect(run(w, 'telnet 10.0.0.5 25', 'APP01')).toEqual(['', 'Connection to host lost.']);
    expect(w.snapshot().consoles.APP01?.mode).toBe('powershell');
    w.send({ type: 'world.locale', locale: 'ja' });
    expect(run(w, 'telnet localhost 25')).toEqual(['', 'ホストとの接続が切断されました。']);
  });

  it('telnet: localhost and the computer name resolve without DNS', () => {
    const w = mailWorld();
    expect(run(w, 'telnet localhost 25')[0]).toMatch(
      /^220 web01\.contoso\.com Microsoft ESMTP MAIL Service/,
    );
    run(w, 'QUIT');
    expect(run(w, 'telnet WEB01 25')[0]).toMatch(
      /^220 web01\.contoso\.com Microsoft ESMTP MAIL Service/,
    );
  });

  it('Test-NetConnection 127.0.0.1: ping works through the loopback interface', () => {
    const w = mailWorld();
    expect(run(w, 'Test-NetConnection 127.0.0.1')).toEqual([
      'ComputerName           : 127.0.0.1',
      'RemoteAddress          : 127.0.0.1',
      'InterfaceAlias         : Loopback Pseudo-Interface 1',
      'SourceAddress          : 127.0.0.1',
      'PingSucceeded          : True',
      'PingReplyDetails (RTT) : 0 ms',
      '',
    ]);
  });

  it("nslookup: a name without MX records shows its zone's SOA", () => {
    const w = mailWorld();
    expect(run(w, 'nslookup -type=mx mx1.example.net')).toEqual([
      'Server:  dc01.contoso.local',
      'Address:  10.0.0.2',
      '',
      'example.net',
      '\tprimary name server = ns1.example.net',
      '\tresponsible mail addr = hostmaster.example.net',
      '\tserial  = 2026030101',
      '\trefresh = 7200 (2 hours)',
      '\tretry   = 3600 (1 hour)',
      '\texpire  = 1209600 (14 days)',
      '\tdefault TTL = 3600 (1 hour)',
      '',
    ]);
    expect(run(w, 'nslookup -type=txt web01.contoso.com').slice(3, 8)).toEqual([
      'contoso.com',
      '\tprimary name server = dc01.contoso.local',
      '\tresponsible mail addr = hostmaster.contoso.com',
      '\tserial  = 2026030101',
      '\trefresh = 900 (15 mins)',
    ]);
  });

  it('| findstr and | Select-String filter the output of any command', () => {
    const w = mailWorld();
    expect(run(w, 'netstat -ano | findstr :25')).toEqual([
      '  TCP    0.0.0.0:25             0.0.0.0:0              LISTENING       2184',
    ]);
    expect(run(w, 'netstat -an | findstr /i ":3389 :445"')).toEqual([
      '  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING',
      '  TCP    0.0.0.0:3389           0.0.0.0:0              LISTENING',
    ]);
    expect(run(w, 'tasklist | Select-String inetinfo')).toEqual([
      '',
      'inetinfo.exe                  2184 Services                   0     24,116 K',
      '',
    ]);
    expect(run(w, 'netstat -an | findstr :8080')).toEqual([]);
  });

  it('Get-Process and Get-PSDrive', () => {
    const w = mailWorld();
    expect(run(w, 'Get-Process -Name inetinfo').slice(1, 4)).toEqual([
      'Handles  NPM(K)    PM(K)      WS(K)     CPU(s)     Id  SI ProcessName',
      '-------  ------    -----      -----     ------     --  -- -----------',
      '    334      32    14470      24116       5.03   2184   0 inetinfo',
    ]);
    expect(run(w, 'Get-Process -Id 9999').slice(0, 2)).toEqual([
      'Get-Process : Cannot find a process with the process identifier 9999.',
      'At line:1 char:1',
    ]);
    expect(run(w, 'Get-PSDrive C')[3]).toBe(
      'C                  21.60         38.40 FileSystem    C:\\                   Users\\Administrator',
    );
    expect(run(w, 'Get-PSDrive Q')).toEqual([
      "Get-PSDrive : Cannot find drive. A drive with the name 'Q' does not exist.",
      'At line:1 char:1',
      '+ Get-PSDrive Q',
      '+ ~~~~~~~~~~~~~',
      '    + CategoryInfo          : ObjectNotFound: (Q:String) [Get-PSDrive], DriveNotFoundException',
      '    + FullyQualifiedErrorId : GetLocationNoMatchingDrive,Microsoft.PowerShell.Commands.GetPSDriveCommand',
      '',
    ]);
  });
});
