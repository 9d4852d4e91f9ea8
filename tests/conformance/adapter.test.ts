/**
 * The TCP adapter against raw sockets: framing, ordering, the world's refusals and drops, and the
 * engine's unsolicited idle-timeout reply. Every test closes its server.
 */
import { once } from 'node:events';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { isLoopbackAddress, startSmtpAdapter } from '../../scripts/smtp/adapter';
import { makeSelfSignedCert } from '../../scripts/smtp/selfSigned';
import { RawClient, methodAndStatus, startLab, until, type Lab } from './harness';

const GREETING =
  '220 web01.contoso.com Microsoft ESMTP MAIL Service, Version: 10.0.17763.1697 ready at  Thu, 5 Mar 2026 09:30:00 +0900 ';
const EHLO_REPLY = [
  '250-web01.contoso.com Hello [10.0.0.20]',
  '250-TURN',
  '250-SIZE 2097152',
  '250-ETRN',
  '250-PIPELINING',
  '250-DSN',
  '250-ENHANCEDSTATUSCODES',
  '250-8bitmime',
  '250-BINARYMIME',
  '250-CHUNKING',
  '250-VRFY',
  '250 OK',
];
const QUEUED =
  /^250 2\.6\.0 <WEB01[A-Za-z0-9]{12}[0-9A-F]{8}@web01\.contoso\.com> Queued mail for delivery$/;
const MESSAGE = 'Subject: framing\r\n\r\nfirst line\r\n..leading dot\r\n.\r\n';

let labs: Lab[] = [];
let clients: RawClient[] = [];
afterEach(async () => {
  for (const c of clients) c.destroy();
  await Promise.all(labs.map((l) => l.close()));
  labs = [];
  clients = [];
});

async function lab(options: Parameters<typeof startLab>[0] = {}): Promise<Lab> {
  const l = await startLab(options);
  labs.push(l);
  return l;
}
async function client(l: Lab): Promise<RawClient> {
  const c = await RawClient.connect(l.port);
  clients.push(c);
  return c;
}

/** Queue entries of WEB01 holding a message whose text contains `needle`. */
const queuedWith = (l: Lab, needle: string) =>
  [...l.world.internals.iis.get('WEB01')!.queue.entries.values()].filter((e) =>
    e.message.data.includes(needle),
  );

