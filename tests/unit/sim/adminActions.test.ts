import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createScenarioWorld, parseScenario } from '../../../src/sim/index';
import { readBases } from '../../../scripts/lib/scenarioFiles';

const file = 'scenarios/connection/01-outbound-port-blocked.yaml';
function world(locale: 'en' | 'ja' = 'en') {
  const r = parseScenario(readFileSync(file, 'utf8'), file, readBases());
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return createScenarioWorld(r.scenario, { locale });
}
const service = (w: ReturnType<typeof world>, name: string) =>
  w
    .snapshot()
    .hosts.find((h) => h.name === 'WEB01')!
    .services.find((s) => s.name === name)!;

describe('service actions', () => {
  it('should stop and start SMTPSVC with SCM 7036 events', () => {
    const w = world();
    expect(
      w.send({ type: 'service.control', host: 'WEB01', service: 'SMTPSVC', control: 'stop' }).ok,
    ).toBe(true);
    expect(service(w, 'SMTPSVC').status).toBe('Stopped');
    expect(
      w.send({ type: 'service.control', host: 'WEB01', service: 'SMTPSVC', control: 'start' }).ok,
    ).toBe(true);
    expect(service(w, 'SMTPSVC').status).toBe('Running');
    const scm = w
      .snapshot()
      .events.WEB01!.filter((e) => e.eventId === 7036)
      .map((e) => e.message);
    expect(scm.slice(-2)).toEqual([
      'The Simple Mail Transfer Protocol (SMTP) service entered the stopped state.',
      'The Simple Mail Transfer Protocol (SMTP) service entered the running state.',
    ]);
  });

  it('should refuse to start a disabled service and say why', () => {
    const w = world();
    w.send({ type: 'service.control', host: 'WEB01', service: 'SMTPSVC', control: 'stop' });
    expect(
      w.send({ type: 'service.config', host: 'WEB01', service: 'SMTPSVC', startType: 'Disabled' })
        .ok,
    ).toBe(true);
    const r = w.send({
      type: 'service.control',
      host: 'WEB01',
      service: 'SMTPSVC',
      control: 'start',
    });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/disabled/);
    expect(service(w, 'SMTPSVC').status).toBe('Stopped');
  });

  it('should write SCM 7040 in the world language when the start type changes', () => {
    const w = world('ja');
    w.send({ type: 'service.config', host: 'WEB01', service: 'SMTPSVC', startType: 'Manual' });
    const last = w.snapshot().events.WEB01!.at(-1)!;
    expect(last.eventId).toBe(7040);
    expect(last.message).toBe(
      'Simple Mail Transfer Protocol (SMTP) サービスの開始の種類は 自動的な開始 から 要求による開始 に変更されました。',
    );
  });

  it('should restart a running service and describe it', () => {
    const w = world();
    expect(
      w.send({ type: 'service.control', host: 'WEB01', service: 'SMTPSVC', control: 'restart' }).ok,
    ).toBe(true);
    expect(service(w, 'SMTPSVC').status).toBe('Running');
    expect(service(w, 'SMTPSVC').description).toBe('Transports electronic mail across the network');
  });

  it('should reject an unknown host or service', () => {
    const w = world();
    expect(
      w.send({ type: 'service.control', host: 'NOPE', service: 'SMTPSVC', control: 'stop' }).error,
    ).toBe("No host named 'NOPE'");
    expect(
      w.send({ type: 'service.control', host: 'WEB01', service: 'FOO', control: 'stop' }).error,
    ).toBe("No service 'FOO' on host 'WEB01'");
  });
});

