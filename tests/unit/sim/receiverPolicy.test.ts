/**
 * Remote receivers' policies (reference §9): each check answers at the stage where the real one
 * does, with the receiver's own text. Transcripts are data: `C:` lines go from WEB01 (seen on the
 * Internet as 203.0.113.5) to the receiver, `S:` lines are the exact replies.
 */
import { describe, expect, it } from 'vitest';
import type { World } from '../../../src/sim/world/world';
import {
  advance,
  baseWorld,
  events,
  invariant,
  log,
  mailbox,
  mailWorld,
  MIN,
  ndrs,
  queueOf,
  send,
  START,
} from './mailWorld';

const noPtr = { dns: baseWorld.dns.filter((r) => r.type !== 'PTR') };
const policy = (
  dialect: string,
  p: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) => ({ hosts: { MX1: { receiver: { dialect, policy: p, ...extra } } } });

/** Run a transcript against MX1 from WEB01; returns the expected and the actual server lines. */
function talk(world: World, transcript: string, to = '198.51.100.25') {
  const { ctx } = world.internals;
  const opened = ctx.openSmtp(ctx.hosts.get('WEB01')!, to, 25);
  if (opened.kind !== 'open') throw new Error(`connect: ${opened.kind}`);
  const actual = [...opened.conn.greeting];
  const expected: string[] = [];
  for (const raw of transcript
    .trim()
    .split('\n')
    .map((l) => l.trim())) {
    if (raw.startsWith('S:')) expected.push(raw.slice(3));
    else actual.push(...opened.conn.send(raw.slice(3)));
  }
  return { expected, actual };
}
const expectTranscript = (world: World, transcript: string) => {
  const { expected, actual } = talk(world, transcript);
  expect(actual).toEqual(expected);
};
/** The greeting line is the receiver's; later ones are checked exactly. */
const GREETING_POSTFIX = 'S: 220 mx1.example.net ESMTP Postfix';
const POSTFIX_EHLO = `S: 250-mx1.example.net
S: 250-PIPELINING
S: 250-SIZE 10240000
S: 250-ETRN
S: 250-STARTTLS
S: 250-ENHANCEDSTATUSCODES
S: 250-8BITMIME
S: 250-DSN
S: 250-SMTPUTF8
S: 250 CHUNKING`;