describe('SMTP adapter framing', { timeout: 20_000 }, () => {
  it('should answer pipelined commands in order and hang up after QUIT', async () => {
    const l = await lab();
    const c = await client(l);
    await c.waitForLines(1);
    await c.write('EHLO app01.contoso.com\r\n');
    await c.waitForLines(13);
    await c.write('MAIL FROM:<shop@contoso.com>\r\nRCPT TO:<taro.yamada@example.net>\r\nDATA\r\n');
    await c.waitForLines(16);
    await c.write(`${MESSAGE}QUIT\r\n`);
    await c.waitForClose();
    const lines = c.lines();
    expect(lines.slice(0, 16)).toEqual([
      GREETING,
      ...EHLO_REPLY,
      '250 2.1.0 shop@contoso.com....Sender OK',
      '250 2.1.5 taro.yamada@example.net ',
      '354 Start mail input; end with <CRLF>.<CRLF>',
    ]);
    expect(lines[16]).toMatch(QUEUED);
    expect(lines.slice(17)).toEqual([
      '221 2.0.0 web01.contoso.com Service closing transmission channel',
    ]);
    expect(c.ended).toBe('end');
    expect(methodAndStatus(l.newRecords())).toEqual([
      'EHLO 250',
      'MAIL 250',
      'RCPT 250',
      'DATA 250',
      'QUIT 240',
    ]);
  });

  it('should let the engine unstuff a leading dot in DATA (RFC 5321 §4.5.2)', async () => {
    const l = await lab();
    const c = await client(l);
    await c.write(
      `EHLO app01.contoso.com\r\nMAIL FROM:<shop@contoso.com>\r\nRCPT TO:<taro.yamada@example.net>\r\nDATA\r\n${MESSAGE}QUIT\r\n`,
    );
    await c.waitForClose();
    const [entry] = queuedWith(l, 'Subject: framing');
    expect(entry?.message.data).toContain('\r\nfirst line\r\n.leading dot\r\n');
    expect(entry?.message.data).not.toContain('..leading dot');
  });

  it('should serve a client that sends one byte at a time', async () => {
    const l = await lab();
    const c = await client(l);
    for (const ch of `EHLO app01.contoso.com\r\nMAIL FROM:<shop@contoso.com>\r\nRCPT TO:<taro.yamada@example.net>\r\nDATA\r\n${MESSAGE}QUIT\r\n`) {
      await c.write(ch);
    }
    await c.waitForClose();
    const lines = c.lines();
    expect(lines).toHaveLength(18);
    expect(lines.slice(13, 16)).toEqual([
      '250 2.1.0 shop@contoso.com....Sender OK',
      '250 2.1.5 taro.yamada@example.net ',
      '354 Start mail input; end with <CRLF>.<CRLF>',
    ]);
    expect(lines[16]).toMatch(QUEUED);
    expect(methodAndStatus(l.newRecords())).toEqual([
      'EHLO 250',
      'MAIL 250',
      'RCPT 250',
      'DATA 250',
      'QUIT 240',
    ]);
  });

  it('should pass a command line over 512 octets whole, for the engine to refuse', async () => {
    const l = await lab();
    const c = await client(l);
    await c.write(`NOOP ${'x'.repeat(600)}\r\nNOOP\r\n`);
    expect((await c.waitForLines(3)).slice(1)).toEqual(['500 5.5.2 Line too long', '250 2.0.0 OK']);
  });

  it('should not treat a bare LF as the end of a command', async () => {
    const l = await lab();
    const c = await client(l);
    // "QUIT" after the bare LF is part of the NOOP line, so the session stays open.
    await c.write('NOOP\nQUIT\r\n');
    expect((await c.waitForLines(2)).slice(1)).toEqual(['250 2.0.0 OK']);
    // A line ended by a bare LF gets no answer until a CRLF completes it.
    await c.write('EHLO app01.contoso.com\n');
    await new Promise((r) => setTimeout(r, 100));
    expect(c.lines()).toHaveLength(2);
    expect(c.ended).toBe('open');
    await c.write('\r\nQUIT\r\n');
    await c.waitForClose();
    const lines = c.lines();
    expect(lines).toHaveLength(15);
    expect(lines[2]).toBe('250-web01.contoso.com Hello [10.0.0.20]');
    expect(lines[14]).toBe('221 2.0.0 web01.contoso.com Service closing transmission channel');
  });

  it('should keep two connections apart', async () => {
    const l = await lab();
    const a = await client(l);
    const b = await client(l);
    await a.write('MAIL FROM:<shop@contoso.com>\r\n');
    await b.write('HELO app01.contoso.com\r\n');
    await a.waitForLines(2);
    await b.waitForLines(2);
    expect(a.lines()[1]).toBe('503 5.5.2 Send hello first');
    expect(b.lines()[1]).toBe('250 web01.contoso.com Hello [10.0.0.20]');
    expect(l.adapter.stats.sessions).toBe(2);
  });

  it('should drop a client that sends a megabyte without CRLF', async () => {
    const l = await lab();
    const c = await client(l);
    await c.write('A'.repeat(1024 * 1024 + 10));
    await c.waitForClose();
    expect(c.lines()).toEqual([GREETING]);
    expect(l.adapter.openConnections).toBe(0);
  });
});

