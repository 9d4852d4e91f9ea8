/**
 * How much of a session's cost is XState's own work for the transitions of this state chart
 * (`npx tsx bench/sessionFloor.ts`; prints, records nothing). The session machine gets its events
 * directly (no client, queue or network), three ways: as it is; with every action a no-op and every
 * guard false except the end-of-data test (the same states and transitions, so the same path:
 * XState's cost of the chart itself); and a trivial two-state machine taking the same
 * number of transitions. Pattern (a) is one message per session as in benchmark (a); pattern (b)
 * is 20 messages per session, 10,000 in all, as the receiver sees them in benchmark (b).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createActor } from 'xstate';
import { VirtualClock } from '../src/sim/clock/virtualClock';
import { dialects } from '../src/sim/smtp/dialects';
import { defaultIisSettings, toSessionConfig } from '../src/sim/smtp/iisSettings';
import {
  lineEvent,
  sendToSession,
  sessionMachine,
  type SessionInput,
} from '../src/sim/smtp/sessionMachine';
import { rawEvents } from './sessions';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const clock = new VirtualClock(Date.UTC(2026, 2, 5));
let id = 0;
const input: SessionInput = {
  config: {
    ...toSessionConfig(defaultIisSettings('mx1.example.net', 'MX1', 0)),
    localDomains: ['example.net'],
  },
  dialect: dialects.postfix!,
  clientIp: '203.0.113.5',
  serverIp: '198.51.100.25',
  env: { clock, newQueueId: () => `Q${++id}` },
};
const text = [
  'From: shop@web01.contoso.com',
  'To: user1@example.net',
  'Subject: Order 1',
  '',
  'Thank you for your order.',
  'It ships tomorrow.',
]
  .map((line) => `${line}\r\n`)
  .join('');

// The same chart with nothing behind it: only the end-of-data test that chooses the path remains.
const nothing = () => {};
const implementations = sessionMachine.implementations as {
  actions: Record<string, unknown>;
  guards: Record<string, unknown>;
};
const actions = Object.fromEntries(Object.keys(implementations.actions).map((k) => [k, nothing]));
const guards = Object.fromEntries(Object.keys(implementations.guards).map((k) => [k, () => false]));
const chartOnly = sessionMachine.provide({
  actions,
  guards: { ...guards, endOfData: ({ event }) => (event as { line: string }).line === '.' },
} as Parameters<typeof sessionMachine.provide>[0]);

/** `sessions` sessions of `perSession` messages each; returns the transitions one session takes. */
function run(machine: typeof sessionMachine, sessions: number, perSession: number): number {
  let steps = 0;
  for (let s = 0; s < sessions; s++) {
    const actor = createActor(machine, {
      input,
      clock,
      inspect: s === 0 ? (e) => void (e.type === '@xstate.microstep' && steps++) : undefined,
    });
    actor.on('*', nothing);
    actor.start();
    sendToSession(actor, lineEvent('EHLO web01.contoso.com'));
    for (let m = 0; m < perSession; m++) {
      sendToSession(actor, lineEvent('MAIL FROM:<shop@web01.contoso.com> SIZE=350'));
      sendToSession(actor, lineEvent(`RCPT TO:<user${m}@example.net>`));
      sendToSession(actor, lineEvent('DATA'));
      sendToSession(actor, { type: 'client.data', text });
    }
    sendToSession(actor, lineEvent('QUIT'));
    actor.stop();
  }
  return steps;
}

for (const [name, sessions, perSession] of [
  ['(a) 2,000 sessions of one message', 2_000, 1],
  ['(b) 500 sessions of 20 messages', 500, 20],
] as const) {
  const steps = run(sessionMachine, 1, perSession);
  const jobs = [
    () => run(sessionMachine, sessions, perSession),
    () => run(chartOnly, sessions, perSession),
    () => rawEvents(sessions * steps),
  ];
  for (const job of jobs) job();
  const best = jobs.map(() => Infinity);
  for (let i = 0; i < 5; i++)
    jobs.forEach((job, k) => {
      gc();
      const t = cpuMs();
      job();
      best[k] = Math.min(best[k]!, cpuMs() - t);
    });
  const [real, chart, trivial] = best as [number, number, number];
  console.log(`${name}, ${steps} transitions per session:`);
  console.log(
    `  session machine           ${real.toFixed(0).padStart(6)} ms  ${(real / trivial).toFixed(2)}×`,
  );
  console.log(
    `  same chart, no-op actions ${chart.toFixed(0).padStart(6)} ms  ${(chart / trivial).toFixed(2)}×`,
  );
  console.log(`  trivial machine           ${trivial.toFixed(0).padStart(6)} ms  1×`);
}
