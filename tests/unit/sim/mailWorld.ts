/**
 * A small world for outbound-delivery tests: APP01 submits to the IIS SMTP server on WEB01, which
 * delivers to remote receivers on the Internet. Built through the zod schema, so every test world
 * is a valid scenario world; `changes` are merged over it the way a scenario's `world.changes` are.
 */
import {
  worldSpecSchema,
  type WorldSpec,
  type TrafficSpec,
} from '../../../src/sim/scenario/schema';
import { deepMerge } from '../../../src/sim/scenario/run';
import { createWorld, type World } from '../../../src/sim/world/world';
import { submit } from '../../../src/sim/world/traffic';
import { rfc5322Date } from '../../../src/sim/clock/time';
import { checkMailInvariant } from '../../../src/sim/queue/invariant';
import { W3C_FIELDS } from '../../../src/sim/smtp/iisSettings';

export const START = Date.parse('2026-03-05T00:30:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export const baseWorld = {
  start: '2026-03-05T00:30:00Z',
  utcOffset: '+09:00',
  dnsServerName: 'dc01.contoso.local',
  hosts: {
    WEB01: {
      fqdn: 'web01.contoso.com',
      role: 'iis',
      ips: ['10.0.0.5'],
      publicIp: '203.0.113.5',
      dns: '10.0.0.2',
      firewall: {
        enabled: true,
        rules: [
          {
            name: 'SMTP-In',
            direction: 'in',
            action: 'allow',
            localPort: '25',
            remoteAddress: '10.0.0.0/24',
          },
        ],
      },
      iis: {
        logging: {
          enabled: true,
          // Every extended property, so a test can read any column of the W3C log.
          fields: [...W3C_FIELDS],
        },
        relay: { list: ['10.0.0.20'] },
      },
    },
    APP01: { fqdn: 'app01.contoso.com', role: 'app', ips: ['10.0.0.20'], dns: '10.0.0.2' },
    DC01: { fqdn: 'dc01.contoso.local', role: 'dns', ips: ['10.0.0.2'] },
    MX1: {
      fqdn: 'mx1.example.net',
      role: 'receiver',
      ips: ['198.51.100.25'],
      receiver: { dialect: 'postfix', domains: ['example.net'] },
    },
    // Contoso's own mailboxes are hosted elsewhere: NDRs to shop@contoso.com land there.
    EXO: {
      fqdn: 'contoso-com.mail.protection.outlook.com',
      role: 'receiver',
      ips: ['198.51.100.60'],
      receiver: { dialect: 'outlook', domains: ['contoso.com'] },
    },
  },
  dns: [
    { type: 'A', name: 'web01.contoso.com', value: '203.0.113.5' },
    { type: 'PTR', name: '203.0.113.5', value: 'web01.contoso.com' },
    { type: 'MX', name: 'example.net', value: 'mx1.example.net', preference: 10 },
    { type: 'A', name: 'mx1.example.net', value: '198.51.100.25' },
    { type: 'TXT', name: 'contoso.com', value: 'v=spf1 ip4:203.0.113.5 -all' },
    {
      type: 'MX',
      name: 'contoso.com',
      value: 'contoso-com.mail.protection.outlook.com',
      preference: 0,
    },
    { type: 'A', name: 'contoso-com.mail.protection.outlook.com', value: '198.51.100.60' },
  ],
};

export function worldSpec(changes: Record<string, unknown> = {}): WorldSpec {
  return worldSpecSchema.parse(deepMerge(baseWorld, changes));
}

export function mailWorld(changes: Record<string, unknown> = {}, seed = 1): World {
  return createWorld(worldSpec(changes), { locale: 'en', seed });
}

let seq = 0;
/** APP01 hands one message to WEB01 now (as the shop application does). */
export function send(world: World, rcptTo: string[], opts: Partial<TrafficSpec> = {}): void {
  const t: TrafficSpec = {
    at: '0s',
    from: 'APP01',
    to: 'WEB01',
    port: 25,
    mailFrom: 'shop@contoso.com',
    rcptTo,
    subject: 'Order',
    sizeKb: 1,
    ...opts,
  };
  const { ctx } = world.internals;
  submit(ctx, t, ++seq, rfc5322Date(ctx.clock.now(), ctx.utcOffsetMinutes));
  ctx.changed();
}

export const queueOf = (world: World) => world.snapshot().queues.WEB01 ?? [];
export const mailbox = (world: World, address: string) =>
  world.snapshot().mailboxes[address.toLowerCase()] ?? [];
/** Raw messages in a receiver's mailbox (the DSNs IIS sent, for instance). */
export const received = (world: World, host: string, address: string) =>
  (world.internals.receivers.get(host)?.mailboxes.get(address.toLowerCase()) ?? []).map(
    (m) => m.data,
  );
export const ndrs = (world: World) => received(world, 'EXO', 'shop@contoso.com');
export const events = (world: World, host = 'WEB01') => world.snapshot().events[host] ?? [];
export const log = (world: World) =>
  world
    .logFiles('WEB01')
    .map((f) => f.content)
    .join('');
export const invariant = (world: World) => checkMailInvariant(world.internals);
export const at = (world: World) => world.snapshot().now;
export const advance = (world: World, ms: number) => world.send({ type: 'clock.advance', ms });
