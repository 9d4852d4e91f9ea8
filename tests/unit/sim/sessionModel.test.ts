/**
 * Model-based test of the SMTP session machine (STYLE.md §8): xstate/graph walks the machine with a
 * fixed alphabet of client lines, and every shortest path to a distinct state is replayed on a real
 * actor. On each path every reply must be a valid SMTP reply (RFC 5321 §4.2: three digits, `-` on
 * all lines but the last, the same code throughout, at most 512 octets with CRLF), and nothing may
 * be answered after the session closed.
 */
import { createActor, type ActorLogic, type SnapshotFrom } from 'xstate';
import { TestModel } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import {
  lineEvent,
  sendToSession,
  sessionMachine,
  type SessionEmitted,
  type SessionEvent,
  type SessionInput,
} from '../../../src/sim/smtp/sessionMachine';
import { dialects } from '../../../src/sim/smtp/dialects';
import { base64Encode } from '../../../src/sim/smtp/base64';
import { buildNtlmAuthenticate, buildNtlmNegotiate } from '../../../src/sim/smtp/ntlm';
import { VirtualClock } from '../../../src/sim/clock/virtualClock';
import { configFor, START } from './transcriptHarness';
import { replyProblem } from './replyCheck';

/** Every command family, in and out of order, plus the lines of the DATA, BDAT and AUTH sub-flows. */
const LINES = [
  'EHLO app01.contoso.com',
  'HELO app01',
  'MAIL FROM:<a@contoso.com>',
  'RCPT TO:<b@example.net>',
  'RCPT TO:<x@example.org>',
  'RCPT TO:<taro.yamada@example.net>',
  'DATA',
  'Subject: hi',
  '.',
  'BDAT 13',
  'BDAT 0 LAST',
  'RSET',
  'NOOP',
  'VRFY b',
  'HELP',
  'EXPN staff',
  'ETRN example.net',
  'TURN',
  'STARTTLS',
  'AUTH LOGIN',
  'YWxpY2U=',
  'UGFzc3cwcmQh',
  '*',
  'AUTH NTLM',
  base64Encode(buildNtlmNegotiate()),
  base64Encode(
    buildNtlmAuthenticate({
      domain: 'WEB01',
      user: 'alice',
      workstation: 'APP01',
      password: 'Passw0rd!',
    }),
  ),
  'QUIT',
  'XYZZY',
];

function inputFor(clock: VirtualClock, dialect: 'iis' | 'postfix'): SessionInput {
  return {
    config: configFor({
      dialect,
      config: {
        tls: { certificate: true },
        auth: { basic: true, integrated: true, anonymous: false },
      },
    }),
    dialect: dialects[dialect]!,
    clientIp: '10.0.0.21',
    serverIp: '10.0.0.5',
    env: {
      clock,
      newQueueId: () => '<WEB01Ab3xQ7LmN2pR00000001@web01.contoso.com>',
    },
  };
}

type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

/**
 * The session writes its hot-path state in place, in plain actions (sessionSetup.ts). The graph
 * walk runs no actions and branches from one snapshot for every event: so here each branch starts
 * from its own copy of the context's changing parts, and its plain actions run. (Emits and other
 * built-in effects go to the walk's own scope, which drops them.)
 */
function forked(s: SessionSnapshot): SessionSnapshot {
  const c = s.context;
  return {
    ...s,
    context: {
      ...c,
      rcpts: [...c.rcpts],
      data: { parts: [...c.data.parts], bytes: c.data.bytes },
      activity: { ...c.activity },
    },
  };
}
const runAction = (a: {
  exec?: (info: unknown, params: unknown) => void;
  info: unknown;
  params: unknown;
}) => a.exec?.(a.info, a.params);

/** TestModel's type has no parameter for emitted events (it assumes any), so the machine is widened. */
const sessionLogic = Object.create(sessionMachine, {
  transition: {
    value: (s: SessionSnapshot, e: SessionEvent, scope: object) =>
      sessionMachine.transition(forked(s), e, { ...scope, actionExecutor: runAction } as never),
  },
}) as ActorLogic<SessionSnapshot, SessionEvent, SessionInput>;

for (const dialect of ['iis', 'postfix'] as const) {
  describe(`session machine paths (${dialect})`, () => {
    // `TestModel` rather than `createTestModel`: the latter offers a state only the events whose
    // type equals one of its handlers' descriptors, so states that take any line (`line.*`: DATA
    // text, BDAT chunks, AUTH answers) would get none. Every line and the client hanging up are
    // tried everywhere; the idle timer is covered by sessionProperties.test.ts.
    const model = new TestModel(sessionLogic, {
      input: inputFor(new VirtualClock(START), dialect),
      events: [...LINES.map(lineEvent), { type: 'client.close' as const }],
      // What matters for the protocol: the state, and the facts that change which replies are legal.
      serializeState: (s) => {
        const c = s.context;
        return JSON.stringify([
          s.value,
          s.status,
          c.helo !== null,
          c.tls.secure,
          c.auth.user !== null,
          c.auth.pendingUser,
          c.mailFrom !== null,
          Math.min(c.rcpts.length, 1),
          c.bdat.remaining,
          c.bdat.command !== null,
          c.bdat.from,
        ]);
      },
    });
    const paths = model.getShortestPaths();

    it('should reach the sub-flows of the machine', () => {
      // Paths that are prefixes of longer ones are merged into them, so look at every step's state.
      const reached = new Set(
        paths.flatMap((p) =>
          [p.state, ...p.steps.map((s) => s.state)].map((st) => JSON.stringify(st.value)),
        ),
      );
      for (const state of [
        '"data"',
        '"chunk"',
        '"closed"',
        '{"auth":"loginPassword"}',
        '{"auth":"ntlmAuthenticate"}',
        '"chunking"',
        '"transaction"',
      ]) {
        expect(reached).toContain(state);
      }
    });

    for (const path of paths) {
      // The first step is the machine's own start (`xstate.init`), not something a client sends.
      const events = path.steps
        .map((s) => s.event)
        .filter((e) => (e.type as string) !== 'xstate.init');
      const label = events.map((e) => ('line' in e ? e.line : `(${e.type})`)).join(' → ');
      it(`should answer validly: ${label || '(greeting)'}`, () => {
        const clock = new VirtualClock(START);
        const actor = createActor(sessionMachine, { input: inputFor(clock, dialect), clock });
        const emitted: SessionEmitted[] = [];
        actor.on('*', (e) => emitted.push(e as SessionEmitted));
        actor.start();
        for (const e of events) sendToSession(actor, e);
        const replies = emitted.filter(
          (e): e is Extract<SessionEmitted, { type: 'reply' }> => e.type === 'reply',
        );
        expect(replies.length).toBeGreaterThan(0);
        for (const r of replies) expect(replyProblem(r.lines)).toBeNull();
        const closedAt = emitted.findIndex((e) => e.type === 'closed');
        if (closedAt >= 0) expect(emitted.slice(closedAt + 1)).toEqual([]);
        expect(JSON.stringify(actor.getSnapshot().value)).toBe(JSON.stringify(path.state.value));
      });
    }
  });
}
