/**
 * Property tests of the SMTP session machine (fast-check): whatever a client sends — control
 * characters, unicode, huge lines, commands in any order — the session never fails, every reply is
 * a valid SMTP reply (RFC 5321 §4.2, replyCheck.ts), only DATA and BDAT text may go unanswered, and
 * nothing is answered once the session has closed.
 */
import { createActor } from 'xstate';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  lineEvent,
  sendToSession,
  sessionMachine,
  type SessionEmitted,
} from '../../../src/sim/smtp/sessionMachine';
import { dialects } from '../../../src/sim/smtp/dialects';
import { VirtualClock } from '../../../src/sim/clock/virtualClock';
import { configFor, START, type ConfigPatch } from './transcriptHarness';
import { replyProblem } from './replyCheck';

/** Commands a real client sends, in no particular order. */
const VALID = [
  'EHLO app01.contoso.com',
  'HELO app01',
  'MAIL FROM:<a@contoso.com>',
  'MAIL FROM:<a@contoso.com> SIZE=99999999',
  'RCPT TO:<b@example.net>',
  'RCPT TO:<taro.yamada@example.net>',
  'RCPT TO:<x@example.org>',
  'DATA',
  'Subject: hi',
  '',
  '.',
  'BDAT 13',
  'BDAT 6 LAST',
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
  'AUTH NTLM',
  'AUTH GSSAPI',
  'YWxpY2U=',
  'UGFzc3cwcmQh',
  '*',
  'QUIT',
];

const configs: fc.Arbitrary<ConfigPatch> = fc.record({
  auth: fc.record({ anonymous: fc.boolean(), basic: fc.boolean(), integrated: fc.boolean() }),
  tls: fc.boolean().chain((certificate) =>
    fc.record({
      certificate: fc.constant(certificate),
      required: certificate ? fc.boolean() : fc.constant(false),
    }),
  ),
  maxSessionBytes: fc.constantFrom(null, 200, 10_485_760),
  maxRecipients: fc.constantFrom(null, 1, 100),
});

const anyLine: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'binary-ascii', maxLength: 700 }),
  fc
    .tuple(
      fc.constantFrom(...VALID.map((v) => v.split(' ')[0] as string)),
      fc.string({ unit: 'binary', maxLength: 600 }),
    )
    .map(([verb, rest]) => `${verb} ${rest}`),
  fc
    .tuple(
      fc.constantFrom('MAIL FROM:<', 'RCPT TO:<', 'VRFY ', 'ETRN ', 'AUTH LOGIN ', 'BDAT '),
      fc.string({ unit: 'grapheme', maxLength: 300 }),
    )
    .map(([head, rest]) => head + rest),
  fc.integer({ min: 500, max: 20_000 }).map((n) => 'A'.repeat(n)),
  // Arguments just under the 512-octet line limit, in ASCII, accented, control and astral characters.
  fc
    .tuple(
      fc.constantFrom(
        'VRFY',
        'ETRN',
        'EHLO',
        'HELO',
        'MAIL FROM:',
        'RCPT TO:',
        'AUTH',
        'EXPN',
        'NOOP',
        'HELP',
      ),
      fc.integer({ min: 200, max: 505 }),
      fc.constantFrom('a', 'é', '\u0001', '😀', '.'),
    )
    .map(([verb, n, ch]) => `${verb} ${ch.repeat(n)}`.slice(0, 510)),
  fc.constantFrom(...VALID),
);

function session(dialect: 'iis' | 'postfix', patch: ConfigPatch) {
  const clock = new VirtualClock(START);
  let counter = 0;
  const actor = createActor(sessionMachine, {
    clock,
    input: {
      config: configFor({ dialect, config: patch }),
      dialect: dialects[dialect]!,
      clientIp: '10.0.0.21',
      serverIp: '10.0.0.5',
      env: {
        clock,
        newQueueId: () =>
          `<WEB01Ab3xQ7LmN2pR${String(++counter).padStart(8, '0')}@web01.contoso.com>`,
      },
    },
  });
  const emitted: SessionEmitted[] = [];
  actor.on('*', (e) => emitted.push(e as SessionEmitted));
  actor.start();
  return { actor, emitted, clock };
}

