/**
 * SMTPSVC as a Windows service in the world (reference §4.0, §6.3, §8.5): start, stop, pause and
 * continue, its IISADMIN dependency, and what clients see; plus the virtual server's admission
 * settings (bindings, connection limit, connection control) seen from a real connection.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readBases } from '../../../scripts/lib/scenarioFiles';
import { worldSpecSchema } from '../../../src/sim/scenario/schema';
import { createWorld, type World } from '../../../src/sim/world/world';

const GREETING = /^220 web01\.contoso\.com Microsoft ESMTP MAIL Service/;

function world(patch: (spec: ReturnType<typeof worldSpecSchema.parse>) => void = () => {}): World {
  const spec = worldSpecSchema.parse(parse(readBases().contoso as string));
  patch(spec);
  return createWorld(spec, { locale: 'en', seed: 3 });
}

const run = (w: World, host: string, line: string) =>
  w.send({ type: 'console.line', host, line }).output;
const status = (w: World, name: string) =>
  w
    .snapshot()
    .hosts.find((h) => h.name === 'WEB01')
    ?.services.find((s) => s.name === name)?.status;
const events = (w: World) =>
  (w.snapshot().events.WEB01 ?? []).map((e) => `${e.eventId} ${e.message}`);

/** Open an SMTP connection from APP01 to WEB01 and return the greeting and whether it is still open. */
function connect(w: World, ip = '10.0.0.5') {
  const { ctx } = w.internals;
  const opened = ctx.openSmtp(ctx.hosts.get('APP01')!, ip, 25);
  if (opened.kind !== 'open')
    return { kind: opened.kind, greeting: [] as string[], open: false, conn: null };
  return {
    kind: 'open',
    greeting: opened.conn.greeting,
    open: !opened.conn.closed,
    conn: opened.conn,
  };
}

describe('SMTPSVC pause and continue', () => {
  it('should answer new connections with 421 while paused and keep existing sessions', () => {
    const w = world();
    const before = connect(w);
    expect(before.greeting[0]).toMatch(GREETING);
    expect(run(w, 'WEB01', 'net pause smtpsvc')).toEqual([
      'The Simple Mail Transfer Protocol (SMTP) service was paused successfully.',
      '',
    ]);
    expect(status(w, 'SMTPSVC')).toBe('Paused');
    const during = connect(w);
    expect(during).toMatchObject({
      kind: 'open',
      greeting: ['421 4.3.2 Service not available, closing transmission channel'],
      open: false,
    });
    expect(before.conn?.send('NOOP')).toEqual(['250 2.0.0 OK']);
    expect(run(w, 'WEB01', 'net continue smtpsvc')).toEqual([
      'The Simple Mail Transfer Protocol (SMTP) service was continued successfully.',
      '',
    ]);
    expect(connect(w).greeting[0]).toMatch(GREETING);
    expect(events(w).slice(-2)).toEqual([
      '7036 The Simple Mail Transfer Protocol (SMTP) service entered the paused state.',
      '7036 The Simple Mail Transfer Protocol (SMTP) service entered the running state.',
    ]);
  });

  it('should show a paused service in Get-Service and sc query', () => {
    const w = world();
    run(w, 'WEB01', 'Suspend-Service SMTPSVC');
    expect(run(w, 'WEB01', 'Get-Service SMTPSVC')).toContain(
      'Paused   SMTPSVC            Simple Mail Transfer Protocol (SMTP)',
    );
    const sc = run(w, 'WEB01', 'sc.exe query smtpsvc');
    expect(sc).toContain('        STATE              : 7  PAUSED');
    expect(sc).toContain('                                (STOPPABLE, PAUSABLE, ACCEPTS_SHUTDOWN)');
    expect(run(w, 'WEB01', 'Resume-Service SMTPSVC')).toEqual([]);
    expect(status(w, 'SMTPSVC')).toBe('Running');
  });

  it('should refuse to pause a stopped service and to pause IISADMIN', () => {
    const w = world();
    expect(run(w, 'WEB01', 'net pause iisadmin')).toEqual([
      'The requested pause, continue, or stop is not valid for this service.',
      '',
      'More help is available by typing NET HELPMSG 2191.',
      '',
    ]);
    run(w, 'WEB01', 'net stop smtpsvc');
    expect(run(w, 'WEB01', 'net pause smtpsvc')[0]).toBe(
      'The requested pause, continue, or stop is not valid for this service.',
    );
    expect(run(w, 'WEB01', 'net start smtpsvc')[1]).toBe(
      'The Simple Mail Transfer Protocol (SMTP) service was started successfully.',
    );
  });

  it('should say a paused service is already started', () => {
    const w = world();
    run(w, 'WEB01', 'net pause smtpsvc');
    expect(run(w, 'WEB01', 'net start smtpsvc')[0]).toBe(
      'The requested service has already been started.',
    );
  });

  it('should speak Japanese on a Japanese Windows', () => {
    const w = world();
    w.send({ type: 'world.locale', locale: 'ja' });
    expect(run(w, 'WEB01', 'net pause smtpsvc')).toEqual([
      'Simple Mail Transfer Protocol (SMTP) サービスは正常に一時停止されました。',
      '',
    ]);
    expect(events(w).at(-1)).toBe(
      '7036 Simple Mail Transfer Protocol (SMTP) サービスは 一時停止 状態に移行しました。',
    );
  });
});