describe('reverse DNS (§9.1)', () => {
  it("should refuse at RCPT with Gmail's wrapped 550-5.7.25 when the client has no PTR", () => {
    const w = mailWorld({ ...noPtr, ...policy('gmail', { requirePtr: true }) });
    const { actual } = talk(
      w,
      `C: EHLO web01.contoso.com
      C: MAIL FROM:<shop@contoso.com>
      C: RCPT TO:<taro@example.net>`,
    );
    const tag = /^220 mx\.google\.com ESMTP (\S+) - gsmtp$/.exec(actual[0]!)![1];
    expect(actual.slice(-7)).toEqual([
      '550-5.7.25 [203.0.113.5] The IP address sending this message does not have a',
      '550-5.7.25 PTR record setup, or the corresponding forward DNS entry does not',
      '550-5.7.25 match the sending IP. As a policy, Gmail does not accept messages',
      '550-5.7.25 from IPs with missing PTR records. For more information, go to',
      '550-5.7.25  https://support.google.com/a?p=sender-guidelines-ip To learn',
      '550-5.7.25 more about Gmail requirements for bulk senders, visit',
      `550 5.7.25  https://support.google.com/a?p=sender-guidelines ${tag} - gsmtp`,
    ]);
    expect(actual.slice(1, 10)).toEqual([
      '250-mx.google.com at your service, [203.0.113.5]',
      '250-SIZE 157286400',
      '250-8BITMIME',
      '250-STARTTLS',
      '250-ENHANCEDSTATUSCODES',
      '250-PIPELINING',
      '250-CHUNKING',
      '250 SMTPUTF8',
      `250 2.1.0 OK ${tag} - gsmtp`,
    ]);
  });

  it("should defer at RCPT with Postfix's 450 4.7.25", () => {
    const w = mailWorld({ ...noPtr, ...policy('postfix', { requirePtr: true }) });
    expectTranscript(
      w,
      `${GREETING_POSTFIX}
      C: HELO web01.contoso.com
      S: 250 mx1.example.net
      C: MAIL FROM:<shop@contoso.com>
      S: 250 2.1.0 Ok
      C: RCPT TO:<taro@example.net>
      S: 450 4.7.25 Client host rejected: cannot find your hostname, [203.0.113.5]`,
    );
  });

  it('should require the PTR name to resolve back to the client with FCrDNS', () => {
    const wrongA = {
      dns: [
        ...baseWorld.dns.filter((r) => !(r.type === 'A' && r.name === 'web01.contoso.com')),
        { type: 'A', name: 'web01.contoso.com', value: '203.0.113.99' },
      ],
    };
    const w = mailWorld({ ...wrongA, ...policy('postfix', { requireFcrdns: true }) });
    expectTranscript(
      w,
      `${GREETING_POSTFIX}
      C: HELO web01.contoso.com
      S: 250 mx1.example.net
      C: MAIL FROM:<shop@contoso.com>
      S: 250 2.1.0 Ok
      C: RCPT TO:<taro@example.net>
      S: 450 4.7.25 Client host rejected: cannot find your hostname, [203.0.113.5]`,
    );
    const ok = mailWorld(policy('postfix', { requireFcrdns: true }));
    expect(
      talk(
        ok,
        'C: HELO web01.contoso.com\nC: MAIL FROM:<a@contoso.com>\nC: RCPT TO:<taro@example.net>',
      ).actual.at(-1),
    ).toBe('250 2.1.5 Ok');
  });

  it('should deliver to Gmail without PTR trouble once the record exists, and NDR at once without it', () => {
    const w = mailWorld({ ...noPtr, ...policy('gmail', { requirePtr: true }) });
    send(w, ['taro@example.net']);
    advance(w, 3_000);
    expect(queueOf(w)).toEqual([]);
    expect(ndrs(w)[0]).toContain(
      '\r\nStatus: 5.7.25\r\nDiagnostic-Code: smtp;550-5.7.25 [203.0.113.5] The IP address sending this message does not have a 550-5.7.25 PTR record setup,',
    );
    expect(log(w)).toContain(
      ' OutboundConnectionResponse SMTPSVC1 WEB01 - 25 - - 550-5.7.25+[203.0.113.5]+The+IP+address+sending+this+message+does+not+have+a 0 0 76 ',
    );
    expect(invariant(w)).toEqual([]);
  });
});

