/**
 * Python's smtplib judges the engine (tests/conformance/smtplib_client.py), run as a child process
 * against four adapters: APP01 (may relay) and DC01 (may not) to one world, APP01 to a WEB01 with
 * anonymous access off, and DC01 to a WEB01 with a certificate and Basic authentication over TLS.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenarioWorld } from '../../src/sim/index';
import { makeSelfSignedCert } from '../../scripts/smtp/selfSigned';
import {
  SCENARIO,
  methodAndStatus,
  startLab,
  w3cRecords,
  type Lab,
  type W3cRecord,
} from './harness';

function pythonAvailable(): boolean {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const HAS_PYTHON = pythonAvailable();
const SCRIPT = join(import.meta.dirname, 'smtplib_client.py');
const QUEUED_LOG = /^<WEB01[A-Za-z0-9]{12}[0-9A-F]{8}@web01\.contoso\.com>$/;
const QUIT_REPLY = [221, '2.0.0 web01.contoso.com Service closing transmission channel'];

type CaseResult = Record<string, unknown> & { case: string };

/** Certificate for the real TLS upgrade, made with openssl at test time (null without openssl). */
const CERT = makeSelfSignedCert('web01.contoso.com');
const tlsTitle = (title: string) => (CERT ? title : `${title} (skipped: openssl not found)`);
const ACCOUNT = { user: 'mailer', password: 'Spring2026!' };

/** A fresh world whose WEB01 has these settings (as the IIS Manager dialogs would set them). */
function configuredWorld(patch: Record<string, unknown>) {
  const world = createScenarioWorld(SCENARIO);
  expect(world.send({ type: 'config.set', host: 'WEB01', patch })).toEqual({
    ok: true,
    output: [],
  });
  return world;
}

/** See nodemailer.test.ts: the engine logs the AUTH LOGIN user-name prompt as `xxxx 334`. */
const withoutAuthPrompts = (records: W3cRecord[]) =>
  records.filter((r) => !(r['cs-method'] === 'xxxx' && r['sc-status'] === '334'));

