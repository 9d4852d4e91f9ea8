/** `npm run smtp`: its helpers, and the real command started, spoken to and stopped with SIGINT. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { createScenarioWorld } from '../../src/sim/index';
import { LogTail } from '../../scripts/smtp/logTail';
import { markdownToPlainText, terminalSafe } from '../../scripts/smtp/plainText';
import { findScenario, pickHosts, runClockInRealTime } from '../../scripts/smtp/scenarioWorld';
import { opensslAvailable } from '../../scripts/smtp/selfSigned';
import { RawClient, SCENARIO, until } from './harness';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const HAS_OPENSSL = opensslAvailable();

describe('smtp CLI helpers', () => {
  it('should render briefing markdown as plain text', () => {
    expect(
      markdownToPlainText(
        '**Ticket #1** — `Get-Service`\n\n> quoted\n> line\n\n- one\n- two [RFC](https://example.org)\n\n1. first',
      ),
    ).toBe(
      'Ticket #1 — Get-Service\n\n  │ quoted\n  │ line\n\n  • one\n  • two RFC (https://example.org)\n\n  1. first',
    );
  });

  it('should show control characters instead of sending them to the terminal', () => {
    expect(terminalSafe('HELO app01\b\b1\u001b[31m\u009b\u007f\nx')).toBe(
      'HELO app01^H^H1^[[31m\\x9b^?^Jx',
    );
    expect(terminalSafe('a\n\tb\u001b', true)).toBe('a\n\tb^[');
  });

  it('should find a scenario by id or by file, and explain a miss', () => {
    const byId = findScenario('outbound-port-blocked');
    expect(byId.ok && byId.file).toBe(
      join('scenarios', 'connection', '01-outbound-port-blocked.yaml'),
    );
    const byFile = findScenario(
      join(ROOT, 'scenarios', 'connection', '01-outbound-port-blocked.yaml'),
    );
    expect(byFile.ok && byFile.scenario.id).toBe('outbound-port-blocked');
    const miss = findScenario('no-such-scenario');
    expect(miss.ok).toBe(false);
    expect(!miss.ok && miss.message).toMatch(
      /^no scenario with id 'no-such-scenario'\. Known ids: .*outbound-port-blocked/,
    );
  });

  it('should connect from the host the scenario submits from, to its IIS host', () => {
    expect(pickHosts(SCENARIO, {})).toEqual({ ok: true, iisHost: 'WEB01', fromHost: 'APP01' });
    expect(pickHosts(SCENARIO, { from: 'dc01' })).toEqual({
      ok: true,
      iisHost: 'WEB01',
      fromHost: 'DC01',
    });
    expect(pickHosts(SCENARIO, { from: 'NOPE' })).toEqual({
      ok: false,
      message: "no host named 'NOPE' (hosts: WEB01, APP01, DC01, MX1, WWW)",
    });
    expect(pickHosts(SCENARIO, { to: 'APP01' })).toEqual({
      ok: false,
      message: 'APP01 runs no IIS SMTP server',
    });
  });

  it('should report only log lines and events written after it started', () => {
    const world = createScenarioWorld(SCENARIO);
    const tail = new LogTail(world, ['WEB01']);
    const before = tail.skipExisting();
    expect(before.w3cLines).toBeGreaterThan(0);
    expect(tail.poll()).toEqual([]);
    world.send({ type: 'console.line', host: 'WEB01', line: 'Stop-Service SMTPSVC' });
    const fresh = tail.poll();
    expect(
      fresh.map((l) => (l.kind === 'event' ? `${l.host} ${l.entry.eventId}` : l.line)),
    ).toEqual(['WEB01 7036']);
    expect(tail.poll()).toEqual([]);
  });

  it('should advance the virtual clock with real time times the speed', async () => {
    const world = createScenarioWorld(SCENARIO);
    const start = world.snapshot().now;
    const started = performance.now();
    const stop = runClockInRealTime(world, 600, () => undefined, 20);
    await new Promise((r) => setTimeout(r, 150));
    stop();
    const real = performance.now() - started;
    const virtual = world.snapshot().now - start;
    // 600× real time, give or take the last unfinished tick.
    expect(virtual).toBeGreaterThan((real - 40) * 600);
    expect(virtual).toBeLessThanOrEqual(real * 600 + 1);
  });
});

describe('npm run smtp', () => {
  it('should refuse a non-loopback address without --allow-remote', () => {
    const r = spawnSync(
      TSX,
      ['scripts/smtp.ts', '--scenario', 'outbound-port-blocked', '--host', '0.0.0.0'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Refusing to listen on 0.0.0.0: it is not a loopback address');
  });

  it('should serve, print the briefing and the log, and stop cleanly on SIGINT', async () => {
    const child = spawn(
      TSX,
      ['scripts/smtp.ts', '--scenario', 'outbound-port-blocked', '--port', '0', '--lang', 'ja'],
      { cwd: ROOT },
    );
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => (out += d));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      await until(() => out.includes('\n────────\n'), 20_000);
      expect(out).toContain('チケット #4127 — 注文確認メールが届かない');
      const port = Number(/待ち受け: 127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
      const c = await RawClient.connect(port);
      await c.write('HELO app01.contoso.com\r\nQUIT\r\n');
      await c.waitForClose();
      expect(c.lines()[1]).toBe('250 web01.contoso.com Hello [10.0.0.20]');
      await until(() => out.includes(' QUIT - app01.contoso.com 240 '));
      expect(out).toMatch(
        /W3C {4}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d 10\.0\.0\.20 app01\.contoso\.com SMTPSVC1 WEB01 10\.0\.0\.5 \d+ HELO - \+app01\.contoso\.com 250 /,
      );
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(out).toContain(
        '停止しました。セッション: 1 (拒否 0、タイムアウト 0)、受信した行: 2、TLS 切り替え: 0。',
      );
      expect(out).toContain('応答: 2xx 3、3xx 0、4xx 0、5xx 0。');
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);

  it.skipIf(!HAS_OPENSSL)(
    `should load a scenario file and follow STARTTLS with a certificate of its own${HAS_OPENSSL ? '' : ' (skipped: openssl not found)'}`,
    async () => {
      // The shipped scenario, with a server certificate installed on WEB01.
      const dir = mkdtempSync(join(tmpdir(), 'mailroot-cli-'));
      const file = join(dir, 'with-certificate.yaml');
      const yaml = readFileSync(
        join(ROOT, 'scenarios', 'connection', '01-outbound-port-blocked.yaml'),
        'utf8',
      );
      const changed = yaml.replace(
        'world:\n  base: contoso\n',
        'world:\n  base: contoso\n  changes: { hosts: { WEB01: { iis: { tls: { certificate: true } } } } }\n',
      );
      expect(changed).not.toBe(yaml);
      writeFileSync(file, changed);
      const child = spawn(TSX, ['scripts/smtp.ts', '--scenario', file, '--port', '0'], {
        cwd: ROOT,
      });
      let out = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => (out += d));
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      try {
        await until(() => out.includes('\n────────\n'), 20_000);
        expect(out).toContain('STARTTLS: offered; the real TLS uses a test certificate');
        const port = Number(/Listening: 127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
        const info = await nodemailer
          .createTransport({
            host: '127.0.0.1',
            port,
            name: 'app01.contoso.com',
            requireTLS: true,
            // The command made its own certificate; this test only checks that TLS happens.
            tls: { rejectUnauthorized: false },
          })
          .sendMail({
            from: 'shop@contoso.com',
            to: 'taro.yamada@example.net',
            subject: 'TLS',
            text: 'x',
          });
        expect(info.response).toMatch(/^250 2\.6\.0 /);
        await until(() => out.includes(' DATA - <WEB01'));
        child.kill('SIGINT');
        expect(await exited).toBe(0);
        expect(out).toMatch(
          /Stopped\. Sessions: 1 \(refused 0, timed out 0\); lines received: \d+; TLS upgrades: 1\./,
        );
      } finally {
        child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    },
    30_000,
  );
});