describe('blocklists, SPF, greylisting (§9.2–§9.4)', () => {
  const listed = {
    dns: [
      ...baseWorld.dns,
      { type: 'A', name: '5.113.0.203.zen.spamhaus.org', value: '127.0.0.2' },
      {
        type: 'TXT',
        name: '5.113.0.203.zen.spamhaus.org',
        value: 'https://www.spamhaus.org/query/ip/203.0.113.5',
      },
    ],
  };

  it("should refuse a listed client at RCPT with Postfix's 554 5.7.1 ... blocked using", () => {
    const w = mailWorld({ ...listed, ...policy('postfix', { dnsbl: ['zen.spamhaus.org'] }) });
    expectTranscript(
      w,
      `${GREETING_POSTFIX}
      C: HELO web01.contoso.com
      S: 250 mx1.example.net
      C: MAIL FROM:<shop@contoso.com>
      S: 250 2.1.0 Ok
      C: RCPT TO:<taro@example.net>
      S: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.5`,
    );
  });

  it('should let an unlisted client through the same blocklist', () => {
    const w = mailWorld(policy('postfix', { dnsbl: ['zen.spamhaus.org'] }));
    expect(
      talk(
        w,
        'C: HELO web01.contoso.com\nC: MAIL FROM:<a@contoso.com>\nC: RCPT TO:<taro@example.net>',
      ).actual.at(-1),
    ).toBe('250 2.1.5 Ok');
  });

  const spfFails = {
    dns: [
      ...baseWorld.dns.filter((r) => r.type !== 'TXT'),
      { type: 'TXT', name: 'contoso.com', value: 'v=spf1 include:spf.protection.outlook.com -all' },
      { type: 'TXT', name: 'spf.protection.outlook.com', value: 'v=spf1 ip4:40.92.0.0/15 -all' },
    ],
  };

  it('should refuse an SPF fail after DATA at Microsoft 365 with 550 5.7.23', () => {
    const w = mailWorld({ ...spfFails, ...policy('outlook', { spf: true }) });
    const { actual } = talk(
      w,
      `C: EHLO web01.contoso.com
      C: MAIL FROM:<shop@contoso.com>
      C: RCPT TO:<taro@example.net>
      C: DATA
      C: Subject: order
      C:
      C: thanks
      C: .`,
    );
    expect(actual.slice(-4)).toEqual([
      '250 2.1.0 Sender OK',
      '250 2.1.5 Recipient OK',
      '354 Start mail input; end with <CRLF>.<CRLF>',
      '550 5.7.23 The message was rejected because of Sender Policy Framework violation',
    ]);
    expect(w.internals.receivers.get('MX1')!.mailboxes.size).toBe(0);
  });

  it('should NDR with Status 5.7.26 when Gmail refuses the SPF fail, and deliver when SPF passes', () => {
    const w = mailWorld({ ...spfFails, ...policy('gmail', { spf: true }) });
    send(w, ['taro@example.net']);
    advance(w, 3_000);
    expect(ndrs(w)[0]).toContain(
      '\r\nStatus: 5.7.26\r\nDiagnostic-Code: smtp;550-5.7.26 This message fails to pass SPF checks for an SPF record with a hard 550-5.7.26 fail policy (-all).',
    );
    const passes = mailWorld(policy('gmail', { spf: true }));
    send(passes, ['taro@example.net']);
    advance(passes, 3_000);
    expect(mailbox(passes, 'taro@example.net')).toHaveLength(1);
  });

  it('should greylist the first attempt and accept the retry 15 minutes later, with no DSN', () => {
    const w = mailWorld(policy('postfix', { greylistMinutes: 5 }));
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(log(w)).toContain(
      '450+4.7.1+<taro@example.net>:+Recipient+address+rejected:+Greylisted,+see+http://postgrey.schweikert.ch/help/example.net.html',
    );
    expect(queueOf(w)[0]!.lastError).toBe(
      '450 4.7.1 <taro@example.net>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.net.html',
    );
    advance(w, 15 * MIN);
    expect(mailbox(w, 'taro@example.net').map((m) => m.receivedAt)).toEqual([
      START + 1_000 + 15 * MIN,
    ]);
    expect(ndrs(w)).toEqual([]);
    expect(events(w)).toEqual([]);
    expect(invariant(w)).toEqual([]);
  });
});