/** Send one line; returns what it produced and the states around it. */
function send(s: ReturnType<typeof session>, line: string) {
  const before = JSON.stringify(s.actor.getSnapshot().value);
  const from = s.emitted.length;
  sendToSession(s.actor, lineEvent(line));
  const snapshot = s.actor.getSnapshot();
  return {
    before,
    after: JSON.stringify(snapshot.value),
    status: snapshot.status,
    out: s.emitted.slice(from),
  };
}

const replies = (out: SessionEmitted[]) =>
  out.filter((e): e is Extract<SessionEmitted, { type: 'reply' }> => e.type === 'reply');

describe('session machine properties', () => {
  // Lines sent after QUIT reach a stopped actor on purpose; XState warns about each one.
  const warn = console.warn;
  beforeAll(() => {
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      if (!String(args[0]).includes('was sent to stopped actor')) warn(...args);
    });
  });
  afterAll(() => vi.restoreAllMocks());

  it('should answer any line validly, and leave only message text unanswered', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('iis' as const, 'postfix' as const),
        configs,
        fc.array(fc.constantFrom(...VALID), { maxLength: 8 }),
        fc.array(anyLine, { minLength: 1, maxLength: 8 }),
        (dialect, patch, prefix, lines) => {
          const s = session(dialect, patch);
          for (const line of [...prefix, ...lines]) {
            const r = send(s, line);
            expect(r.status).not.toBe('error');
            for (const reply of replies(r.out)) expect(replyProblem(reply.lines)).toBeNull();
            const text = ['"data"', '"chunk"'];
            if (r.before === '"closed"') expect(r.out).toEqual([]);
            else if (!text.includes(r.before) && !text.includes(r.after))
              expect(replies(r.out).length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it('should stay consistent over any sequence of valid commands', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('iis' as const, 'postfix' as const),
        configs,
        fc.array(fc.constantFrom(...VALID), { minLength: 1, maxLength: 40 }),
        (dialect, patch, lines) => {
          const s = session(dialect, patch);
          for (const line of lines) {
            const r = send(s, line);
            const codes = replies(r.out).map((x) => x.lines[0]?.slice(0, 3));
            // A successful HELO/EHLO, RSET or QUIT leaves a known state (RFC 5321 §4.1.1).
            if (/^(EHLO|HELO) /.test(line) && codes[0] === '250') expect(r.after).toBe('"greeted"');
            if (line === 'RSET' && codes[0] === '250')
              expect(['"greeted"', '"awaitingHelo"']).toContain(r.after);
            if (line === 'QUIT' && codes[0] === '221') expect(r.status).toBe('done');
          }
          // After the session closed nothing more was said, and closing happened exactly once.
          const closedAt = s.emitted.findIndex((e) => e.type === 'closed');
          expect(s.emitted.filter((e) => e.type === 'closed').length).toBe(closedAt >= 0 ? 1 : 0);
          if (closedAt >= 0) expect(s.emitted.slice(closedAt + 1)).toEqual([]);
          expect(s.actor.getSnapshot().status).toBe(closedAt >= 0 ? 'done' : 'active');
          // Every accepted message got exactly one final 250 (RFC 5321 §4.1.1.4: the server owns it).
          const queued = replies(s.emitted).filter((r) =>
            /^250 2\.(6|0)\.0 (<|Ok: queued)/.test(r.lines[0] ?? ''),
          ).length;
          expect(s.emitted.filter((e) => e.type === 'message').length).toBe(queued);
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it('should close an idle session once, after the connection time-out, in any state', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('iis' as const, 'postfix' as const),
        fc.array(fc.constantFrom(...VALID.filter((l) => l !== 'QUIT')), { maxLength: 12 }),
        (dialect, lines) => {
          const s = session(dialect, {});
          for (const line of lines) send(s, line);
          if (s.actor.getSnapshot().status === 'done') return;
          const timeout = configFor({ dialect }).connectionTimeoutMs;
          s.clock.advanceBy(timeout - 1);
          expect(s.actor.getSnapshot().status).toBe('active');
          s.clock.advanceBy(1);
          expect(s.actor.getSnapshot().status).toBe('done');
          const last = s.emitted.slice(-2);
          expect(last[0]?.type === 'reply' && last[0].lines[0]?.startsWith('421 ')).toBe(true);
          expect(last[1]).toEqual({ type: 'closed', reason: 'timeout' });
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);
});
