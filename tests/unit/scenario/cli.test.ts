/** The authoring CLI, run as authors run it (a child process), on real files. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SCENARIO = 'scenarios/connection/01-outbound-port-blocked.yaml';

function cli(
  args: string[],
  input = '',
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/scenario.ts', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scenario check', { timeout: 60_000 }, () => {
  it('should pass a good scenario with a ✓ for each check', () => {
    const r = cli(['check', SCENARIO]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(SCENARIO);
    expect(lines).toContain('  ✓ validates');
    expect(lines).toContain('  ✓ the canonical solution solves it');
    expect(lines.filter((l) => l.startsWith('  ✗'))).toEqual([]);
    expect(lines.at(-2)).toMatch(/^1 file: 1 passed, 0 failed \(\d+ checks passed, 0 failed\)$/);
  });

  it('should fail a bad file with its errors as file:line:col path: message, and exit 1', () => {
    const bad = 'tests/unit/scenario/malformed/fault-port-out-of-range.yaml';
    const broken = 'tests/unit/scenario/malformed/yaml-unclosed-flow.yaml';
    const r = cli(['check', bad, broken]);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      bad,
      '  ✗ validates',
      `      ${bad}:16:11: faults[0].port: expected a number from 1 to 65535`,
      broken,
      '  ✗ validates',
      `      ${broken}:7:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      '',
      '2 files: 0 passed, 2 failed (0 checks passed, 2 failed)',
      '',
    ]);
  });

  it('should say when a file cannot be read', () => {
    const r = cli(['check', 'scenarios/nope.yaml']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('      scenarios/nope.yaml: cannot read the file: ENOENT');
  });
});

describe('scenario play', { timeout: 60_000 }, () => {
  it('should print Solved! once the piped solution has fixed the scenario', () => {
    const script = [
      'Disable-NetFirewallRule -DisplayName "Block SMTP Outbound (baseline)"',
      ':status',
      ':advance 4h',
      ':quit',
      '',
    ].join('\n');
    const r = cli(['play', SCENARIO, '--seed', '3'], script);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toContain('Ticket #4127');
    expect(out).toContain('[WEB01] PS C:\\Users\\Administrator> Disable-NetFirewallRule');
    // Not solved before the clock moves: the queue still waits for its retry.
    const status = out.slice(out.indexOf('> :status'), out.indexOf('> :advance 4h'));
    expect(status).toContain("  ✗ WEB01's queue is empty");
    expect(status).not.toContain('Solved!');
    expect(out.slice(out.indexOf('> :advance 4h'))).toContain('Solved! All objectives hold.');
  });

  it('should not print Solved! when the fix is unsafe, and speak Japanese with --lang ja', () => {
    const script = [
      'netsh advfirewall set allprofiles state off',
      ':advance 4h',
      ':status',
      '',
    ].join('\n');
    const r = cli(['play', 'outbound-port-blocked', '--lang', 'ja'], script);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('WEB01 のコンソールです。');
    expect(r.stdout).not.toContain('解決しました');
    expect(r.stdout).toContain('  ✗ WEB01 のファイアウォールが有効なまま (安全条件)');
  });

  it('should refuse a host without a console in the scenario', () => {
    const r = cli(['play', SCENARIO, '--host', 'MX1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("No console on 'MX1' in this scenario. Consoles: WEB01, APP01.\n");
  });
});