describe('size, TLS, rate, HELO (§9.5, §9.8, RFC 3207)', () => {
  it('should not send a message larger than the SIZE the receiver announced, and NDR it with 5.3.4', () => {
    const w = mailWorld({ hosts: { MX1: { receiver: { maxMessageKb: 10 } } } });
    send(w, ['taro@example.net'], { sizeKb: 20 });
    advance(w, 3_000);
    const cmds = log(w)
      .split('\r\n')
      .filter((l) => l.includes('198.51.100.25 OutboundConnectionCommand'))
      .map((l) => l.split(' ')[8]);
    expect(cmds).toEqual(['EHLO', 'QUIT']);
    expect(ndrs(w)[0]).toContain(
      '\r\nFinal-Recipient: rfc822;taro@example.net\r\nAction: failed\r\nStatus: 5.3.4\r\n\r\n',
    );
  });

  it('should answer MAIL without STARTTLS with 530 when the receiver requires TLS, and accept after STARTTLS', () => {
    const w = mailWorld(policy('postfix', { requireTls: true }));
    expectTranscript(
      w,
      `${GREETING_POSTFIX}
      C: EHLO web01.contoso.com
      ${POSTFIX_EHLO}
      C: MAIL FROM:<shop@contoso.com>
      S: 530 5.7.0 Must issue a STARTTLS command first
      C: STARTTLS
      S: 220 2.0.0 Ready to start TLS
      C: EHLO web01.contoso.com
      S: 250-mx1.example.net
      S: 250-PIPELINING
      S: 250-SIZE 10240000
      S: 250-ETRN
      S: 250-ENHANCEDSTATUSCODES
      S: 250-8BITMIME
      S: 250-DSN
      S: 250-SMTPUTF8
      S: 250 CHUNKING
      C: MAIL FROM:<shop@contoso.com>
      S: 250 2.1.0 Ok`,
    );
  });

  it('should deliver over STARTTLS when Outbound Security has TLS ticked, and NDR without it', () => {
    const w = mailWorld(policy('postfix', { requireTls: true }));
    w.send({ type: 'config.set', host: 'WEB01', patch: { 'outboundSecurity.tls': true } });
    send(w, ['taro@example.net']);
    advance(w, 3_000);
    expect(mailbox(w, 'taro@example.net')).toHaveLength(1);
    expect(log(w)).toContain(
      'OutboundConnectionCommand SMTPSVC1 WEB01 - 25 STARTTLS - - 0 0 8 0 0',
    );
    const clear = mailWorld(policy('postfix', { requireTls: true }));
    send(clear, ['taro@example.net']);
    advance(clear, 3_000);
    expect(ndrs(clear)[0]).toContain(
      '\r\nStatus: 5.7.0\r\nDiagnostic-Code: smtp;530 5.7.0 Must issue a STARTTLS command first\r\n',
    );
  });

  it('should NDR when TLS is required outbound but the receiver offers no STARTTLS (KB 303668)', () => {
    const w = mailWorld({ hosts: { MX1: { receiver: { tls: false } } } });
    w.send({ type: 'config.set', host: 'WEB01', patch: { 'outboundSecurity.tls': true } });
    send(w, ['taro@example.net']);
    advance(w, 3_000);
    expect(events(w).map((e) => e.message)).toEqual([
      "Message delivery to the host '198.51.100.25' failed while delivering to the remote domain 'example.net' for the following reason: The remote SMTP service does not support TLS.",
      "Message delivery to the remote domain 'example.net' failed for the following reason: The remote SMTP service does not support TLS.\r\n\r\nData: 0000: c00402e5",
    ]);
    expect(queueOf(w).filter((e) => e.from !== '')).toEqual([]);
  });

  it('should defer the messages over a rate limit at MAIL, then deliver them at the next retry', () => {
    const w = mailWorld(policy('postfix', { rateLimit: { max: 2, windowMinutes: 10 } }));
    for (let i = 0; i < 3; i++) send(w, [`u${i}@example.net`]);
    advance(w, 2_000);
    expect(log(w)).toContain('450+4.7.1+Error:+too+much+mail+from+203.0.113.5');
    expect(queueOf(w).map((e) => e.to)).toEqual([['u2@example.net']]);
    advance(w, 15 * MIN);
    expect(queueOf(w)).toEqual([]);
    expect(invariant(w)).toEqual([]);
  });

  it("should hang up after Gmail's 421-4.7.28 and keep the rest of the batch for later", () => {
    const w = mailWorld(policy('gmail', { rateLimit: { max: 1, windowMinutes: 60 } }));
    for (let i = 0; i < 3; i++) send(w, [`u${i}@example.net`]);
    advance(w, 2_000);
    expect(mailbox(w, 'u0@example.net')).toHaveLength(1);
    expect(queueOf(w).map((e) => [e.to, e.lastError])).toEqual([
      [
        ['u1@example.net'],
        expect.stringMatching(
          /^421-4\.7\.28 \[203\.0\.113\.5 {6}15\] Our system has detected an unusual rate of 421-4\.7\.28 unsolicited/,
        ),
      ],
      [['u2@example.net'], 'The connection was dropped by the remote host.'],
    ]);
    expect(invariant(w)).toEqual([]);
  });

  it('should refuse a NetBIOS-style HELO name at RCPT with 504 5.5.2 (Postfix, §9.8) and NDR it', () => {
    const w = mailWorld(policy('postfix', { requireFqdnHelo: true }));
    w.send({ type: 'config.set', host: 'WEB01', patch: { fqdn: 'WEB01' } });
    send(w, ['taro@example.net']);
    advance(w, 3_000);
    expect(log(w)).toContain('OutboundConnectionCommand SMTPSVC1 WEB01 - 25 EHLO - WEB01 ');
    expect(log(w)).toContain(
      '504+5.5.2+<WEB01>:+Helo+command+rejected:+need+fully-qualified+hostname',
    );
    expect(ndrs(w)[0]).toContain(
      '\r\nStatus: 5.5.2\r\nDiagnostic-Code: smtp;504 5.5.2 <WEB01>: Helo command rejected: need fully-qualified hostname\r\n',
    );
  });
});

