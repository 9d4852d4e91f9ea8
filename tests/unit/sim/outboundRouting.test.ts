/** Outbound routing of IIS (reference §1.10, §3.8, §4.4, §4.7): MX order, fallbacks, smart hosts. */
import { describe, expect, it } from 'vitest';
import {
  advance,
  baseWorld,
  events,
  invariant,
  log,
  mailWorld,
  mailbox,
  ndrs,
  queueOf,
  send,
} from './mailWorld';

const dns = (...extra: Record<string, unknown>[]) => ({ dns: [...baseWorld.dns, ...extra] });
const receiver = (
  fqdn: string,
  ip: string,
  receiverSpec: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) => ({
  fqdn,
  role: 'receiver',
  ips: [ip],
  receiver: { dialect: 'postfix', domains: ['example.net'], ...receiverSpec },
  ...extra,
});
/** A host that drops every SYN and ping (powered off behind a firewall). */
const silent = { firewall: { enabled: true, rules: [] }, answersPing: false };
const outboundLines = (text: string) =>
  text.split('\r\n').filter((l) => l.includes('OutboundConnection'));
const config = (world: ReturnType<typeof mailWorld>, patch: Record<string, unknown>) => {
  const r = world.send({ type: 'config.set', host: 'WEB01', patch });
  expect(r.error).toBeUndefined();
};

describe('MX routing', () => {
  it('should fall back to the next MX when the first does not answer, with event 4006 for the first', () => {
    const w = mailWorld({
      hosts: { MX1: silent, MX2: receiver('mx2.example.net', '198.51.100.26') },
      ...dns(
        { type: 'MX', name: 'example.net', value: 'mx2.example.net', preference: 20 },
        { type: 'A', name: 'mx2.example.net', value: '198.51.100.26' },
      ),
    });
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(queueOf(w)).toEqual([]);
    expect(w.internals.receivers.get('MX2')!.mailboxes.get('taro@example.net')).toHaveLength(1);
    expect(events(w).map((e) => [e.eventId, e.message])).toEqual([
      [
        4006,
        "Message delivery to the host '198.51.100.25' failed while delivering to the remote domain 'example.net' for the following reason: The remote server did not respond to a connection attempt.",
      ],
    ]);
    expect(invariant(w)).toEqual([]);
  });

  it('should try MX hosts in preference order, not in the order of the records', () => {
    const w = mailWorld({
      hosts: { MX2: receiver('mx2.example.net', '198.51.100.26') },
      dns: [
        ...baseWorld.dns.filter((r) => r.type !== 'MX'),
        { type: 'MX', name: 'example.net', value: 'mx1.example.net', preference: 30 },
        { type: 'MX', name: 'example.net', value: 'mx2.example.net', preference: 5 },
        { type: 'A', name: 'mx2.example.net', value: '198.51.100.26' },
      ],
    });
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(w.internals.receivers.get('MX2')!.mailboxes.get('taro@example.net')).toHaveLength(1);
    expect(mailbox(w, 'taro@example.net')).toHaveLength(1);
    expect(w.internals.receivers.get('MX1')!.mailboxes.size).toBe(0);
  });

  it('should move to the next MX on a 421 greeting (KB 303889)', () => {
    const w = mailWorld({
      hosts: {
        MX1: { receiver: { busy: true } },
        MX2: receiver('mx2.example.net', '198.51.100.26'),
      },
      ...dns(
        { type: 'MX', name: 'example.net', value: 'mx2.example.net', preference: 20 },
        { type: 'A', name: 'mx2.example.net', value: '198.51.100.26' },
      ),
    });
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(w.internals.receivers.get('MX2')!.mailboxes.get('taro@example.net')).toHaveLength(1);
    const lines = outboundLines(log(w));
    expect(lines[0]).toContain(
      '198.51.100.25 OutboundConnectionResponse SMTPSVC1 WEB01 - 25 - - 421+4.7.0+mx1.example.net+Error:+too+many+connections+from+203.0.113.5',
    );
    expect(lines.filter((l) => l.includes(' EHLO '))).toHaveLength(1);
    expect(events(w).map((e) => e.message)).toEqual([
      "Message delivery to the host '198.51.100.25' failed while delivering to the remote domain 'example.net' for the following reason: An SMTP protocol error occurred.",
    ]);
  });

  it("should deliver to the domain's A record when it has no MX (RFC 5321 §5.1)", () => {
    const w = mailWorld({
      hosts: {
        ORG: {
          fqdn: 'example.org',
          role: 'receiver',
          ips: ['198.51.100.40'],
          receiver: { dialect: 'postfix', domains: ['example.org'] },
        },
      },
      ...dns({ type: 'A', name: 'example.org', value: '198.51.100.40' }),
    });
    send(w, ['jiro@example.org']);
    advance(w, 2_000);
    expect(mailbox(w, 'jiro@example.org')).toHaveLength(1);
  });

  it('should return an NDR with 5.1.10 at once for a null MX, without connecting (RFC 7505)', () => {
    const w = mailWorld({
      ...dns({ type: 'MX', name: 'nomail.example', value: '.', preference: 0 }),
    });
    send(w, ['x@nomail.example']);
    advance(w, 3_000);
    // The only connection is the one that carries the NDR to contoso.com.
    expect(
      outboundLines(log(w)).filter(
        (l) => l.includes('OutboundConnectionCommand') && l.includes(' RCPT '),
      ),
    ).toHaveLength(1);
    expect(log(w)).toContain('RCPT - TO:<shop@contoso.com>');
    expect(ndrs(w)[0]).toContain(
      '\r\nFinal-Recipient: rfc822;x@nomail.example\r\nAction: failed\r\nStatus: 5.1.10\r\n\r\n',
    );
    expect(queueOf(w)).toEqual([]);
    expect(invariant(w)).toEqual([]);
  });

  it('should return an NDR with 5.0.0 for a domain that does not exist, and log 4000 0xC00402D6', () => {
    const w = mailWorld();
    send(w, ['x@nosuch.example']);
    advance(w, 2_000);
    expect(queueOf(w)).toEqual([]);
    expect(events(w)[0]!.message).toBe(
      "Message delivery to the remote domain 'nosuch.example' failed for the following reason: Destination server does not exist.\r\n\r\nData: 0000: c00402d6",
    );
    expect(ndrs(w)[0]).toContain(
      '\r\nFinal-Recipient: rfc822;x@nosuch.example\r\nAction: failed\r\nStatus: 5.0.0\r\n\r\n',
    );
    expect(invariant(w)).toEqual([]);
  });

  it('should refuse to deliver to itself when the MX points back at the server (0xC00402CF, 5.3.5)', () => {
    const w = mailWorld({
      ...dns({ type: 'MX', name: 'loop.example', value: 'web01.contoso.com', preference: 10 }),
    });
    send(w, ['x@loop.example']);
    advance(w, 2_000);
    expect(events(w)[0]!.message).toContain(
      "remote domain 'loop.example' failed for the following reason: Unable to deliver the message because the destination address was misconfigured as a mail loop.",
    );
    expect(ndrs(w)[0]).toContain('\r\nStatus: 5.3.5\r\n');
    expect(queueOf(w)).toEqual([]);
    expect(invariant(w)).toEqual([]);
  });
});

