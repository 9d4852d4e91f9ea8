/**
 * The queue on the virtual clock (reference §4.4, §7.1): attempts about a second after arrival,
 * then 15, 30, 60 and every 240 minutes after the previous attempt; a delay DSN at 12 hours and
 * an NDR with 4.4.7 at 2 days, both from arrival; the Delivery tab's values change all of it.
 */
import { describe, expect, it } from 'vitest';
import {
  advance,
  at,
  events,
  HOUR,
  invariant,
  mailWorld,
  MIN,
  ndrs,
  queueOf,
  send,
  START,
  mailbox,
} from './mailWorld';

/** MX1 drops every SYN: each attempt fails with "did not respond" and is logged as 4000. */
const down = { hosts: { MX1: { firewall: { enabled: true, rules: [] }, answersPing: false } } };

/** Times (ms after arrival) of the attempts made while the clock runs to `until`. */
function attemptTimes(world: ReturnType<typeof mailWorld>, until: number): number[] {
  const arrival = at(world);
  for (
    let next = world.snapshot().nextEventAt;
    next !== null && next - arrival <= until;
    next = world.snapshot().nextEventAt
  )
    world.send({ type: 'clock.step' });
  return events(world)
    .filter((e) => e.eventId === 4000)
    .map((e) => e.time - arrival);
}

describe('retry schedule', () => {
  it('should attempt at +1 s, then 15, 30, 60 and every 240 minutes after the previous attempt', () => {
    const w = mailWorld(down);
    send(w, ['taro@example.net']);
    const s = 1_000;
    expect(attemptTimes(w, 18 * HOUR)).toEqual([
      s,
      s + 15 * MIN,
      s + 45 * MIN,
      s + 105 * MIN,
      s + 105 * MIN + 4 * HOUR,
      s + 105 * MIN + 8 * HOUR,
      s + 105 * MIN + 12 * HOUR,
      s + 105 * MIN + 16 * HOUR,
    ]);
    expect(queueOf(w)[0]!.attempts).toBe(8);
    expect(invariant(w)).toEqual([]);
  });

  it('should follow changed retry intervals (1, 2, 3, 4 minutes)', () => {
    const w = mailWorld(down);
    w.send({ type: 'config.set', host: 'WEB01', patch: { retryMinutes: [1, 2, 3, 4] } });
    send(w, ['taro@example.net']);
    const s = 1_000;
    expect(attemptTimes(w, 20 * MIN)).toEqual([
      s,
      s + 1 * MIN,
      s + 3 * MIN,
      s + 6 * MIN,
      s + 10 * MIN,
      s + 14 * MIN,
      s + 18 * MIN,
    ]);
  });

  it('should show the next attempt and the reason in the queue view', () => {
    const w = mailWorld(down);
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(queueOf(w)).toEqual([
      expect.objectContaining({
        to: ['taro@example.net'],
        attempts: 1,
        nextAttemptAt: START + 1_000 + 15 * MIN,
        lastError: 'The remote server did not respond to a connection attempt.',
      }),
    ]);
  });

  it('should deliver at the next retry once the destination is back', () => {
    const w = mailWorld(down);
    send(w, ['taro@example.net']);
    advance(w, 20 * MIN);
    w.internals.ctx.hosts.get('MX1')!.firewall.enabled = false;
    advance(w, 24 * MIN);
    expect(mailbox(w, 'taro@example.net')).toEqual([]);
    advance(w, 1 * MIN + 1_000);
    expect(mailbox(w, 'taro@example.net')).toHaveLength(1);
    expect(mailbox(w, 'taro@example.net')[0]!.receivedAt).toBe(START + 1_000 + 45 * MIN);
    expect(queueOf(w)).toEqual([]);
    expect(invariant(w)).toEqual([]);
  });

  it('should hold the queue while SMTPSVC is stopped and retry soon after it starts', () => {
    const w = mailWorld(down);
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    const iis = w.internals.iis.get('WEB01')!;
    iis.setServiceStatus('Stopped');
    advance(w, 20 * HOUR);
    expect(events(w).filter((e) => e.eventId === 4000)).toHaveLength(1);
    expect(ndrs(w)).toEqual([]);
    w.internals.ctx.hosts.get('MX1')!.firewall.enabled = false;
    iis.setServiceStatus('Running');
    // The overdue delay DSN goes out as the queue is read again; the retry follows a second later.
    expect(ndrs(w)).toEqual([]);
    advance(w, 1_000);
    expect(mailbox(w, 'taro@example.net')).toHaveLength(1);
    advance(w, 2_000);
    expect(ndrs(w).map((d) => /^Subject: (.*)$/m.exec(d)![1])).toEqual([
      'Delivery Status Notification (Delay)',
    ]);
    expect(invariant(w)).toEqual([]);
  });
});

describe('delay notification and expiration', () => {
  it('should send one delay DSN at exactly 12 hours and an NDR with 4.4.7 at exactly 2 days', () => {
    const w = mailWorld(down);
    send(w, ['taro@example.net', 'hanako@example.net']);
    advance(w, 12 * HOUR - 1);
    const dsnQueued = () => w.internals.iis.get('WEB01')!.queue.ledger.accepted.size;
    const before = dsnQueued();
    advance(w, 1);
    expect(dsnQueued()).toBe(before + 1);
    // The DSN itself is delivered to contoso.com's mail host a second later.
    advance(w, 2_000);
    expect(ndrs(w)).toHaveLength(1);
    expect(ndrs(w)[0]).toMatch(/^Subject: Delivery Status Notification \(Delay\)$/m);
    expect(ndrs(w)[0]).toContain(
      'Delivery to the following recipients has been delayed.\r\n\r\n       taro@example.net\r\n       hanako@example.net\r\n',
    );
    expect(ndrs(w)[0]).toContain(
      '\r\nFinal-Recipient: rfc822;taro@example.net\r\nAction: delayed\r\nStatus: 4.4.7\r\n',
    );
    const original = () => queueOf(w).filter((e) => e.from !== '');
    advance(w, 36 * HOUR - 2_001);
    expect(original()).toHaveLength(1);
    advance(w, 1);
    expect(original()).toEqual([]);
    advance(w, 2_000);
    expect(ndrs(w)).toHaveLength(2);
    expect(ndrs(w)[1]).toMatch(/^Subject: Delivery Status Notification \(Failure\)$/m);
    expect(ndrs(w)[1]).toContain(
      '\r\nFinal-Recipient: rfc822;hanako@example.net\r\nAction: failed\r\nStatus: 4.4.7\r\n',
    );
    expect(invariant(w)).toEqual([]);
  });

  it('should measure changed delay and expiration times from arrival, for mail already queued', () => {
    const w = mailWorld(down);
    send(w, ['taro@example.net']);
    advance(w, 30 * MIN);
    w.send({
      type: 'config.set',
      host: 'WEB01',
      patch: { delayNotificationMin: 20, expirationMin: 60 },
    });
    // The 20-minute delay point has already passed: the DSN goes out now.
    advance(w, 2_000);
    expect(ndrs(w).map((d) => /^Subject: (.*)$/m.exec(d)![1])).toEqual([
      'Delivery Status Notification (Delay)',
    ]);
    advance(w, 30 * MIN - 4_000);
    expect(queueOf(w)).toHaveLength(1);
    advance(w, 4_000);
    expect(queueOf(w)).toEqual([]);
    expect(ndrs(w).map((d) => /^Subject: (.*)$/m.exec(d)![1])).toEqual([
      'Delivery Status Notification (Delay)',
      'Delivery Status Notification (Failure)',
    ]);
  });
});
