/**
 * A real SMTP client judges the engine: nodemailer's SMTP transport talks to the simulated IIS
 * virtual server through the TCP adapter. Each session must end without a protocol error on
 * either side: the client gets exactly the documented replies and the W3C log shows the session.
 */
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSelfSignedCert, type CertPair } from '../../scripts/smtp/selfSigned';
import { methodAndStatus, startLab, until, type Lab, type W3cRecord } from './harness';

const QUEUED =
  /^250 2\.6\.0 <WEB01[A-Za-z0-9]{12}[0-9A-F]{8}@web01\.contoso\.com> Queued mail for delivery$/;

let labs: Lab[] = [];
afterEach(async () => {
  await Promise.all(labs.map((l) => l.close()));
  labs = [];
});

/** Certificate for the real TLS upgrade, made with openssl at test time (null without openssl). */
const CERT = makeSelfSignedCert('web01.contoso.com');
const ACCOUNT = { user: 'mailer', password: 'Spring2026!' };
/** A TLS test is skipped only when openssl is missing, and then says so. */
const tlsTitle = (title: string) => (CERT ? title : `${title} (skipped: openssl not found)`);

async function lab(fromHost = 'APP01', tls?: CertPair): Promise<Lab> {
  const l = await startLab({ fromHost, tls });
  labs.push(l);
  return l;
}

/** Change WEB01's settings as the IIS Manager dialogs would. */
function configure(l: Lab, patch: Record<string, unknown>): void {
  expect(l.world.send({ type: 'config.set', host: 'WEB01', patch })).toEqual({
    ok: true,
    output: [],
  });
}

/** The shop's mailer: EHLO with its own FQDN (the engine checks the EHLO argument is a domain). */
const transport = (
  l: Lab,
  auth?: { user: string; pass: string },
  extra: { requireTLS?: boolean } = {},
) =>
  nodemailer.createTransport({
    host: '127.0.0.1',
    port: l.port,
    secure: false,
    name: 'app01.contoso.com',
    connectionTimeout: 5000,
    auth,
    // Trust the test certificate, for the name it carries.
    tls: CERT ? { ca: [CERT.cert], servername: 'web01.contoso.com' } : undefined,
    ...extra,
  });

/**
 * The engine writes a W3C line for the 334 prompt that answers the AUTH LOGIN user name, with the
 * method `xxxx` (reported to the session-machine owner); these tests judge the AUTH outcome line.
 */
const withoutAuthPrompts = (records: W3cRecord[]) =>
  records.filter((r) => !(r['cs-method'] === 'xxxx' && r['sc-status'] === '334'));

/** Wait until nodemailer has hung up, so the session's last log line is written. */
const sessionsOver = (l: Lab) => until(() => l.adapter.openConnections === 0);

/** Queue entries of WEB01 (mail for remote domains waits there: the port-25 block holds it). */
const queue = (l: Lab) => [...l.world.internals.iis.get('WEB01')!.queue.entries.values()];

/** RFC 5321 reply codes that mean the client broke the protocol. */
const PROTOCOL_ERRORS = ['500', '501', '503'];

