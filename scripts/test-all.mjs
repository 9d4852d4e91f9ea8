#!/usr/bin/env node
// `npm test`: runs check, lint, unit tests, build and e2e in that order. Every step runs even if an
// earlier one failed, so the totals are complete. Exits non-zero if anything failed. The last line
// printed is always `N passed, M failed`:
//   - N / M count vitest + playwright test cases, read from their JSON reports;
//   - a failed check, lint or build counts as 1 failed;
//   - a test step that exits non-zero without a failed test in its report (crash, no report,
//     load error, "no tests found", global setup or web server failure) counts as 1 failed.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const env = {
  ...process.env,
  PATH: `${join(root, 'node_modules', '.bin')}${delimiter}${process.env.PATH}`,
};

const VITEST_REPORT = 'test-results/vitest.json';
const PLAYWRIGHT_REPORT = 'test-results/playwright.json';

/** Run one command with inherited stdio; returns { code, seconds }. */
function run(cmd, args) {
  const started = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  const code = r.error ? (console.error(r.error.message), 1) : (r.status ?? 1);
  return { code, seconds: (performance.now() - started) / 1000 };
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function countVitest() {
  const r = readJson(VITEST_REPORT);
  if (!r) return null;
  let passed = r.numPassedTests ?? 0;
  let failed = r.numFailedTests ?? 0;
  // A file that failed to load/collect has no failed test case; count the file once.
  for (const f of r.testResults ?? []) {
    const cases = f.assertionResults ?? [];
    if (f.status === 'failed' && !cases.some((a) => a.status === 'failed')) failed += 1;
  }
  return { passed, failed };
}

function countPlaywright() {
  const r = readJson(PLAYWRIGHT_REPORT);
  if (!r?.stats) return null;
  const s = r.stats;
  // `flaky` = failed then passed on retry: it passed.
  return { passed: (s.expected ?? 0) + (s.flaky ?? 0), failed: s.unexpected ?? 0 };
}

const steps = [
  { name: 'check', cmd: 'npm', args: ['run', '--silent', 'check'] },
  { name: 'lint', cmd: 'npm', args: ['run', '--silent', 'lint'] },
  { name: 'unit', cmd: 'vitest', args: ['run'], count: countVitest },
  { name: 'build', cmd: 'npm', args: ['run', '--silent', 'build'] },
  // dist/ was just built by the previous step (test:e2e = build + this).
  { name: 'e2e', cmd: 'playwright', args: ['test'], count: countPlaywright },
];

for (const f of [VITEST_REPORT, PLAYWRIGHT_REPORT]) rmSync(f, { force: true });

let passed = 0;
let failed = 0;
const rows = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.cmd} ${step.args.join(' ')} ===\n`);
  const { code, seconds } = run(step.cmd, step.args);
  let note = '';
  let stepFailed = 0;
  if (step.count) {
    const c = step.count();
    if (!c) {
      stepFailed = 1;
      note = 'no report';
    } else {
      passed += c.passed;
      stepFailed = c.failed;
      note = `${c.passed} passed, ${c.failed} failed`;
      if (code !== 0 && c.failed === 0) {
        stepFailed = 1; // e.g. "no tests found", web server or global setup error
        note += ` (counted as 1 failed: exit ${code} with no failed test)`;
      }
    }
  } else if (code !== 0) {
    stepFailed = 1;
  }
  failed += stepFailed;
  rows.push({ name: step.name, ok: code === 0 && stepFailed === 0, code, seconds, note });
}

console.log('\n=== summary ===');
for (const r of rows) {
  const status = r.ok ? 'ok' : `FAILED (exit ${r.code})`;
  console.log(
    `${r.name.padEnd(6)} ${status.padEnd(16)} ${r.seconds.toFixed(1).padStart(6)}s  ${r.note}`.trimEnd(),
  );
}
const total = rows.reduce((t, r) => t + r.seconds, 0);
console.log(`total  ${''.padEnd(16)} ${total.toFixed(1).padStart(6)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || rows.some((r) => !r.ok) ? 1 : 0;
