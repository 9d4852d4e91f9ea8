import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createScenarioWorld, parseScenario } from '../../../src/sim/index';
import { readBases } from '../../../scripts/lib/scenarioFiles';

const file = 'scenarios/connection/01-outbound-port-blocked.yaml';
function world() {
  const r = parseScenario(readFileSync(file, 'utf8'), file, readBases());
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return createScenarioWorld(r.scenario, { locale: 'en' });
}

describe('console Tab completion', () => {
  it('should complete a unique command name', () => {
    const r = world().send({ type: 'console.complete', host: 'WEB01', line: 'Test-Net' });
    expect(r.completion).toBe('Test-NetConnection');
    expect(r.output).toEqual(['Test-NetConnection']);
  });

  it('should extend to the common prefix and list every candidate', () => {
    const r = world().send({ type: 'console.complete', host: 'WEB01', line: 'Get-NetF' });
    expect(r.completion).toBe('Get-NetFirewallRule');
    const s = world().send({ type: 'console.complete', host: 'WEB01', line: 'Set-NetFirewall' });
    expect(s.output).toEqual(['Set-NetFirewallProfile', 'Set-NetFirewallRule']);
    expect(s.completion).toBe('Set-NetFirewall');
  });

  it('should complete folder names in a path', () => {
    const r = world().send({
      type: 'console.complete',
      host: 'WEB01',
      line: 'dir C:\\inetpub\\mailroot\\Q',
    });
    expect(r.completion).toBe('dir C:\\inetpub\\mailroot\\Queue\\');
  });

  it('should leave the line alone when nothing matches', () => {
    const r = world().send({ type: 'console.complete', host: 'WEB01', line: 'Frobnicate' });
    expect(r.completion).toBe('Frobnicate');
    expect(r.output).toEqual([]);
  });
});