// Real sockets and a 2 MB message: allow for a machine busy with other test files.
describe('nodemailer SMTP transport against the simulated IIS', { timeout: 30_000 }, () => {
  it('should send a plain message to a recipient APP01 may relay to', async () => {
    const l = await lab();
    const info = await transport(l).sendMail({
      from: 'shop@contoso.com',
      to: 'taro.yamada@example.net',
      subject: 'Order confirmation',
      text: 'Thank you for your order.',
    });
    expect(info.accepted).toEqual(['taro.yamada@example.net']);
    expect(info.rejected).toEqual([]);
    expect(info.response).toMatch(QUEUED);
    await sessionsOver(l);
    const records = l.newRecords();
    expect(methodAndStatus(records)).toEqual(['EHLO 250', 'MAIL 250', 'RCPT 250', 'DATA 250']);
    expect(records.map((r) => r['c-ip'])).toEqual([
      '10.0.0.20',
      '10.0.0.20',
      '10.0.0.20',
      '10.0.0.20',
    ]);
    const queued = queue(l).filter(
      (e) =>
        e.message.data.includes('Subject: Order confirmation\r\n') &&
        e.message.data.includes('Thank you for your order.'),
    );
    expect(queued.map((e) => e.pending)).toEqual([['taro.yamada@example.net']]);
  });

  it('should declare SIZE on MAIL when the server advertises it (RFC 1870)', async () => {
    const l = await lab();
    const info = await transport(l).sendMail({
      envelope: { from: 'shop@contoso.com', to: ['taro.yamada@example.net'], size: 4321 } as {
        from: string;
        to: string[];
      },
      from: 'shop@contoso.com',
      to: 'taro.yamada@example.net',
      subject: 'Declared size',
      text: 'x'.repeat(4000),
    });
    expect(info.ehlo).toContain('SIZE 2097152');
    expect(info.response).toMatch(QUEUED);
    await sessionsOver(l);
    const mail = l.newRecords().find((r) => r['cs-method'] === 'MAIL');
    expect(mail?.['cs-uri-query']).toBe('+FROM:<shop@contoso.com>+SIZE=4321');
    expect(mail?.['sc-status']).toBe('250');
  });

  it('should send one message to several recipients (local and remote)', async () => {
    const l = await lab();
    const to = [
      'taro.yamada@example.net',
      'hanako.suzuki@example.net',
      'webmaster@web01.contoso.com',
    ];
    const info = await transport(l).sendMail({
      from: 'shop@contoso.com',
      to,
      subject: 'Three recipients',
      text: 'Hello all.',
    });
    expect(info.accepted).toEqual(to);
    expect(info.response).toMatch(QUEUED);
    await sessionsOver(l);
    expect(methodAndStatus(l.newRecords())).toEqual([
      'EHLO 250',
      'MAIL 250',
      'RCPT 250',
      'RCPT 250',
      'RCPT 250',
      'DATA 250',
    ]);
    // The local recipient goes to Drop, the remote ones wait in the Queue folder.
    const iis = l.world.internals.iis.get('WEB01')!;
    expect(
      iis.drop.filter((m) => m.data.includes('Subject: Three recipients')).map((m) => m.to),
    ).toEqual([['webmaster@web01.contoso.com']]);
    expect(
      queue(l)
        .filter((e) => e.message.data.includes('Subject: Three recipients'))
        .map((e) => e.pending),
    ).toEqual([['taro.yamada@example.net', 'hanako.suzuki@example.net']]);
  });

  it('should report 550 5.7.1 Unable to relay when the client host is not on the relay list', async () => {
    // DC01 (10.0.0.2) may reach port 25 through WEB01's firewall but is not on the relay list.
    const l = await lab('DC01');
    const err = await transport(l)
      .sendMail({
        from: 'admin@contoso.com',
        to: 'taro.yamada@example.net',
        subject: 'Relay?',
        text: 'x',
      })
      .then(
        () => null,
        (e: Error & Record<string, unknown>) => e,
      );
    expect(err).toMatchObject({
      code: 'EENVELOPE',
      command: 'RCPT TO',
      responseCode: 550,
      response: '550 5.7.1 Unable to relay for taro.yamada@example.net',
    });
    expect(err?.rejected).toEqual(['taro.yamada@example.net']);
    await sessionsOver(l);
    const records = l.newRecords();
    // nodemailer pipelines DATA behind RCPT (RFC 2920); with no recipient accepted, RFC 5321 §3.3
    // lets the server answer that DATA with 503, and the client then sends no message.
    expect(methodAndStatus(records)).toEqual(['EHLO 250', 'MAIL 250', 'RCPT 550', 'DATA 503']);
    expect(records.map((r) => r['c-ip'])).toEqual(['10.0.0.2', '10.0.0.2', '10.0.0.2', '10.0.0.2']);
    expect(queue(l).filter((e) => e.message.data.includes('Subject: Relay?'))).toEqual([]);
  });

  it('should report 552 5.3.4 for a message over the 2048 KB default limit', async () => {
    const l = await lab();
    const line =
      'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor\r\n';
    const text = line.repeat(Math.ceil((2048 * 1024 + 1) / line.length));
    const err = await transport(l)
      .sendMail({
        from: 'shop@contoso.com',
        to: 'taro.yamada@example.net',
        subject: 'Too big',
        text,
      })
      .then(
        () => null,
        (e: Error & Record<string, unknown>) => e,
      );
    expect(err).toMatchObject({
      code: 'EMESSAGE',
      responseCode: 552,
      response: '552 5.3.4 Message size exceeds fixed maximum message size',
    });
    await sessionsOver(l);
    expect(methodAndStatus(l.newRecords())).toEqual([
      'EHLO 250',
      'MAIL 250',
      'RCPT 250',
      'DATA 552',
    ]);
    expect(queue(l).filter((e) => e.message.data.includes('Subject: Too big'))).toEqual([]);
  });

  it('should leave no protocol error in the log across all the sessions above', async () => {
    // One lab serving the successful cases back to back, so their log lines are all checked together.
    const l = await lab();
    const t = transport(l);
    await t.sendMail({
      from: 'shop@contoso.com',
      to: 'taro.yamada@example.net',
      subject: 'a',
      text: 'a',
    });
    await t.sendMail({
      from: 'shop@contoso.com',
      to: ['taro.yamada@example.net', 'hanako.suzuki@example.net'],
      subject: 'b',
      text: 'b',
    });
    await t.sendMail({
      envelope: { from: 'shop@contoso.com', to: ['taro.yamada@example.net'], size: 10 } as {
        from: string;
        to: string[];
      },
      from: 'shop@contoso.com',
      to: 'taro.yamada@example.net',
      subject: 'c',
      text: 'c',
    });
    await sessionsOver(l);
    const records = l.newRecords();
    expect(records).toHaveLength(13);
    expect(records.filter((r) => PROTOCOL_ERRORS.includes(r['sc-status'] ?? ''))).toEqual([]);
    expect(l.adapter.stats).toMatchObject({
      sessions: 3,
      replies: { '2': 16, '3': 3, '4': 0, '5': 0 },
    });
  });

  it('should get 530 5.7.3 Client was not authenticated when anonymous access is off', async () => {
    const l = await lab();
    configure(l, { 'auth.anonymous': false });
    const err = await transport(l)
      .sendMail({
        from: 'shop@contoso.com',
        to: 'taro.yamada@example.net',
        subject: 'Anonymous?',
        text: 'x',
      })
      .then(
        () => null,
        (e: Error & Record<string, unknown>) => e,
      );
    expect(err).toMatchObject({
      code: 'EENVELOPE',
      command: 'MAIL FROM',
      responseCode: 530,
      response: '530 5.7.3 Client was not authenticated',
    });
    await sessionsOver(l);
    // nodemailer pipelines RCPT and DATA behind MAIL (RFC 2920); each is refused in turn, and DATA
    // with no recipient gets 503, as RFC 5321 §3.3 allows.
    expect(methodAndStatus(l.newRecords())).toEqual([
      'EHLO 250',
      'MAIL 530',
      'RCPT 530',
      'DATA 503',
    ]);
  });

  it('should authenticate with AUTH LOGIN and relay as an authenticated user', async () => {
    // DC01 is not on the relay list, but "Allow all computers which successfully authenticate to
    // relay" is ticked by default (reference §3.5).
    const l = await lab('DC01');
    configure(l, { 'auth.basic': true, windowsAccounts: [ACCOUNT] });
    const info = await transport(l, { user: ACCOUNT.user, pass: ACCOUNT.password }).sendMail({
      from: 'shop@contoso.com',
      to: 'taro.yamada@example.net',
      subject: 'Authenticated',
      text: 'x',
    });
    expect(info.ehlo?.slice(0, 2)).toEqual(['AUTH LOGIN', 'AUTH=LOGIN']);
    expect(info.accepted).toEqual(['taro.yamada@example.net']);
    expect(info.response).toMatch(QUEUED);
    await sessionsOver(l);
    const records = withoutAuthPrompts(l.newRecords());
    expect(methodAndStatus(records)).toEqual([
      'EHLO 250',
      'AUTH 235',
      'MAIL 250',
      'RCPT 250',
      'DATA 250',
    ]);
    expect(records[1]?.['cs-uri-query']).toBe('+LOGIN');
  });

  it('should report 535 for a wrong password', async () => {
    const l = await lab('DC01');
    configure(l, { 'auth.basic': true, windowsAccounts: [ACCOUNT] });
    const err = await transport(l, { user: ACCOUNT.user, pass: 'wrong' })
      .sendMail({
        from: 'shop@contoso.com',
        to: 'taro.yamada@example.net',
        subject: 'x',
        text: 'x',
      })
      .then(
        () => null,
        (e: Error & Record<string, unknown>) => e,
      );
    expect(err).toMatchObject({
      code: 'EAUTH',
      command: 'AUTH LOGIN',
      responseCode: 535,
      response: '535 5.7.3 Authentication unsuccessful',
    });
    await sessionsOver(l);
    expect(methodAndStatus(withoutAuthPrompts(l.newRecords()))).toEqual(['EHLO 250', 'AUTH 535']);
  });

  it.skipIf(!CERT)(
    tlsTitle('should upgrade to TLS with STARTTLS and deliver over it'),
    async () => {
      const l = await lab('APP01', CERT!);
      configure(l, { 'tls.certificate': true });
      const info = await transport(l, undefined, { requireTLS: true }).sendMail({
        from: 'shop@contoso.com',
        to: 'taro.yamada@example.net',
        subject: 'Over TLS',
        text: 'x',
      });
      expect(info.response).toMatch(QUEUED);
      // RFC 3207 §4.2: STARTTLS is not offered again on the secured channel.
      expect(info.ehlo).not.toContain('STARTTLS');
      await sessionsOver(l);
      expect(methodAndStatus(l.newRecords())).toEqual([
        'EHLO 250',
        'STARTTLS 220',
        'EHLO 250',
        'MAIL 250',
        'RCPT 250',
        'DATA 250',
      ]);
      expect(l.adapter.stats.tlsUpgrades).toBe(1);
      const [entry] = queue(l).filter((e) => e.message.data.includes('Subject: Over TLS'));
      expect(entry?.message.data).toMatch(
        /^Received: from app01\.contoso\.com \(\[10\.0\.0\.20\]\) by web01\.contoso\.com over TLS secured channel with Microsoft SMTPSVC/,
      );
    },
  );

  it.skipIf(!CERT)(
    tlsTitle('should take AUTH LOGIN only after STARTTLS when Basic requires TLS'),
    async () => {
      const l = await lab('DC01', CERT!);
      configure(l, {
        'tls.certificate': true,
        'auth.basic': true,
        'auth.basicRequiresTls': true,
        windowsAccounts: [ACCOUNT],
      });
      const info = await transport(
        l,
        { user: ACCOUNT.user, pass: ACCOUNT.password },
        { requireTLS: true },
      ).sendMail({
        from: 'shop@contoso.com',
        to: 'taro.yamada@example.net',
        subject: 'TLS then AUTH',
        text: 'x',
      });
      expect(info.response).toMatch(QUEUED);
      await sessionsOver(l);
      expect(methodAndStatus(withoutAuthPrompts(l.newRecords()))).toEqual([
        'EHLO 250',
        'STARTTLS 220',
        'EHLO 250',
        'AUTH 235',
        'MAIL 250',
        'RCPT 250',
        'DATA 250',
      ]);
    },
  );
});
