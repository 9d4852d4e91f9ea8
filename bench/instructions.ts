/**
 * Benchmark (a) in instructions instead of CPU time (`npm run bench:instructions`; needs valgrind).
 * CPU times on a shared virtual machine move by ±30 % from run to run; instruction counts of the
 * same code move by about 1 %. Each workload of `bench/sessions.ts` runs under cachegrind with
 * `node --single-threaded` (garbage collection on the counted thread) for LOW and HIGH sessions;
 * the difference divided by HIGH − LOW is the cost of one session, start-up and compilation
 * cancelled out. Instructions leave out cache misses, which CPU time includes: read both.
 */
import { spawnSync } from 'node:child_process';

const LOW = 500;
const HIGH = 1500;

function instructions(workload: string, count: number): number {
  const run = spawnSync(
    'valgrind',
    [
      '--tool=cachegrind',
      '--cache-sim=no',
      '--cachegrind-out-file=/dev/null',
      'node',
      '--single-threaded',
      '--import',
      'tsx',
      'bench/sessionWorkload.ts',
      workload,
      String(count),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
  );
  // valgrind writes its summary to standard error.
  const out = `${run.error?.message ?? ''}${run.stderr ?? ''}`;
  const refs = /I\s+refs:\s+([\d,]+)/.exec(out)?.[1];
  if (refs === undefined) throw new Error(`no instruction count in valgrind's output:\n${out}`);
  return Number(refs.replaceAll(',', ''));
}

const perSession = Object.fromEntries(
  ['server', 'client', 'raw'].map((w) => [
    w,
    (instructions(w, HIGH) - instructions(w, LOW)) / (HIGH - LOW),
  ]),
) as Record<'server' | 'client' | 'raw', number>;

const fmt = (n: number) => Math.round(n).toLocaleString('en');
console.log(`(a) instructions per session, server side      ${fmt(perSession.server)}`);
console.log(`(a) instructions per session, with the client  ${fmt(perSession.client)}`);
console.log(`(a) raw XState, trivial actor, same transitions ${fmt(perSession.raw)}`);
console.log(
  `(a) session cost / raw XState (instructions)    ${(perSession.server / perSession.raw).toFixed(2)}× (with the client ${(perSession.client / perSession.raw).toFixed(2)}×)`,
);