describe('the IISADMIN dependency', () => {
  it('should stop SMTPSVC with IISADMIN when forced, and refuse without -Force', () => {
    const w = world();
    expect(run(w, 'WEB01', 'Stop-Service IISADMIN')).toEqual([
      "Stop-Service : Cannot stop service 'IIS Admin Service (IISADMIN)' because it has dependent services. It can only be stopped if the Force flag is set.",
    ]);
    expect([status(w, 'IISADMIN'), status(w, 'SMTPSVC')]).toEqual(['Running', 'Running']);
    expect(run(w, 'WEB01', 'Stop-Service IISADMIN -Force')).toEqual([]);
    expect([status(w, 'IISADMIN'), status(w, 'SMTPSVC')]).toEqual(['Stopped', 'Stopped']);
    expect(events(w).slice(-2)).toEqual([
      '7036 The Simple Mail Transfer Protocol (SMTP) service entered the stopped state.',
      '7036 The IIS Admin Service service entered the stopped state.',
    ]);
    expect(connect(w).kind).toBe('refused');
  });

  it('should list the dependent service and ask before net stop iisadmin, and go on with /y', () => {
    const w = world();
    const asked = run(w, 'WEB01', 'net stop iisadmin');
    expect(asked).toEqual([
      'The following services are dependent on the IIS Admin Service service.',
      'Stopping the IIS Admin Service service will also stop these services.',
      '',
      '   Simple Mail Transfer Protocol (SMTP)',
      '',
      'Do you want to continue this operation? (Y/N) [N]: ',
    ]);
    expect(status(w, 'SMTPSVC')).toBe('Running');
    const out = run(w, 'WEB01', 'net stop iisadmin /y');
    expect(out.slice(5)).toEqual([
      'The Simple Mail Transfer Protocol (SMTP) service is stopping.',
      'The Simple Mail Transfer Protocol (SMTP) service was stopped successfully.',
      '',
      'The IIS Admin Service service is stopping.',
      'The IIS Admin Service service was stopped successfully.',
      '',
    ]);
    expect([status(w, 'IISADMIN'), status(w, 'SMTPSVC')]).toEqual(['Stopped', 'Stopped']);
  });

  it('should start IISADMIN first when SMTPSVC starts', () => {
    const w = world();
    run(w, 'WEB01', 'net stop iisadmin /y');
    expect(run(w, 'WEB01', 'Start-Service SMTPSVC')).toEqual([]);
    expect([status(w, 'IISADMIN'), status(w, 'SMTPSVC')]).toEqual(['Running', 'Running']);
    expect(events(w).slice(-2)).toEqual([
      '7036 The IIS Admin Service service entered the running state.',
      '7036 The Simple Mail Transfer Protocol (SMTP) service entered the running state.',
    ]);
    expect(connect(w).greeting[0]).toMatch(GREETING);
  });

  it('should not start SMTPSVC when IISADMIN is disabled, and log event 7001', () => {
    const w = world((spec) => {
      spec.hosts.WEB01!.services = {
        SMTPSVC: { status: 'Stopped', startType: 'Manual' },
        IISADMIN: { status: 'Stopped', startType: 'Disabled' },
      };
    });
    expect(run(w, 'WEB01', 'net start smtpsvc')).toEqual([
      'System error 1068 has occurred.',
      '',
      'The dependency service or group failed to start.',
      '',
    ]);
    expect(status(w, 'SMTPSVC')).toBe('Stopped');
    expect(events(w).at(-1)).toBe(
      '7001 The Simple Mail Transfer Protocol (SMTP) service depends on the IIS Admin Service service which failed to start because of the following error: \r\nThe service cannot be started, either because it is disabled or because it has no enabled devices associated with it.',
    );
  });

  it('should restart SMTPSVC with IISADMIN when IISADMIN is restarted with -Force', () => {
    const w = world();
    expect(run(w, 'WEB01', 'Restart-Service IISADMIN -Force')).toEqual([]);
    expect([status(w, 'IISADMIN'), status(w, 'SMTPSVC')]).toEqual(['Running', 'Running']);
    expect(events(w).slice(-4)).toEqual([
      '7036 The Simple Mail Transfer Protocol (SMTP) service entered the stopped state.',
      '7036 The IIS Admin Service service entered the stopped state.',
      '7036 The IIS Admin Service service entered the running state.',
      '7036 The Simple Mail Transfer Protocol (SMTP) service entered the running state.',
    ]);
  });
});

