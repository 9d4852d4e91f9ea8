/**
 * Message size limits seen from both ends: applications submit with System.Net.Mail semantics (no
 * SIZE=, refused after DATA with the real byte count, the .NET exception text in their log), and
 * IIS does not send a message bigger than the receiver's SIZE (RFC 1870 §6) but says why.
 */
import { describe, expect, it } from 'vitest';
import { advance, events, log, mailWorld, ndrs, queueOf } from './mailWorld';
import { appFailures, submit } from '../../../src/sim/world/traffic';
import { rfc5322Date } from '../../../src/sim/clock/time';
import type { World } from '../../../src/sim/world/world';
import { smtpExceptionText } from '../../../src/sim/smtp/systemNetMail';

/** APP01 submits one message now, as the first of its traffic item (so its size does not depend on test order). */
function send(world: World, rcptTo: string[], opts: { sizeKb: number; subject: string }): void {
  const { ctx } = world.internals;
  const t = {
    at: '0s',
    from: 'APP01',
    to: 'WEB01',
    port: 25,
    mailFrom: 'shop@contoso.com',
    rcptTo,
    ...opts,
  };
  submit(ctx, t, 1, rfc5322Date(ctx.clock.now(), ctx.utcOffsetMinutes));
  ctx.changed();
}

describe('oversize at IIS (System.Net.Mail client)', () => {
  it('should send no SIZE= and be refused after DATA with the bytes it sent', () => {
    const world = mailWorld();
    send(world, ['taro.yamada@example.net'], { sizeKb: 3000, subject: 'Invoice' });
    const lines = log(world).split('\r\n');
    expect(lines.some((l) => l.includes('MAIL - +FROM:<shop@contoso.com> 250'))).toBe(true);
    expect(lines.some((l) => l.includes('SIZE='))).toBe(false);
    const data = lines.find((l) => l.includes(' DATA - - 552 '));
    // 105 = the 354 line and `552 5.3.4 Message size exceeds fixed maximum message size` with CRLFs.
    expect(data?.split(' ').slice(11, 15)).toEqual(['552', '0', '105', '3072171']);
    expect(queueOf(world)).toEqual([]);
    expect(events(world, 'APP01').map((e) => e.message)).toEqual([
      'System.Net.Mail.SmtpException: Exceeded storage allocation. The server response was: 5.3.4 Message size exceeds fixed maximum message size',
    ]);
  });

  it('should deliver the same message once the limit is raised', () => {
    const world = mailWorld();
    expect(
      world.send({ type: 'config.set', host: 'WEB01', patch: { maxMessageKb: 10240 } }).ok,
    ).toBe(true);
    send(world, ['taro.yamada@example.net'], { sizeKb: 3000, subject: 'Invoice' });
    advance(world, 5_000);
    expect(world.snapshot().mailboxes['taro.yamada@example.net']?.map((m) => m.subject)).toEqual([
      'Invoice',
    ]);
  });
});

describe('what an application logs (System.Net.Mail texts)', () => {
  it('should log one SmtpFailedRecipientException per refused recipient', () => {
    expect(
      appFailures([
        {
          rcpt: 'a@example.net',
          code: 550,
          reply: '550 5.7.1 Unable to relay for a@example.net',
          stage: 'RCPT',
        },
        {
          rcpt: 'b@example.net',
          code: 550,
          reply: '550 5.7.1 Unable to relay for b@example.net',
          stage: 'RCPT',
        },
      ]),
    ).toEqual([
      'System.Net.Mail.SmtpFailedRecipientException: Mailbox unavailable. The server response was: 5.7.1 Unable to relay for a@example.net',
      'System.Net.Mail.SmtpFailedRecipientException: Mailbox unavailable. The server response was: 5.7.1 Unable to relay for b@example.net',
    ]);
  });

  it('should log one SmtpException when the whole message failed, and the closed connection as IOException', () => {
    const whole = [
      {
        rcpt: 'a@example.net',
        code: 452,
        reply: '452 4.3.1 Insufficient system resources',
        stage: 'MAIL' as const,
      },
      {
        rcpt: 'b@example.net',
        code: 452,
        reply: '452 4.3.1 Insufficient system resources',
        stage: 'MAIL' as const,
      },
    ];
    expect(appFailures(whole)).toEqual([
      'System.Net.Mail.SmtpException: Insufficient system storage. The server response was: 4.3.1 Insufficient system resources',
    ]);
    expect(appFailures([{ rcpt: 'a@example.net', code: 0, reply: '', stage: 'CONNECT' }])).toEqual([
      'System.Net.Mail.SmtpException: Failure sending mail. ---> System.IO.IOException: Unable to read data from the transport connection: net_io_connectionclosed.',
    ]);
  });

  it('should pick the text by reply code as GetMessageForStatus does', () => {
    expect(smtpExceptionText(553, '553 5.1.3 Bad address', 'en')).toBe(
      'Mailbox name not allowed. The server response was: 5.1.3 Bad address',
    );
    expect(smtpExceptionText(554, '554 5.7.1 Denied', 'en')).toBe(
      'Transaction failed. The server response was: 5.7.1 Denied',
    );
    expect(smtpExceptionText(530, '530 5.7.3 Client was not authenticated', 'en')).toBe(
      'The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.3 Client was not authenticated',
    );
    expect(smtpExceptionText(599, '599 odd', 'en')).toBe(
      'Syntax error, command unrecognized. The server response was: odd',
    );
    expect(smtpExceptionText(552, '552 5.3.4 Too big', 'ja')).toBe(
      'ストレージの割り当てを超えました。 サーバーの応答: 5.3.4 Too big',
    );
  });
});

describe('oversize at the receiver (its EHLO SIZE)', () => {
  it('should not transmit it, return an NDR with 5.3.4 and log 4006 and 4000 with 0xC00402DC', () => {
    const world = mailWorld({
      hosts: {
        WEB01: { iis: { maxMessageKb: 20480, maxSessionKb: 20480 } },
        MX1: { receiver: { maxMessageKb: 1000 } },
      },
    });
    send(world, ['taro.yamada@example.net'], { sizeKb: 1500, subject: 'Catalog' });
    advance(world, 5_000);
    const outbound = log(world)
      .split('\r\n')
      .filter((l) => l.includes('198.51.100.25 OutboundConnection'))
      .map((l) => l.split(' ').slice(8, 11).join(' '));
    expect(outbound).toEqual([
      '- - 220+mx1.example.net+ESMTP+Postfix',
      'EHLO - web01.contoso.com',
      '- - 250-mx1.example.net',
      'QUIT - -',
      '- - 221+2.0.0+Bye',
    ]);
    expect(events(world).map((e) => [e.eventId, e.message])).toEqual([
      [
        4006,
        "Message delivery to the host '198.51.100.25' failed while delivering to the remote domain 'example.net' for the following reason: The Message is too large to deliver.",
      ],
      [
        4000,
        "Message delivery to the remote domain 'example.net' failed for the following reason: The Message is too large to deliver.\r\n\r\nData: 0000: c00402dc",
      ],
    ]);
    const ndr = ndrs(world)[0] ?? '';
    expect(ndr).toContain('Subject: Delivery Status Notification (Failure)');
    expect(ndr).toContain(
      'Final-Recipient: rfc822;taro.yamada@example.net\r\nAction: failed\r\nStatus: 5.3.4\r\n\r\n',
    );
    expect(queueOf(world)).toEqual([]);
  });
});
