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
import { createActor, createMachine } from 'xstate';
import { VirtualClock } from '../src/sim/clock/virtualClock';
import { SmtpConnection } from '../src/sim/smtp/connection';
import { iisDialect } from '../src/sim/smtp/dialects/iis';
import { defaultIisSettings, toSessionConfig } from '../src/sim/smtp/iisSettings';
import { lineEvent, sessionMachine, type SessionInput } from '../src/sim/smtp/sessionMachine';
import { ClientSession } from '../src/sim/smtp/client';
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
 * Best CPU timings (ms) of each function, after one warm-up run each. The runs alternate, so that
 * a ratio of two of them compares runs made under the same load.
 */
function timeTogether(fns: (() => void)[], runs = 5): number[] {
  for (const fn of fns) fn();
  const best = fns.map(() => Infinity);
  for (let i = 0; i < runs; i++) fns.forEach((fn, k) => (best[k] = Math.min(best[k]!, once(fn))));
  return best;
}

// (a) Sessions through the real client and session machine, and the raw XState baseline.
const MAIL = {
  from: 'shop@contoso.com',
  rcpts: ['taro@example.net'],
  data: 'From: shop@contoso.com\r\nTo: taro@example.net\r\nSubject: Order 1001\r\n\r\nThank you for your order.\r\nIt ships tomorrow.\r\n',
};
const sessionClock = new VirtualClock(Date.UTC(2026, 2, 5));
let benchId = 0;
const sessionInput: SessionInput = {
  config: {
    ...toSessionConfig(defaultIisSettings('web01.contoso.com', 'WEB01', 540)),
    relay: {
      mode: 'onlyList',
      list: ['10.0.0.20'],
      domains: [],
      allowAuthenticated: true,
      relayDomains: [],
    },
  },
  dialect: iisDialect,
  clientIp: '10.0.0.20',
  serverIp: '10.0.0.5',
  env: {
    clock: sessionClock,
    newQueueId: () => `<WEB01bench${++benchId}@web01.contoso.com>`,
  },
};

function sessions(count: number): void {
  const hooks = { onMessage() {}, onReply() {} };
  for (let i = 0; i < count; i++) {
    const session = ClientSession.open(new SmtpConnection(sessionInput, sessionClock, hooks), {
      helo: 'app01.contoso.com',
    });
    if (!(session instanceof ClientSession)) throw new Error('session refused');
    if (session.send(MAIL).delivered.length !== 1) throw new Error('not delivered');
    session.quit();
  }
}

/** The lines the client sends in such a session (the message text goes in one step). */
const LINES = [
  'EHLO app01.contoso.com',
  `MAIL FROM:<${MAIL.from}> SIZE=${MAIL.data.length}`,
  `RCPT TO:<${MAIL.rcpts[0]}>`,
  'DATA',
];

/**
 * The server session alone: the same lines fed to the connection (the session actor and its line
 * exchange) without the client that composes them and reads the replies.
 */
function serverSessions(count: number): void {
  const hooks = { onMessage() {}, onReply() {} };
  for (let i = 0; i < count; i++) {
    const conn = new SmtpConnection(sessionInput, sessionClock, hooks);
    for (const line of LINES) conn.send(line);
    if (!conn.sendText(MAIL.data)[0]?.startsWith('250 ')) throw new Error('not accepted');
    conn.send('QUIT');
  }
}

/** Transitions (microsteps) one such session takes, counted with XState's inspection API. */
function transitionsPerSession(): number {
  let steps = 0;
  const actor = createActor(sessionMachine, {
    input: sessionInput,
    clock: sessionClock,
    inspect: (e) => void (e.type === '@xstate.microstep' && steps++),
  });
  actor.start();
  for (const line of LINES) actor.send(lineEvent(line));
  actor.send({ type: 'client.data', text: MAIL.data });
  actor.send(lineEvent('QUIT'));
  actor.stop();
  return steps;
}

const toggle = createMachine({
  initial: 'a',
  states: { a: { on: { go: 'b' } }, b: { on: { go: 'a' } } },
});
function rawEvents(count: number): void {
  const actor = createActor(toggle).start();
  for (let i = 0; i < count; i++) actor.send({ type: 'go' });
  actor.stop();
}
/**
 * The same transitions with the same actor lifecycle: one trivial actor per session, created,
 * started, sent one event per transition, stopped. (XState's inspection counts no microstep for an
 * actor's start, for either machine.) A session is an actor of its own, so this is the like-for-like
 * baseline; `rawEvents` (one long-lived actor) leaves actor creation out.
 */
function rawSessions(count: number, transitions: number): void {
  for (let s = 0; s < count; s++) {
    const actor = createActor(toggle).start();
    for (let i = 0; i < transitions; i++) actor.send({ type: 'go' });
    actor.stop();
  }
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

function retriesToDelivery(): { ms: number; delivered: number } {
  const w = world();
  fill(w, N);
  const mx = w.internals.ctx.hosts.get('MX1')!;
  w.internals.ctx.clock.setTimeout(() => (mx.firewall.enabled = false), 6 * HOUR);
  gc();
  const t = cpuMs();
  w.send({ type: 'clock.advance', ms: 12 * HOUR });
  const ms = cpuMs() - t;
  if (w.internals.iis.get('WEB01')!.queue.entries.size !== 0) throw new Error('queue not drained');
  return {
    ms,
    delivered: [...w.internals.receivers.get('MX1')!.mailboxes.values()].reduce(
      (n, m) => n + m.length,
      0,
    ),
  };
}

function toExpiry(): { ms: number; ndrs: number } {
  const w = world();
  fill(w, N);
  gc();
  const t = cpuMs();
  w.send({ type: 'clock.advance', ms: 49 * HOUR });
  const ms = cpuMs() - t;
  const iis = w.internals.iis.get('WEB01')!;
  if (iis.queue.entries.size !== 0) throw new Error('queue not expired');
  return {
    ms,
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
const [sessionMs, serverMs, rawMs, rawSessionMs] = timeTogether([
  () => sessions(SESSIONS),
  () => serverSessions(SESSIONS),
  () => rawEvents(RAW),
  () => rawSessions(SESSIONS, steps),
]) as [number, number, number, number];
let delivery = retriesToDelivery();
delivery = [0, 1].map(retriesToDelivery).reduce((a, b) => (b.ms < a.ms ? b : a), delivery);
let expiry = toExpiry();
expiry = [0, 1].map(toExpiry).reduce((a, b) => (b.ms < a.ms ? b : a), expiry);
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
    `${(serverMs / rawSessionMs).toFixed(2)}×`,
    `goal ≤ 3×; with the client ${(sessionMs / rawSessionMs).toFixed(2)}×`,
  ],
  [
    '(a) session cost / raw XState transitions on one actor',
    `${(serverMs / rawMs).toFixed(2)}×`,
    'actor creation counted for the session only',
  ],
  [
    `(b) ${N.toLocaleString('en')} queued, MX down 6 h, retries → delivery`,
    `${delivery.ms.toFixed(0)} ms`,
    `${delivery.delivered.toLocaleString('en')} delivered; goal < 1 s`,
  ],
  [
    `(c) ${N.toLocaleString('en')} queued → expiry and NDR`,
    `${expiry.ms.toFixed(0)} ms`,
    `${expiry.ndrs.toLocaleString('en')} NDRs; goal < 1 s`,
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
// Timings are CPU time of this process (best of several runs), so other load on the machine matters less.
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