describe('smart host', () => {
  const relay = receiver('relay.contoso.net', '198.51.100.50', {
    domains: ['contoso.net'],
    relay: { clients: ['203.0.113.5'] },
  });

  it('should send everything to a smart host given as [IP] without asking DNS', () => {
    const w = mailWorld({ hosts: { RELAY: relay, DC01: { dnsServer: { down: true } } } });
    config(w, { smartHost: '[198.51.100.50]' });
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(queueOf(w)).toEqual([]);
    expect(w.internals.receivers.get('RELAY')!.relayed.map((r) => r.rcpts)).toEqual([
      ['taro@example.net'],
    ]);
    // The relay passes it on a second later.
    advance(w, 2_000);
    expect(mailbox(w, 'taro@example.net')).toHaveLength(1);
    expect(invariant(w)).toEqual([]);
  });

  it('should resolve a smart host given by name', () => {
    const w = mailWorld({
      hosts: { RELAY: relay },
      ...dns({ type: 'A', name: 'relay.contoso.net', value: '198.51.100.50' }),
    });
    config(w, { smartHost: 'relay.contoso.net' });
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(w.internals.receivers.get('RELAY')!.relayed).toHaveLength(1);
  });

  it('should try direct delivery first when asked, then the smart host in the same attempt', () => {
    const w = mailWorld({ hosts: { RELAY: relay, MX1: silent } });
    config(w, { smartHost: '[198.51.100.50]', attemptDirectFirst: true });
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(w.internals.receivers.get('RELAY')!.relayed).toHaveLength(1);
    expect(events(w).map((e) => e.eventId)).toEqual([4006]);
  });

  it("should let a remote domain's route override the server's smart host (KB 303734)", () => {
    const w = mailWorld({
      hosts: {
        RELAY: relay,
        ORG: receiver('mx.example.org', '198.51.100.40', { domains: ['example.org'] }),
      },
      ...dns(
        { type: 'MX', name: 'example.org', value: 'mx.example.org', preference: 10 },
        { type: 'A', name: 'mx.example.org', value: '198.51.100.40' },
      ),
    });
    config(w, {
      remoteDomains: [
        {
          name: 'example.org',
          allowRelay: false,
          smartHost: '[198.51.100.50]',
          outboundTls: false,
          sendHelo: false,
        },
      ],
    });
    send(w, ['taro@example.net', 'jiro@example.org']);
    advance(w, 2_000);
    expect(mailbox(w, 'taro@example.net')).toHaveLength(1);
    expect(w.internals.receivers.get('RELAY')!.relayed.map((r) => r.rcpts)).toEqual([
      ['jiro@example.org'],
    ]);
  });

  it('should NDR at once when the smart host name does not resolve, and put the undeliverable NDR in Badmail (KB 276347)', () => {
    const w = mailWorld();
    config(w, { smartHost: 'relay.wrong.example' });
    send(w, ['taro@example.net']);
    advance(w, 5_000);
    expect(queueOf(w)).toEqual([]);
    const badmail = w.internals.iis
      .get('WEB01')!
      .host.fs.list('C:\\inetpub\\mailroot\\Badmail')
      .map((f) => f.path.replace(/.*\\/, '').replace(/^NTFS_\w+/, 'NTFS'));
    expect(badmail).toEqual(['NTFS.BAD', 'NTFS.BDP', 'NTFS.BDR']);
    const bad = w.internals.iis.get('WEB01')!.host.fs.list('C:\\inetpub\\mailroot\\Badmail')[0]!
      .content;
    expect(bad).toContain(
      '\r\nFinal-Recipient: rfc822;taro@example.net\r\nAction: failed\r\nStatus: 5.4.0\r\n',
    );
    expect(invariant(w)).toEqual([]);
  });
});

