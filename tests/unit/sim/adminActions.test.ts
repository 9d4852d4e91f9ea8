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