describe.skipIf(!HAS_PYTHON)(
  `Python smtplib against the simulated IIS${HAS_PYTHON ? '' : ' (skipped: python3 not found)'}`,
  () => {
    let allowed: Lab;
    let denied: Lab;
    let closed: Lab;
    let secure: Lab;
    let results: Map<string, CaseResult>;
    let baseline: number;
    const certDir = mkdtempSync(join(tmpdir(), 'mailroot-smtplib-'));

    beforeAll(async () => {
      // APP01 and DC01 share one world, so one log holds their sessions in order.
      const world = createScenarioWorld(SCENARIO);
      baseline = w3cRecords(world).length;
      allowed = await startLab({ world, fromHost: 'APP01' });
      denied = await startLab({ world, fromHost: 'DC01' });
      closed = await startLab({
        world: configuredWorld({ 'auth.anonymous': false }),
        fromHost: 'APP01',
      });
      secure = await startLab({
        world: configuredWorld({
          'tls.certificate': true,
          'auth.basic': true,
          'auth.basicRequiresTls': true,
          windowsAccounts: [ACCOUNT],
        }),
        fromHost: 'DC01',
        tls: CERT ?? undefined,
      });
      const cafile = CERT ? join(certDir, 'web01.pem') : '';
      if (CERT) writeFileSync(cafile, CERT.cert);
      const config = {
        port: allowed.port,
        denied_port: denied.port,
        closed_port: closed.port,
        secure_port: secure.port,
        cafile,
        ...ACCOUNT,
      };
      // Asynchronous on purpose: the adapters run on this process's event loop.
      const { stdout } = await promisify(execFile)('python3', [SCRIPT, JSON.stringify(config)], {
        timeout: 60_000,
      });
      const lines = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as CaseResult);
      expect(lines.at(-1)).toEqual({ done: true });
      results = new Map(lines.slice(0, -1).map((r) => [r.case, r]));
    }, 90_000);

    afterAll(async () => {
      await Promise.all([allowed, denied, closed, secure].map((l) => l?.close()));
      rmSync(certDir, { recursive: true, force: true });
    });

    const records = () => w3cRecords(allowed.world).slice(baseline);

    it('should send a plain message, with SIZE declared, and QUIT cleanly', () => {
      const r = results.get('plain')!;
      expect(r).toEqual({
        case: 'plain',
        size: r.size,
        ehlo: 250,
        size_advertised: '2097152',
        result: 'sent',
        refused: {},
        quit: QUIT_REPLY,
      });
      const session = records().slice(0, 5);
      expect(methodAndStatus(session)).toEqual([
        'EHLO 250',
        'MAIL 250',
        'RCPT 250',
        'DATA 250',
        'QUIT 240',
      ]);
      // smtplib writes the keyword in lower case; the engine logs the command as received.
      expect(session[1]?.['cs-uri-query']).toBe(`+FROM:<shop@contoso.com>+size=${r.size}`);
      expect(session[3]?.['cs-uri-query']).toMatch(QUEUED_LOG);
      // smtplib dot-stuffed ".leading dot"; the engine unstuffed it (RFC 5321 §4.5.2).
      const queued = [...allowed.world.internals.iis.get('WEB01')!.queue.entries.values()].filter(
        (e) => e.message.data.includes('Subject: smtplib plain'),
      );
      expect(queued).toHaveLength(1);
      expect(queued[0]?.message.data).toContain('\r\nHello.\r\n.leading dot\r\n');
    });

    it('should send to several recipients', () => {
      expect(results.get('several')).toMatchObject({
        result: 'sent',
        refused: {},
        quit: QUIT_REPLY,
      });
      expect(methodAndStatus(records().slice(5, 12))).toEqual([
        'EHLO 250',
        'MAIL 250',
        'RCPT 250',
        'RCPT 250',
        'RCPT 250',
        'DATA 250',
        'QUIT 240',
      ]);
    });

    it('should get 550 5.7.1 Unable to relay as DC01', () => {
      expect(results.get('relay-denied')).toMatchObject({
        result: 'SMTPRecipientsRefused',
        recipients: {
          'taro.yamada@example.net': [550, '5.7.1 Unable to relay for taro.yamada@example.net'],
        },
        quit: QUIT_REPLY,
      });
      const session = records().slice(12, 17);
      // smtplib sends RSET after a refusal, then QUIT.
      expect(methodAndStatus(session)).toEqual([
        'EHLO 250',
        'MAIL 250',
        'RCPT 550',
        'RSET 250',
        'QUIT 240',
      ]);
      expect(session.map((r) => r['c-ip'])).toEqual([
        '10.0.0.2',
        '10.0.0.2',
        '10.0.0.2',
        '10.0.0.2',
        '10.0.0.2',
      ]);
    });

    it('should get 552 5.3.4 at MAIL for a declared size over 2048 KB', () => {
      const r = results.get('too-big')!;
      expect(r.size).toBeGreaterThan(2048 * 1024);
      expect(r).toMatchObject({
        result: 'SMTPSenderRefused',
        code: 552,
        message: '5.3.4 Message size exceeds fixed maximum message size',
        quit: QUIT_REPLY,
      });
      const session = records().slice(17);
      expect(methodAndStatus(session)).toEqual(['EHLO 250', 'MAIL 552', 'RSET 250', 'QUIT 240']);
      expect(session[1]?.['cs-uri-query']).toBe(`+FROM:<shop@contoso.com>+size=${r.size}`);
    });

    it('should leave no protocol error (500, 501, 503) in the log', () => {
      expect(records()).toHaveLength(21);
      expect(records().filter((r) => ['500', '501', '503'].includes(r['sc-status'] ?? ''))).toEqual(
        [],
      );
    });

    it('should get 530 5.7.3 Client was not authenticated when anonymous access is off', () => {
      expect(results.get('auth-required')).toMatchObject({
        result: 'SMTPSenderRefused',
        code: 530,
        message: '5.7.3 Client was not authenticated',
        quit: QUIT_REPLY,
      });
      expect(methodAndStatus(w3cRecords(closed.world).slice(baseline))).toEqual([
        'EHLO 250',
        'MAIL 530',
        'RSET 250',
        'QUIT 240',
      ]);
    });

    it.skipIf(!CERT)(tlsTitle('should upgrade with starttls(), log in and relay over TLS'), () => {
      expect(results.get('starttls-login')).toMatchObject({
        result: 'sent',
        refused: {},
        // Basic "Requires TLS encryption": LOGIN is offered only on the secured channel.
        auth_before_tls: null,
        starttls: 220,
        tls: true,
        // smtplib joins the mechanisms of `250-AUTH LOGIN` and `250-AUTH=LOGIN`.
        auth_after_tls: ' LOGIN LOGIN',
        login: [235, '2.7.0 Authentication successful.'],
        quit: QUIT_REPLY,
      });
      const records = withoutAuthPrompts(w3cRecords(secure.world).slice(baseline));
      expect(methodAndStatus(records)).toEqual([
        'EHLO 250',
        'STARTTLS 220',
        'EHLO 250',
        'AUTH 235',
        'MAIL 250',
        'RCPT 250',
        'DATA 250',
        'QUIT 240',
      ]);
      expect(records.map((r) => r['c-ip'])).toEqual(Array(8).fill('10.0.0.2'));
      expect(secure.adapter.stats.tlsUpgrades).toBe(1);
    });
  },
);