describe('outbound options', () => {
  it('should send HELO instead of EHLO to a domain configured so', () => {
    const w = mailWorld();
    config(w, {
      remoteDomains: [
        {
          name: 'example.net',
          allowRelay: false,
          smartHost: '',
          outboundTls: false,
          sendHelo: true,
        },
      ],
    });
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    const verbs = outboundLines(log(w))
      .filter((l) => l.includes('OutboundConnectionCommand'))
      .map((l) => l.split(' ')[8]);
    expect(verbs).toEqual(['HELO', 'MAIL', 'RCPT', 'DATA', 'QUIT']);
    // Without EHLO there is no SIZE extension, so MAIL carries no SIZE= (RFC 1870).
    expect(log(w)).toContain(
      'OutboundConnectionCommand SMTPSVC1 WEB01 - 25 MAIL - FROM:<shop@contoso.com> 0 0 4',
    );
    expect(mailbox(w, 'taro@example.net')).toHaveLength(1);
  });

  it('should rewrite the MAIL FROM domain with the masquerade domain, leaving the headers alone', () => {
    const w = mailWorld();
    config(w, { masqueradeDomain: 'mail.contoso.com' });
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    const [m] = mailbox(w, 'taro@example.net');
    expect(m!.from).toBe('shop@mail.contoso.com');
    expect(w.internals.receivers.get('MX1')!.mailboxes.get('taro@example.net')![0]!.data).toContain(
      '\r\nFrom: shop@contoso.com\r\n',
    );
  });

  it('should deliver at most 20 messages per connection by default, then open another', () => {
    const w = mailWorld();
    for (let i = 0; i < 45; i++) send(w, [`user${i}@example.net`]);
    advance(w, 2_000);
    const cmds = outboundLines(log(w))
      .filter((l) => l.includes('OutboundConnectionCommand'))
      .map((l) => l.split(' ')[8]);
    expect(cmds.filter((c) => c === 'EHLO')).toHaveLength(3);
    expect(cmds.filter((c) => c === 'MAIL')).toHaveLength(45);
    expect(cmds.filter((c) => c === 'QUIT')).toHaveLength(3);
    expect(queueOf(w)).toEqual([]);
    expect(invariant(w)).toEqual([]);
  });

  it('should use the "messages per connection" setting', () => {
    const w = mailWorld();
    config(w, { maxMessagesPerConnection: 2 });
    for (let i = 0; i < 5; i++) send(w, [`user${i}@example.net`]);
    advance(w, 2_000);
    expect(outboundLines(log(w)).filter((l) => l.includes(' EHLO '))).toHaveLength(3);
  });

  it('should NDR a message with more Received: headers than the maximum hop count (5.4.6, 0xC00402CD)', () => {
    const w = mailWorld();
    config(w, { maxHopCount: 1 });
    // One Received: from the application's own relay, one from IIS: 2 > 1.
    const { ctx } = w.internals;
    const app = ctx.hosts.get('APP01')!;
    const opened = ctx.openSmtp(app, '10.0.0.5', 25);
    if (opened.kind !== 'open') throw new Error('no connection');
    for (const line of [
      'EHLO APP01',
      'MAIL FROM:<shop@contoso.com>',
      'RCPT TO:<taro@example.net>',
      'DATA',
      'Received: from loop.example by app01',
      'Subject: loop',
      '',
      'x',
      '.',
      'QUIT',
    ])
      opened.conn.send(line);
    advance(w, 2_000);
    expect(mailbox(w, 'taro@example.net')).toEqual([]);
    expect(events(w)[0]!.message).toBe(
      "Message delivery to the remote domain 'example.net' failed for the following reason: Unable to deliver message because the maximum hop count was exceeded.  This is a potential message routing loop.\r\n\r\nData: 0000: c00402cd",
    );
    expect(invariant(w)).toEqual([]);
  });
});
