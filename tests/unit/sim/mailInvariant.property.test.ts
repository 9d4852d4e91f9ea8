/**
 * Property: whatever a learner does, in any order (submissions, IIS settings, firewall rules,
 * service stops, clock steps), every accepted message stays in exactly one place (Queue, Drop,
 * Badmail, a remote server, or answered by an NDR that was itself queued), and the clock never
 * runs backwards. The invariant is checked after every single step.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { World } from '../../../src/sim/world/world';
import { baseWorld, HOUR, invariant, mailWorld, MIN, send } from './mailWorld';

type Step =
  | { kind: 'send'; rcpts: string[]; from: string; sizeKb: number }
  | { kind: 'config'; patch: Record<string, unknown> }
  | { kind: 'console'; line: string }
  | { kind: 'advance'; ms: number }
  | { kind: 'step' };

const recipients = [
  'taro@example.net', // known mailbox at a greylisting Postfix
  'nobody@example.net', // unknown mailbox: 550 → NDR
  'jiro@example.org', // Gmail-like, needs PTR (present)
  'x@nosuch.example', // NXDOMAIN → NDR 5.0.0
  'admin@web01.contoso.com', // local domain → Drop
  'sales@contoso.com', // the company's hosted mailboxes
];
const senders = ['shop@contoso.com', 'ghost@example.net', 'noreply@nosuch.example'];

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      rcpts: fc.subarray(recipients, { minLength: 1, maxLength: 3 }),
      from: fc.constantFrom(...senders),
      sizeKb: fc.constantFrom(1, 12),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('config' as const),
      patch: fc.oneof(
        fc.constantFrom(
          { smartHost: '' },
          { smartHost: '[198.51.100.50]' },
          { smartHost: 'relay.wrong.example' },
          { attemptDirectFirst: true },
        ),
        fc.constantFrom(
          { retryMinutes: [1, 2, 3, 4] },
          { retryMinutes: [15, 30, 60, 240] },
          { maxMessagesPerConnection: 2 },
          { maxMessagesPerConnection: 20 },
        ),
        fc.constantFrom(
          { expirationMin: 30 },
          { expirationMin: 2880 },
          { delayNotificationMin: 10 },
          { ndrCopyTo: 'postmaster@example.net' },
          { maxHopCount: 1 },
          { maxHopCount: 15 },
        ),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('console' as const),
      line: fc.constantFrom(
        'netsh advfirewall firewall add rule name="Block25" dir=out action=block protocol=TCP remoteport=25',
        'netsh advfirewall firewall delete rule name="Block25"',
        'net stop smtpsvc',
        'net start smtpsvc',
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.constantFrom(1_000, 5 * MIN, 16 * MIN, HOUR, 5 * HOUR, 13 * HOUR),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'step' as const }) },
);

function world(): World {
  return mailWorld({
    hosts: {
      MX1: {
        receiver: {
          mailboxes: ['taro@example.net', 'postmaster@example.net'],
          policy: { greylistMinutes: 5 },
        },
      },
      GMAIL: {
        fqdn: 'gmail-smtp-in.l.google.com',
        role: 'receiver',
        ips: ['198.51.100.27'],
        receiver: { dialect: 'gmail', domains: ['example.org'], policy: { requirePtr: true } },
      },
      RELAY: {
        fqdn: 'relay.contoso.net',
        role: 'receiver',
        ips: ['198.51.100.50'],
        receiver: {
          dialect: 'postfix',
          domains: ['contoso.net'],
          relay: { clients: ['203.0.113.5'] },
        },
      },
    },
    dns: [
      ...baseWorld.dns,
      { type: 'MX', name: 'example.org', value: 'gmail-smtp-in.l.google.com', preference: 5 },
      { type: 'A', name: 'gmail-smtp-in.l.google.com', value: '198.51.100.27' },
    ],
  });
}

function apply(w: World, s: Step): void {
  switch (s.kind) {
    case 'send':
      return void send(w, s.rcpts, { mailFrom: s.from, sizeKb: s.sizeKb });
    case 'config':
      return void w.send({ type: 'config.set', host: 'WEB01', patch: s.patch });
    case 'console':
      return void w.send({ type: 'console.line', host: 'WEB01', line: s.line });
    case 'advance':
      return void w.send({ type: 'clock.advance', ms: s.ms });
    case 'step':
      return void w.send({ type: 'clock.step' });
  }
}

describe('mail invariant', () => {
  it('should hold after every step of any interleaving of learner actions', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 24 }), (steps) => {
        const w = world();
        let now = w.snapshot().now;
        for (const s of steps) {
          apply(w, s);
          const snap = w.snapshot();
          expect(snap.now).toBeGreaterThanOrEqual(now);
          if (snap.nextEventAt !== null) expect(snap.nextEventAt).toBeGreaterThanOrEqual(snap.now);
          now = snap.now;
          expect(invariant(w)).toEqual([]);
        }
        // Run the world out: with the block gone, two days and a bit later the Queue is empty.
        w.send({
          type: 'console.line',
          host: 'WEB01',
          line: 'netsh advfirewall firewall delete rule name="Block25"',
        });
        w.send({ type: 'console.line', host: 'WEB01', line: 'net start smtpsvc' });
        w.send({ type: 'config.set', host: 'WEB01', patch: { expirationMin: 2880 } });
        w.send({ type: 'clock.advance', ms: 50 * HOUR });
        expect(invariant(w)).toEqual([]);
        expect(w.snapshot().queues.WEB01).toEqual([]);
      }),
      { numRuns: 40, seed: 20260305 },
    );
  });

  it('should report a message that vanished from every place', () => {
    const w = world();
    send(w, ['taro@example.net']);
    const queue = w.internals.iis.get('WEB01')!.queue;
    const [entry] = [...queue.entries.values()];
    queue.entries.delete(entry!.fileName);
    expect(invariant(w)).toEqual([
      `WEB01: ${entry!.messageId} → taro@example.net accepted 1 time(s) but found 0 time(s)`,
    ]);
  });
});
