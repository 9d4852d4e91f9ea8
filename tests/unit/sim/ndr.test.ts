/** IIS delivery status notifications and Badmail (reference §4.9, §7). */
import { describe, expect, it } from 'vitest';
import { buildDsn, dsnBoundary, statusFromReply } from '../../../src/sim/queue/ndr';
import { badmailReason } from '../../../src/sim/queue/dsn';
import { SeededRandom } from '../../../src/sim/clock/random';
import { advance, invariant, mailWorld, ndrs, queueOf, received, send } from './mailWorld';

describe('DSN format', () => {
  it('should build the boundary from a FILETIME, a counter and the FQDN, as observed (§7.2)', () => {
    // The observed 0x01CE585A42E11DFD is 2013-05-24 08:39:53.2673533 UTC; the virtual clock counts
    // milliseconds, so the same instant gives 0x01CE585A42E11030.
    expect(
      dsnBoundary(
        Date.parse('2013-05-24T08:39:53.267Z'),
        0xca0e30,
        'BAY0-MC1-F47.Bay0.hotmail.com',
      ),
    ).toBe('9B095B5ADSN=_01CE585A42E1103000CA0E30BAY0?MC1?F47.Bay');
  });

  it('should write the failure NDR exactly in the IIS layout (§7.2, §7.3)', () => {
    const now = Date.parse('2024-03-05T14:02:13Z');
    const dsn = buildDsn({
      kind: 'failure',
      fqdn: 'web01.contoso.com',
      postmasterDomain: 'web01.contoso.com',
      originalSender: 'shop@contoso.com',
      originalHelo: 'APP01',
      arrivalDate: Date.parse('2024-03-05T14:02:11Z'),
      now,
      utcOffsetMinutes: -480,
      recipients: [
        {
          address: 'user@example.net',
          status: '5.5.0',
          diagnostic: '550 Requested action not taken: mailbox unavailable',
        },
        {
          address: 'other@example.net',
          status: '5.1.1',
          diagnostic:
            '550 5.1.1 <other@example.net>: Recipient address rejected: User unknown in local recipient table',
        },
      ],
      original:
        'Received: from APP01 ([10.0.0.20]) by web01.contoso.com with Microsoft SMTPSVC(10.0.17763.1697);\r\n\t Tue, 5 Mar 2024 06:02:11 -0800\r\nSubject: x\r\n\r\nbody\r\n',
      rng: new SeededRandom(3),
      counter: 1,
      serviceStart: Date.parse('2024-03-01T00:00:00Z'),
    });
    const boundary = dsnBoundary(Date.parse('2024-03-01T00:00:00Z'), 1, 'web01.contoso.com');
    const id = /^Message-ID: (<[A-Za-z0-9]{10}00000001@web01\.contoso\.com>)$/m.exec(dsn)?.[1];
    expect(id).toBeDefined();
    expect(dsn).toBe(
      [
        'From: postmaster@web01.contoso.com',
        'To: shop@contoso.com',
        'Date: Tue, 5 Mar 2024 06:02:13 -0800',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status;',
        `\tboundary="${boundary}"`,
        'X-DSNContext: 335a7efd - 4480 - 00000001 - 80040546',
        `Message-ID: ${id}`,
        'Subject: Delivery Status Notification (Failure)',
        '',
        'This is a MIME-formatted message.  ',
        'Portions of this message may be unreadable without a MIME-capable mail program.',
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=unicode-1-1-utf-7',
        '',
        'This is an automatically generated Delivery Status Notification.',
        '',
        'Delivery to the following recipients failed.',
        '',
        '       user@example.net',
        '       other@example.net',
        '',
        '',
        '',
        '',
        `--${boundary}`,
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns;web01.contoso.com',
        'Received-From-MTA: dns;APP01',
        'Arrival-Date: Tue, 5 Mar 2024 06:02:11 -0800',
        '',
        'Final-Recipient: rfc822;user@example.net',
        'Action: failed',
        'Status: 5.5.0',
        'Diagnostic-Code: smtp;550 Requested action not taken: mailbox unavailable',
        '',
        'Final-Recipient: rfc822;other@example.net',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp;550 5.1.1 <other@example.net>: Recipient address rejected: User unknown in local recipient table',
        '',
        `--${boundary}`,
        'Content-Type: message/rfc822',
        '',
        'Received: from APP01 ([10.0.0.20]) by web01.contoso.com with Microsoft SMTPSVC(10.0.17763.1697);',
        '\t Tue, 5 Mar 2024 06:02:11 -0800',
        'Subject: x',
        '',
        'body',
        '',
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    );
  });

  it('should take Status from the remote enhanced code, else 5.5.0 (§7.1)', () => {
    expect(statusFromReply('550 5.1.1 <a@b>: User unknown', '5.5.0')).toBe('5.1.1');
    expect(statusFromReply('550-5.7.25 [203.0.113.5] The IP address', '5.5.0')).toBe('5.7.25');
    expect(statusFromReply('550 Requested action not taken: mailbox unavailable', '5.5.0')).toBe(
      '5.5.0',
    );
  });

  it('should write the .BDR reason of §4.9', () => {
    expect(badmailReason('ndrUndeliverable')).toBe(
      'Unable to deliver this message because the following error was encountered: This message is a delivery status notification that cannot be delivered. Specific error code was 0xC00402C7.\r\n',
    );
  });
});

describe('NDR flow', () => {
  it('should NDR a 5xx refusal at once with the remote reply as Diagnostic-Code', () => {
    const w = mailWorld({ hosts: { MX1: { receiver: { mailboxes: ['taro@example.net'] } } } });
    send(w, ['nobody@example.net']);
    advance(w, 3_000);
    expect(queueOf(w)).toEqual([]);
    expect(ndrs(w)).toHaveLength(1);
    expect(ndrs(w)[0]).toContain(
      '\r\nFinal-Recipient: rfc822;nobody@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp;550 5.1.1 <nobody@example.net>: Recipient address rejected: User unknown in local recipient table\r\n',
    );
    // The NDR goes out with the null reverse-path (RFC 5321 §4.5.5).
    expect(w.internals.receivers.get('EXO')!.mailboxes.get('shop@contoso.com')![0]!.from).toBe('');
    expect(invariant(w)).toEqual([]);
  });

  it('should send a copy of every NDR to the "Send copy of Non-Delivery Report to" address', () => {
    const w = mailWorld({
      hosts: { MX1: { receiver: { mailboxes: ['taro@example.net', 'postmaster@example.net'] } } },
    });
    w.send({ type: 'config.set', host: 'WEB01', patch: { ndrCopyTo: 'postmaster@example.net' } });
    send(w, ['nobody@example.net']);
    advance(w, 3_000);
    expect(ndrs(w)).toHaveLength(1);
    const copy = received(w, 'MX1', 'postmaster@example.net');
    expect(copy).toHaveLength(1);
    expect(copy[0]).toContain('\r\nTo: shop@contoso.com\r\n');
    expect(invariant(w)).toEqual([]);
  });

  it('should move an NDR that cannot be delivered to Badmail instead of bouncing it', () => {
    const w = mailWorld({ hosts: { MX1: { receiver: { mailboxes: ['taro@example.net'] } } } });
    send(w, ['nobody@example.net'], { mailFrom: 'ghost@example.net' });
    advance(w, 5_000);
    const files = w.internals.iis.get('WEB01')!.host.fs.list('C:\\inetpub\\mailroot\\Badmail');
    expect(files.map((f) => f.path.slice(-4))).toEqual(['.BAD', '.BDP', '.BDR']);
    expect(files[0]!.content).toMatch(
      /^From: postmaster@web01\.contoso\.com\r\nTo: ghost@example\.net\r\n/,
    );
    expect(files[2]!.content).toBe(badmailReason('ndrUndeliverable'));
    expect(queueOf(w)).toEqual([]);
    expect(invariant(w)).toEqual([]);
  });
});
