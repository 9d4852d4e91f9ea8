/**
 * Runs one of benchmark (a)'s workloads `count` times, for `bench/instructions.ts`:
 * `tsx bench/sessionWorkload.ts server|client|raw COUNT`.
 */
import { rawSessions, serverSessions, sessions, transitionsPerSession } from './sessions';

const [what, countText] = process.argv.slice(2);
const count = Number(countText);
if (!Number.isInteger(count) || count < 1)
  throw new Error(`count must be a positive integer: ${countText}`);
const run = {
  server: () => serverSessions(count),
  client: () => sessions(count),
  raw: () => rawSessions(count, transitionsPerSession()),
}[what ?? ''];
if (run === undefined) throw new Error(`workload must be server, client or raw: ${what}`);
run();