describe('SMTP adapter and the simulated network', { timeout: 20_000 }, () => {
  it('should reset the connection when SMTPSVC is stopped (port closed)', async () => {
    const l = await lab();
    expect(
      l.world.send({ type: 'console.line', host: 'WEB01', line: 'Stop-Service SMTPSVC' }).ok,
    ).toBe(true);
    const c = await client(l);
    await c.waitForClose();
    expect(c.received).toBe('');
    expect(c.ended).toBe('reset');
    expect(l.adapter.stats).toMatchObject({ sessions: 0, refused: 1, timedOut: 0 });
  });

  it('should stay silent, then close, when a firewall drops the connection', async () => {
    // WWW (198.51.100.80) is outside 10.0.0.0/24, the only source WEB01's SMTP-In rule allows.
    const l = await lab({ fromHost: 'WWW', silentCloseMs: 300 });
    const started = Date.now();
    const c = await client(l);
    await c.write('EHLO www.example.com\r\n');
    await c.waitForClose();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(c.received).toBe('');
    expect(l.adapter.stats).toMatchObject({ sessions: 0, refused: 0, timedOut: 1 });
    expect(l.newRecords()).toEqual([]);
  });

  it('should see the connecting host as the client (relay policy applies as for it)', async () => {
    const l = await lab({ fromHost: 'DC01' });
    const c = await client(l);
    await c.write(
      'HELO dc01.contoso.local\r\nMAIL FROM:<admin@contoso.com>\r\nRCPT TO:<taro.yamada@example.net>\r\n',
    );
    expect((await c.waitForLines(4)).slice(1)).toEqual([
      '250 web01.contoso.com Hello [10.0.0.2]',
      '250 2.1.0 admin@contoso.com....Sender OK',
      '550 5.7.1 Unable to relay for taro.yamada@example.net',
    ]);
    expect(l.newRecords().map((r) => r['c-ip'])).toEqual(['10.0.0.2', '10.0.0.2', '10.0.0.2']);
  });

  it('should deliver the idle-timeout 421 when the virtual clock passes 10 minutes, then close', async () => {
    const l = await lab();
    const c = await client(l);
    await c.write('EHLO app01.contoso.com\r\n');
    await c.waitForLines(13);
    l.world.send({ type: 'clock.advance', ms: 9 * 60_000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(c.lines()).toHaveLength(13);
    l.world.send({ type: 'clock.advance', ms: 60_000 });
    await c.waitForClose();
    expect(c.lines().slice(13)).toEqual(['421 4.4.2 web01.contoso.com Connection timed out']);
  });

  it('should close open sessions when the adapter stops', async () => {
    const l = await lab();
    const c = await client(l);
    await c.waitForLines(1);
    await l.close();
    await c.waitForClose();
    expect(l.adapter.openConnections).toBe(0);
  });
});

describe('SMTP adapter listening address', () => {
  it('should know loopback addresses', () => {
    expect(
      ['127.0.0.1', '127.8.9.10', '::1', 'localhost', '::ffff:127.0.0.1'].map(isLoopbackAddress),
    ).toEqual([true, true, true, true, true]);
    expect(
      ['0.0.0.0', '::', '10.0.0.5', '192.168.1.10', 'example.com'].map(isLoopbackAddress),
    ).toEqual([false, false, false, false, false]);
  });

  it('should refuse a non-loopback address unless allowRemote is set', async () => {
    const { world } = await lab();
    await expect(
      startSmtpAdapter({ world, fromHost: 'APP01', iisHost: 'WEB01', host: '0.0.0.0', port: 0 }),
    ).rejects.toThrow('refusing to listen on 0.0.0.0: not a loopback address');
  });
});

/** Certificate for the real TLS upgrade, made with openssl at test time (null without openssl). */
const CERT = makeSelfSignedCert('web01.contoso.com');
const tlsTitle = (title: string) => (CERT ? title : `${title} (skipped: openssl not found)`);

describe('SMTP adapter STARTTLS transport', { timeout: 20_000 }, () => {
  it.skipIf(!CERT)(
    tlsTitle('should discard plaintext pipelined behind STARTTLS (RFC 3207 §4.2, CVE-2011-0411)'),
    async () => {
      const l = await lab({ tls: CERT! });
      l.world.send({ type: 'config.set', host: 'WEB01', patch: { 'tls.certificate': true } });
      const c = await client(l);
      // An attacker on the path appends a command to the client's STARTTLS, in the same packet.
      await c.write('EHLO app01.contoso.com\r\nSTARTTLS\r\nRSET injected\r\n');
      const lines = await c.waitForLines(15);
      expect(lines.slice(12, 14)).toEqual(['250-STARTTLS', '250 OK']);
      expect(lines.slice(14)).toEqual(['220 2.0.0 SMTP server ready']);
      const secure = tls.connect({
        socket: c.socket,
        ca: [CERT!.cert],
        servername: 'web01.contoso.com',
      });
      await once(secure, 'secureConnect');
      let received = '';
      secure.on('data', (d: Buffer) => (received += d.toString('latin1')));
      secure.write('NOOP\r\n');
      await until(() => received.includes('\r\n'));
      expect(received).toBe('250 2.0.0 OK\r\n');
      secure.destroy();
      await until(() => l.adapter.openConnections === 0);
      expect(methodAndStatus(l.newRecords())).toEqual(['EHLO 250', 'STARTTLS 220', 'NOOP 250']);
      expect(l.adapter.stats.tlsUpgrades).toBe(1);
    },
  );

  it('should hang up after the engine accepts STARTTLS if no certificate is configured', async () => {
    const notices: string[] = [];
    const l = await lab({ onNotice: (n) => notices.push(n.kind) });
    l.world.send({ type: 'config.set', host: 'WEB01', patch: { 'tls.certificate': true } });
    const c = await client(l);
    await c.write('EHLO app01.contoso.com\r\nSTARTTLS\r\n');
    await c.waitForClose();
    expect(c.lines().at(-1)).toBe('220 2.0.0 SMTP server ready');
    expect(notices).toEqual(['open', 'tlsUnavailable', 'closed']);
  });
});
