/**
 * The session's idle timer (reference §4.3 "Connection time-out", RFC 5321 §4.5.3.2): one timer per
 * session on the virtual clock; lines only note their time, and the timer, when it fires early,
 * waits out the rest (sessionMachine.ts `session.idleCheck`). The session must close exactly one
 * time-out after its last line, however the lines were spread, and leave no timer behind.
 */
import { describe, expect, it } from 'vitest';
import {
  lineEvent,
  sendToSession,
  type SessionEmitted,
} from '../../../src/sim/smtp/sessionMachine';
import { configFor, startSession } from './transcriptHarness';

function session() {
  const { actor, clock } = startSession({ dialect: 'iis' });
  const emitted: SessionEmitted[] = [];
  actor.on('*', (e) => emitted.push(e as SessionEmitted));
  actor.start();
  return { clock, actor, emitted, timeout: configFor({ dialect: 'iis' }).connectionTimeoutMs };
}

describe('session idle timer', () => {
  it('should close the session one connection time-out after the last line, however the lines were spread', () => {
    const s = session();
    const lines = ['EHLO app01.contoso.com', 'NOOP', 'MAIL FROM:<a@contoso.com>', 'RSET'];
    for (const [i, line] of lines.entries()) {
      s.clock.advanceBy(i * 61_000);
      sendToSession(s.actor, lineEvent(line));
    }
    const lastLine = s.clock.now();
    s.clock.advanceTo(lastLine + s.timeout - 1);
    expect(s.actor.getSnapshot().status).toBe('active');
    s.clock.advanceTo(lastLine + s.timeout);
    expect([s.actor.getSnapshot().status, s.emitted.at(-1), s.clock.pending]).toEqual([
      'done',
      { type: 'closed', reason: 'timeout' },
      0,
    ]);
  });

  it('should leave no timer behind once the session closed', () => {
    const s = session();
    sendToSession(s.actor, lineEvent('EHLO app01.contoso.com'));
    sendToSession(s.actor, lineEvent('QUIT'));
    expect([s.actor.getSnapshot().status, s.clock.pending, s.clock.nextDue()]).toEqual([
      'done',
      0,
      null,
    ]);
  });

  it('should send nothing to a session stopped from outside when its timer runs out', () => {
    const s = session();
    sendToSession(s.actor, lineEvent('EHLO app01.contoso.com'));
    const before = s.emitted.length;
    s.actor.stop();
    s.clock.advanceBy(s.timeout);
    expect([s.actor.getSnapshot().status, s.emitted.length, s.clock.pending]).toEqual([
      'stopped',
      before,
      0,
    ]);
  });
});
