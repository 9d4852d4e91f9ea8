/**
 * A remote receiver's policy is asked once per command and stage (sessionPolicy.ts): the guards and
 * the action of one transition share the verdict, but every command is asked anew, because checks
 * with memory (greylisting, rate limits) count commands. The cache must tell two commands apart even
 * when a caller sends the same event object twice and the session's context is written in place.
 */
import { describe, expect, it } from 'vitest';
import {
  lineEvent,
  sendToSession,
  type SessionEmitted,
} from '../../../src/sim/smtp/sessionMachine';
import type { PolicyStage } from '../../../src/sim/smtp/receiverPolicy';
import { startSession } from './transcriptHarness';

function session(verdictFor: (stage: PolicyStage, call: number) => boolean) {
  const asked: PolicyStage[] = [];
  const { actor } = startSession({ dialect: 'postfix' }, (stage) => {
    asked.push(stage);
    const refuse = verdictFor(stage, asked.filter((s) => s === stage).length);
    return refuse
      ? { check: 'greylisted', code: 450, lines: ['4.2.0 Try again later'], close: false }
      : null;
  });
  const emitted: SessionEmitted[] = [];
  actor.on('*', (e) => emitted.push(e as SessionEmitted));
  actor.start();
  const replies = () =>
    emitted.flatMap((e) => (e.type === 'reply' ? [e.lines[0]?.slice(0, 3)] : []));
  return { actor, asked, replies };
}

describe('receiver policy verdicts', () => {
  it('should ask once per command, even for the same event object sent twice', () => {
    // Greylisting-like: the first RCPT is deferred, the second is let through.
    const s = session((stage, call) => stage === 'rcpt' && call === 1);
    sendToSession(s.actor, lineEvent('EHLO web01.contoso.com'));
    sendToSession(s.actor, lineEvent('MAIL FROM:<shop@web01.contoso.com>'));
    const rcpt = lineEvent('RCPT TO:<taro.yamada@example.net>');
    sendToSession(s.actor, rcpt);
    sendToSession(s.actor, rcpt);
    expect(s.asked.filter((stage) => stage === 'rcpt')).toHaveLength(2);
    expect(s.replies().slice(-2)).toEqual(['450', '250']);
    expect(s.actor.getSnapshot().context.rcpts).toEqual(['taro.yamada@example.net']);
  });
});