describe('service action refusals in the world language', () => {
  const control = (w: ReturnType<typeof world>, service: string, c: string) =>
    w.send({ type: 'service.control', host: 'WEB01', service, control: c as 'start' }).error;

  it('should give the SCM code and message in English', () => {
    const w = world('en');
    expect(control(w, 'SMTPSVC', 'start')).toBe(
      'Error 1056: An instance of the service is already running.',
    );
    expect(control(w, 'IISADMIN', 'stop')).toBe(
      'Error 1051: A stop control has been sent to a service that other running services are dependent on.',
    );
    expect(control(w, 'IISADMIN', 'pause')).toBe(
      'Error 1052: The requested control is not valid for this service.',
    );
    control(w, 'SMTPSVC', 'stop');
    expect(control(w, 'SMTPSVC', 'stop')).toBe('Error 1062: The service has not been started.');
    w.send({ type: 'service.config', host: 'WEB01', service: 'SMTPSVC', startType: 'Disabled' });
    expect(control(w, 'SMTPSVC', 'start')).toBe(
      'Error 1058: The service cannot be started, either because it is disabled or because it has no enabled devices associated with it.',
    );
  });

  it('should give them in Japanese on a Japanese server, as services.msc does', () => {
    const w = world('ja');
    expect(control(w, 'SMTPSVC', 'start')).toBe(
      'エラー 1056: サービスのインスタンスは既に実行されています。',
    );
    expect(control(w, 'IISADMIN', 'stop')).toBe(
      'エラー 1051: 停止制御は、他の実行中のサービスが依存しているサービスに送信されました。',
    );
    expect(control(w, 'IISADMIN', 'pause')).toBe(
      'エラー 1052: 要求された制御はこのサービスに対して無効です。',
    );
    control(w, 'SMTPSVC', 'stop');
    expect(control(w, 'SMTPSVC', 'stop')).toBe('エラー 1062: サービスは開始されていません。');
    // IIS Admin disabled: SMTPSVC, which depends on it, cannot start.
    control(w, 'IISADMIN', 'stop');
    w.send({ type: 'service.config', host: 'WEB01', service: 'IISADMIN', startType: 'Disabled' });
    expect(control(w, 'SMTPSVC', 'start')).toBe(
      'エラー 1068: 依存関係サービスまたはグループを起動できませんでした。',
    );
    expect(control(w, 'IISADMIN', 'start')).toBe(
      'エラー 1058: サービスを開始できません。サービスが無効であるか、またはサービスに関連付けられた有効なデバイスがありません。',
    );
  });

  it('should name a missing service or rule in the world language', () => {
    const w = world('ja');
    expect(control(w, 'FOO', 'stop')).toBe("ホスト 'WEB01' にサービス 'FOO' はありません。");
    expect(
      w.send({ type: 'firewall.rule.set', host: 'WEB01', name: 'nope', enabled: false }).error,
    ).toBe("ホスト 'WEB01' に 'nope' という名前のファイアウォール規則はありません。");
  });
});

describe('firewall actions', () => {
  it('should disable the blocking rule, which lets the port through', () => {
    const w = world();
    const r = w.send({
      type: 'firewall.rule.set',
      host: 'WEB01',
      name: 'Block SMTP Outbound (baseline)',
      enabled: false,
    });
    expect(r.ok).toBe(true);
    const out = w.send({
      type: 'console.line',
      host: 'WEB01',
      line: 'Test-NetConnection mx1.example.net -Port 25',
    }).output;
    expect(out).toContain('TcpTestSucceeded : True');
  });

  it('should turn the firewall off and expose rule groups', () => {
    const w = world();
    w.send({ type: 'firewall.state', host: 'WEB01', enabled: false });
    const host = w.snapshot().hosts.find((h) => h.name === 'WEB01')!;
    expect(host.firewall.enabled).toBe(false);
    expect(host.firewall.rules.find((r) => r.name === 'CoreNet-DNS-Out-UDP')?.group).toBe(
      'Core Networking',
    );
  });

  it('should reject a rule that does not exist', () => {
    expect(
      world().send({ type: 'firewall.rule.set', host: 'WEB01', name: 'nope', enabled: false })
        .error,
    ).toBe("No firewall rule named 'nope' on host 'WEB01'");
  });
});

describe('IIS settings in the snapshot', () => {
  it('should show settings as a copy that follows config.set', () => {
    const w = world();
    expect(w.snapshot().iis.WEB01!.relay.list).toEqual(['10.0.0.20']);
    expect(
      w.send({
        type: 'config.set',
        host: 'WEB01',
        patch: { 'relay.list': ['10.0.0.20', '10.0.0.21'] },
      }).ok,
    ).toBe(true);
    const snap = w.snapshot();
    expect(snap.iis.WEB01!.relay.list).toEqual(['10.0.0.20', '10.0.0.21']);
    // A view that mutates its snapshot must not reach the live settings.
    snap.iis.WEB01!.relay.list.push('192.0.2.1');
    expect(w.internals.iis.get('WEB01')!.settings.relay.list).toEqual(['10.0.0.20', '10.0.0.21']);
  });
});
