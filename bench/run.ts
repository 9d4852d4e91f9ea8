/**
 * Benchmarks of the simulation core (`npm run bench`). Not tests: nothing here asserts a time.
 * (a) SMTP sessions per second through the real session machine, against a trivial XState
 *     machine measured in the same run; (b) 10,000 queued messages, destination down for six
 *     hours, fast-forwarded through the retries to delivery; (c) 10,000 fast-forwarded to
 *     expiry and NDR; (d) the heap that 10,000 queued messages take.
 * Prints a table and adds a row to BENCHMARKS.md with the date and the machine.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  rawEvents,
  rawSessions,
  serverSessions,
  sessions,
  transitionsPerSession,
} from './sessions';
import { createWorld, type World } from '../src/sim/world/world';
import { worldSpecSchema } from '../src/sim/scenario/schema';
import type { AcceptedMessage } from '../src/sim/smtp/sessionMachine';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const HOUR = 3_600_000;
const N = 10_000;

/** CPU milliseconds of this process so far (the machine is shared: wall time is not ours). */
const cpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** CPU milliseconds of one run of `fn`, after a full GC. */
function once(fn: () => void): number {
  gc();
  const t = cpuMs();
  fn();
  return cpuMs() - t;
}

/**
 * CPU timings (ms) of each workload, `rounds` times, after one warm-up run each. A round runs
 * every workload in `slices` parts, in turn (the workload that starts rotates), so the parts of a
 * round's workloads are interleaved in time and meet the same load from the rest of the machine;
 * a ratio of two timings of the same round compares like with like, and the medians of such
 * ratios are what the table shows. `run(count)` does `count` units of the workload.
 */
function timeRounds(
  workloads: ((count: number) => void)[],
  count: number,
  rounds = 9,
  slices = 8,
): number[][] {
  for (const run of workloads) run(count);
  const times: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    const round = workloads.map(() => 0);
    for (let slice = 0; slice < slices; slice++)
      for (let i = 0; i < workloads.length; i++) {
        const k = (i + r + slice) % workloads.length;
        round[k]! += once(() => workloads[k]!(count / slices));
      }
    times.push(round);
  }
  return times;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Median, lowest and highest ratio of column `a` over column `b`, round by round. */
function ratios(times: number[][], a: number, b: number): string {
  const r = times.map((t) => t[a]! / t[b]!);
  return `${median(r).toFixed(2)}× (${Math.min(...r).toFixed(2)}–${Math.max(...r).toFixed(2)})`;
}

// (b)–(d) A world whose MX drops every connection until it is switched back on.
function world(): World {
  return createWorld(
    worldSpecSchema.parse({
      start: '2026-03-05T00:30:00Z',
      hosts: {
        WEB01: {
          fqdn: 'web01.contoso.com',
          role: 'iis',
          ips: ['10.0.0.5'],
          publicIp: '203.0.113.5',
          dns: '10.0.0.2',
        },
        DC01: { fqdn: 'dc01.contoso.local', role: 'dns', ips: ['10.0.0.2'] },
        MX1: {
          fqdn: 'mx1.example.net',
          role: 'receiver',
          ips: ['198.51.100.25'],
          firewall: { enabled: true, rules: [] },
          receiver: { dialect: 'postfix', domains: ['example.net'] },
        },
      },
      dns: [
        { type: 'MX', name: 'example.net', value: 'mx1.example.net', preference: 10 },
        { type: 'A', name: 'mx1.example.net', value: '198.51.100.25' },
      ],
    }),
    { seed: 1 },
  );
}

/** Queue `count` messages at once, as IIS accepted them (the sender is local, so NDRs go to Drop). */
function fill(w: World, count: number): void {
  const iis = w.internals.iis.get('WEB01')!;
  const now = w.internals.ctx.clock.now();
  for (let i = 0; i < count; i++) {
    const queueId = iis.newMessageId();
    const data = `Received: from APP01 ([10.0.0.20]) by web01.contoso.com with Microsoft SMTPSVC(10.0.17763.1697);\r\n\t Thu, 5 Mar 2026 09:30:00 +0900\r\nFrom: shop@web01.contoso.com\r\nTo: user${i}@example.net\r\nSubject: Order ${i}\r\nMessage-ID: ${queueId}\r\n\r\nThank you for your order.\r\nIt ships tomorrow.\r\n`;
    const message: AcceptedMessage = {
      from: 'shop@web01.contoso.com',
      to: [`user${i}@example.net`],
      data,
      size: data.length,
      helo: 'APP01',
      clientIp: '10.0.0.20',
      queueId,
      receivedAt: now,
    };
    iis.route(message, message.to);
  }
}

function retriesToDelivery(): { ms: number; wallMs: number; delivered: number } {
  const w = world();
  fill(w, N);
  const mx = w.internals.ctx.hosts.get('MX1')!;
  w.internals.ctx.clock.setTimeout(() => (mx.firewall.enabled = false), 6 * HOUR);
  gc();
  const [t, wall] = [cpuMs(), performance.now()];
  w.send({ type: 'clock.advance', ms: 12 * HOUR });
  const [ms, wallMs] = [cpuMs() - t, performance.now() - wall];
  if (w.internals.iis.get('WEB01')!.queue.entries.size !== 0) throw new Error('queue not drained');
  return {
    ms,
    wallMs,
    delivered: [...w.internals.receivers.get('MX1')!.mailboxes.values()].reduce(
      (n, m) => n + m.length,
      0,
    ),
  };
}