describe('smart host with AUTH on port 587 (§9.7)', () => {
  const isp = {
    hosts: {
      RELAY: {
        fqdn: 'smtp.isp.example',
        role: 'receiver',
        ips: ['198.51.100.50'],
        receiver: {
          dialect: 'postfix',
          domains: ['isp.example'],
          ports: [25, 587],
          accounts: [{ user: 'contoso', password: 'S3cret!' }],
          relay: { authenticated: true },
        },
      },
    },
    perimeter: [{ name: 'OP25B', owner: 'isp', from: '203.0.113.5', port: 25, action: 'block' }],
    dns: [...baseWorld.dns, { type: 'A', name: 'smtp.isp.example', value: '198.51.100.50' }],
  };
  const viaRelay = {
    smartHost: 'smtp.isp.example',
    outboundPort: 587,
    'outboundSecurity.auth': 'basic',
    'outboundSecurity.user': 'contoso',
    'outboundSecurity.tls': true,
  };

  it('should time out on port 25 behind OP25B and deliver through the ISP relay on 587 with AUTH LOGIN over TLS', () => {
    const w = mailWorld(isp);
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(events(w)[0]!.message).toContain(
      "'198.51.100.25' failed while delivering to the remote domain 'example.net' for the following reason: The remote server did not respond to a connection attempt.",
    );
    w.send({
      type: 'config.set',
      host: 'WEB01',
      patch: { ...viaRelay, 'outboundSecurity.password': 'S3cret!' },
    });
    advance(w, 15 * MIN);
    const relayLines = log(w)
      .split('\r\n')
      .filter((l) => l.includes('198.51.100.50 OutboundConnectionCommand'))
      .map((l) => l.split(' ').slice(7, 11).join(' '));
    expect(relayLines).toEqual([
      '587 EHLO - web01.contoso.com',
      '587 STARTTLS - -',
      '587 EHLO - web01.contoso.com',
      '587 AUTH - LOGIN',
      expect.stringMatching(/^587 MAIL - FROM:<shop@contoso\.com>\+SIZE=\d+$/),
      '587 RCPT - TO:<taro@example.net>',
      '587 DATA - -',
      '587 QUIT - -',
    ]);
    advance(w, 2_000);
    expect(mailbox(w, 'taro@example.net')).toHaveLength(1);
    expect(invariant(w)).toEqual([]);
  });

  it('should keep the mail queued with "Failed to logon using AUTH." when the password is wrong', () => {
    const w = mailWorld(isp);
    w.send({
      type: 'config.set',
      host: 'WEB01',
      patch: { ...viaRelay, 'outboundSecurity.password': 'wrong' },
    });
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(events(w).map((e) => e.message)).toEqual([
      "Message delivery to the host '198.51.100.50' failed while delivering to the remote domain 'example.net' for the following reason: Failed to logon using AUTH.",
      "Message delivery to the remote domain 'example.net' failed for the following reason: Failed to logon using AUTH.\r\n\r\nData: 0000: c00402e4",
    ]);
    expect(queueOf(w)[0]!.lastError).toBe(
      '535 5.7.8 Error: authentication failed: authentication failure',
    );
  });
});