describe('admission settings seen by a client', () => {
  it('should listen only on the configured identities', () => {
    const w = world();
    expect(
      w.send({
        type: 'config.set',
        host: 'WEB01',
        patch: { bindings: [{ ip: '10.0.0.5', port: 2525 }] },
      }),
    ).toEqual({ ok: true, output: [] });
    expect(connect(w).kind).toBe('refused');
  });

  it('should close a connection from a denied computer without a word', () => {
    const w = world();
    w.send({
      type: 'config.set',
      host: 'WEB01',
      patch: { 'connectionControl.list': ['10.0.0.20'] },
    });
    expect(connect(w)).toMatchObject({ kind: 'open', greeting: [], open: false });
    expect(run(w, 'APP01', 'telnet web01.contoso.com 25')).toEqual([
      '',
      'Connection to host lost.',
    ]);
  });

  it('should answer 421 to a connection over the connection limit', () => {
    const w = world();
    w.send({ type: 'config.set', host: 'WEB01', patch: { maxConnections: 1 } });
    const first = connect(w);
    expect(first.greeting[0]).toMatch(GREETING);
    expect(connect(w).greeting).toEqual([
      '421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel',
    ]);
    first.conn?.send('QUIT');
    expect(connect(w).greeting[0]).toMatch(GREETING);
  });

  it('should log AUTH with its mechanism only, never the credentials', () => {
    const w = world();
    w.send({
      type: 'config.set',
      host: 'WEB01',
      patch: { 'auth.basic': true, windowsAccounts: [{ user: 'alice', password: 'Passw0rd!' }] },
    });
    const c = connect(w).conn!;
    c.send('EHLO APP01');
    expect(c.send('AUTH PLAIN AGFsaWNlAFBhc3N3MHJkIQ==')).toEqual([
      '504 5.7.4 Unrecognized authentication type',
    ]);
    c.send('AUTH LOGIN YWxpY2U=');
    expect(c.send('UGFzc3cwcmQh')).toEqual(['235 2.7.0 Authentication successful.']);
    const log = w
      .logFiles('WEB01')
      .map((f) => f.content)
      .join('');
    expect(log).toContain(' AUTH - +PLAIN 504 ');
    expect(log).toContain(' AUTH - +LOGIN 235 ');
    expect(log).not.toMatch(/AGFsaWNl|YWxpY2U|UGFzc3cw/);
  });

  it('should ask connections for authentication once anonymous access is turned off', () => {
    const w = world();
    w.send({
      type: 'config.set',
      host: 'WEB01',
      patch: { 'auth.anonymous': false, 'auth.basic': true },
    });
    const c = connect(w).conn!;
    c.send('HELO APP01');
    expect(c.send('MAIL FROM:<shop@contoso.com>')).toEqual([
      '530 5.7.3 Client was not authenticated',
    ]);
  });
});