function toExpiry(): { ms: number; wallMs: number; ndrs: number } {
  const w = world();
  fill(w, N);
  gc();
  const [t, wall] = [cpuMs(), performance.now()];
  w.send({ type: 'clock.advance', ms: 49 * HOUR });
  const [ms, wallMs] = [cpuMs() - t, performance.now() - wall];
  const iis = w.internals.iis.get('WEB01')!;
  if (iis.queue.entries.size !== 0) throw new Error('queue not expired');
  return {
    ms,
    wallMs,
    ndrs: iis.drop.filter((m) =>
      /^Subject: Delivery Status Notification \(Failure\)$/m.test(m.data),
    ).length,
  };
}

function heapOfQueue(): number {
  const w = world();
  gc();
  const before = process.memoryUsage().heapUsed;
  fill(w, N);
  gc();
  const after = process.memoryUsage().heapUsed;
  if (w.internals.iis.get('WEB01')!.queue.entries.size !== N) throw new Error('not queued');
  return after - before;
}

const SESSIONS = 2_000;
const steps = transitionsPerSession();
const RAW = SESSIONS * steps;
const CLIENT = 0;
const SERVER = 1;
const RAW_ONE_ACTOR = 2;
const RAW_ACTORS = 3;
const rounds = timeRounds(
  [
    (n) => sessions(n),
    (n) => serverSessions(n),
    (n) => rawEvents(n * steps),
    (n) => rawSessions(n, steps),
  ],
  SESSIONS,
);
const [sessionMs, serverMs, rawMs, rawSessionMs] = [CLIENT, SERVER, RAW_ONE_ACTOR, RAW_ACTORS].map(
  (k) => median(rounds.map((t) => t[k]!)),
) as [number, number, number, number];
/** The best CPU time and the best wall time of three runs (the first one warms up too). */
function bestOfThree<T extends { ms: number; wallMs: number }>(run: () => T): T {
  const runs = [run(), run(), run()];
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { ...best, wallMs: Math.min(...runs.map((r) => r.wallMs)) };
}
const delivery = bestOfThree(retriesToDelivery);
const expiry = bestOfThree(toExpiry);
const heap = heapOfQueue();

const perSecond = (count: number, ms: number) =>
  Math.round(count / (ms / 1000)).toLocaleString('en');
const rows: [string, string, string][] = [
  [
    '(a) SMTP sessions, server side (connect…QUIT, one message)',
    `${perSecond(SESSIONS, serverMs)} sessions/s`,
    `${steps} transitions each`,
  ],
  [
    '(a) the same through the real client',
    `${perSecond(SESSIONS, sessionMs)} sessions/s`,
    'ClientSession composes the lines, reads the replies',
  ],
  [
    '(a) raw XState: one trivial actor per session, same transitions',
    `${perSecond(SESSIONS, rawSessionMs)} sessions/s`,
    `${perSecond(RAW, rawMs)} transitions/s on one long-lived actor`,
  ],
  [
    '(a) session cost / raw XState, same transitions and actor lifecycle',
    ratios(rounds, SERVER, RAW_ACTORS),
    `goal ≤ 3×; median (range) of ${rounds.length} rounds; with the client ${ratios(rounds, CLIENT, RAW_ACTORS)}`,
  ],
  [
    '(a) session cost / raw XState transitions on one actor',
    ratios(rounds, SERVER, RAW_ONE_ACTOR),
    'actor creation counted for the session only',
  ],
  [
    `(b) ${N.toLocaleString('en')} queued, MX down 6 h, retries → delivery`,
    `${delivery.ms.toFixed(0)} ms`,
    `${delivery.delivered.toLocaleString('en')} delivered; wall ${delivery.wallMs.toFixed(0)} ms; goal < 1 s`,
  ],
  [
    `(c) ${N.toLocaleString('en')} queued → expiry and NDR`,
    `${expiry.ms.toFixed(0)} ms`,
    `${expiry.ndrs.toLocaleString('en')} NDRs; wall ${expiry.wallMs.toFixed(0)} ms; goal < 1 s`,
  ],
  [
    `(d) heap of ${N.toLocaleString('en')} queued messages`,
    `${(heap / 1024 / 1024).toFixed(1)} MB`,
    `${Math.round(heap / N).toLocaleString('en')} bytes each`,
  ],
];

const width = Math.max(...rows.map((r) => r[0].length));
for (const [what, value, note] of rows)
  console.log(`${what.padEnd(width)}  ${value.padStart(18)}  ${note}`);

// `npm run bench -- --no-record` prints the table without adding it to BENCHMARKS.md (profiling runs).
if (process.argv.includes('--no-record')) process.exit(0);
const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'} ×${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${process.platform}`;
const date = new Date().toISOString().slice(0, 10);
const file = new URL('../BENCHMARKS.md', import.meta.url);
// Timings are CPU time of this process (medians or bests of several runs), so other load on the machine matters less.
const marker = '<!-- results: newest first -->';
const text = readFileSync(file, 'utf8');
const block = [
  `### ${date} — ${machine}`,
  '',
  '| Benchmark | Result | Note |',
  '|---|---|---|',
  ...rows.map(([a, b, c]) => `| ${a} | ${b} | ${c} |`),
  '',
].join('\n');
writeFileSync(
  file,
  text.includes(marker)
    ? text.replace(marker, `${marker}\n\n${block}`)
    : `${text.trimEnd()}\n\n${marker}\n\n${block}`,
);
console.log(`\nBENCHMARKS.md: added the ${date} run (${machine}).`);
