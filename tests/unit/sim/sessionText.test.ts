/**
 * A message's text can reach the session line by line (telnet) or in one `client.data` event
 * (`SmtpConnection.sendText`, as IIS's client and the apps send it). Both must be the same to
 * everyone: the same replies, the same W3C log entries, the same accepted message, and the same
 * refusals at the message and session size limits (reference §4.3).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/sim/clock/virtualClock';
import { SmtpConnection, type ServerHooks } from '../../../src/sim/smtp/connection';
import { dialects } from '../../../src/sim/smtp/dialects';
import { stuffText } from '../../../src/sim/smtp/sessionMessage';
import { configFor, START } from './transcriptHarness';

/** Run two messages through one connection; `byLine` sends the text as telnet would. */
function run(texts: string[], limits: { message: number; session: number }, byLine: boolean) {
  const clock = new VirtualClock(START);
  let counter = 0;
  const seen: unknown[] = [];
  const hooks: ServerHooks = {
    onMessage: (m) => seen.push(['message', m]),
    onReply: (log) => seen.push(['log', log]),
  };
  const conn = new SmtpConnection(
    {
      config: {
        ...configFor({ dialect: 'iis' }),
        maxMessageBytes: limits.message,
        maxSessionBytes: limits.session,
      },
      dialect: dialects.iis!,
      clientIp: '10.0.0.20',
      serverIp: '10.0.0.5',
      env: { clock, newQueueId: () => `<WEB01q${++counter}@web01.contoso.com>` },
    },
    clock,
    hooks,
  );
  const replies: string[][] = [conn.send('EHLO app01.contoso.com')];
  for (const text of texts) {
    for (const line of ['MAIL FROM:<shop@contoso.com>', 'RCPT TO:<taro@contoso.com>', 'DATA'])
      replies.push(conn.send(line));
    const stuffed = stuffText(text);
    if (byLine) {
      for (const line of stuffed.slice(0, -2).split('\r\n')) replies.push(conn.send(line));
      replies.push(conn.send('.'));
    } else replies.push(conn.sendText(stuffed));
  }
  replies.push(conn.send('QUIT'));
  return { replies: replies.filter((r) => r.length > 0), seen, closed: conn.closeReason };
}

const line = fc.stringMatching(/^[ -~]{0,40}$/);
const text = fc
  .array(fc.oneof(line, fc.constant('.'), fc.constant('.hidden'), fc.constant('')), {
    minLength: 1,
    maxLength: 12,
  })
  .map((lines) => lines.map((l) => `${l}\r\n`).join(''));

describe('message text in one event', () => {
  it('should behave exactly as the same text sent line by line', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 2 }),
        fc.integer({ min: 50, max: 600 }),
        fc.integer({ min: 0, max: 600 }),
        (texts, message, extra) => {
          const limits = { message, session: message + extra };
          expect(run(texts, limits, false)).toEqual(run(texts, limits, true));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('should refuse the message that takes the session over its limit, and close', () => {
    const body = `Subject: hi\r\n\r\n${'x'.repeat(100)}\r\n`;
    const r = run([body, body], { message: 200, session: 200 }, false);
    expect([r.replies.at(-1)?.[0]?.slice(0, 4), r.closed]).toEqual([
      `${dialects.iis!.replies.sessionTooBig.code} `,
      'server',
    ]);
    expect(r.seen.filter((s) => (s as unknown[])[0] === 'message')).toHaveLength(1);
  });
});
