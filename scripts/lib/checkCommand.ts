/** `scenario check`: validate each file, then run the generated checks, and print a ✓/✗ report. */
import { formatError } from '../../src/sim/index';
import { scenarioChecks } from '../../src/sim/scenario/selfCheck';
import { displayName, loadScenarioFile, scenarioFiles } from './scenarioFiles';

const tty = process.stdout.isTTY === true;
const paint = (code: number, s: string) => (tty ? `\u001b[${code}m${s}\u001b[0m` : s);
const PASS = paint(32, '✓');
const FAIL = paint(31, '✗');

/** Check files; returns the exit code (1 if anything failed). */
export function runCheck(files: string[]): number {
  const targets = files.length > 0 ? files : scenarioFiles();
  let passed = 0;
  let failed = 0;
  let badFiles = 0;
  for (const file of targets) {
    const name = displayName(file);
    console.log(paint(1, name));
    const loaded = loadScenarioFile(file);
    const report = (ok: boolean, title: string, details: string[]) => {
      if (ok) passed++;
      else failed++;
      console.log(`  ${ok ? PASS : FAIL} ${title}`);
      for (const d of details) console.log(`      ${d}`);
    };
    if (!loaded.ok) {
      report(false, 'validates', loaded.errors.map(formatError));
      badFiles++;
      continue;
    }
    report(true, 'validates', []);
    let fileOk = true;
    for (const check of scenarioChecks(loaded.scenario, {
      reload: (seed) => loadScenarioFile(file, seed),
    })) {
      let failures: string[];
      try {
        failures = check.run();
      } catch (e) {
        failures = [`the check crashed: ${(e as Error).stack ?? String(e)}`];
      }
      report(failures.length === 0, check.name, failures);
      if (failures.length > 0) fileOk = false;
    }
    if (!fileOk) badFiles++;
  }
  const n = targets.length;
  console.log(
    `\n${n} file${n === 1 ? '' : 's'}: ${n - badFiles} passed, ${badFiles} failed (${passed} checks passed, ${failed} failed)`,
  );
  return failed > 0 ? 1 : 0;
}
