/**
 * Benchmark (a)'s workloads (`bench/run.ts`): SMTP sessions of one message through the real session
 * machine, with and without the real client, and the raw XState baselines.
 */
import { createActor, createMachine } from 'xstate';
import { VirtualClock } from '../src/sim/clock/virtualClock';
import { SmtpConnection } from '../src/sim/smtp/connection';
import { iisDialect } from '../src/sim/smtp/dialects/iis';
import { defaultIisSettings, toSessionConfig } from '../src/sim/smtp/iisSettings';
import { lineEvent, sessionMachine, type SessionInput } from '../src/sim/smtp/sessionMachine';
import { ClientSession } from '../src/sim/smtp/client';

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

export function sessions(count: number): void {
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
export function serverSessions(count: number): void {
  const hooks = { onMessage() {}, onReply() {} };
  for (let i = 0; i < count; i++) {
    const conn = new SmtpConnection(sessionInput, sessionClock, hooks);
    for (const line of LINES) conn.send(line);
    if (!conn.sendText(MAIL.data)[0]?.startsWith('250 ')) throw new Error('not accepted');
    conn.send('QUIT');
  }
}

/** Transitions (microsteps) one such session takes, counted with XState's inspection API. */
export function transitionsPerSession(): number {
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
export function rawEvents(count: number): void {
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
export function rawSessions(count: number, transitions: number): void {
  for (let s = 0; s < count; s++) {
    const actor = createActor(toggle).start();
    for (let i = 0; i < transitions; i++) actor.send({ type: 'go' });
    actor.stop();
  }
}
