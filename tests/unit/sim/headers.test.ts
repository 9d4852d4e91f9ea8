/** What IIS writes into accepted messages (reference §3.7), checked on sessions and on stampHeaders. */
import { describe, expect, it } from 'vitest';
import { originalArrivalTime, stampHeaders } from '../../../src/sim/smtp/headers';
import { iisDialect } from '../../../src/sim/smtp/dialects/iis';
import { postfixDialect } from '../../../src/sim/smtp/dialects/postfix';
import type { AcceptedMessage } from '../../../src/sim/smtp/sessionMachine';
import { runTranscript, type TranscriptCase } from './transcriptHarness';

const stamp = (data: string, extra: Partial<Parameters<typeof stampHeaders>[0]> = {}) =>
  stampHeaders({
    dialect: iisDialect,
    data,
    helo: 'APP01',
    clientIp: '10.0.0.20',
    fqdn: 'web01.contoso.com',
    version: '10.0.17763.1697',
    queueId: '<WEB01Ab3xQ7LmN2pR00000001@web01.contoso.com>',
    now: Date.UTC(2026, 2, 5, 0, 30, 0, 430),
    utcOffsetMinutes: 540,
    secured: false,
    rdnsFailed: false,
    ...extra,
  });

/** The message a whole session accepted. */
function accepted(c: Omit<TranscriptCase, 'name'>): AcceptedMessage {
  const run = runTranscript({ name: 'message', ...c });
  const m = run.events.find((e) => e.type === 'message');
  if (!m || m.type !== 'message') throw new Error(`no message accepted: ${run.actual.join(' | ')}`);
  return m.message;
}

const SEND = `C: MAIL FROM:<alerts@contoso.com>
C: RCPT TO:<user@example.net>
C: DATA
C: Subject: test
C:
C: ..hello
C: .
`;

describe('X-OriginalArrivalTime', () => {
  it('should reproduce the observed header (17:18:06.430 UTC = FILETIME 01D6BB73:486637E0)', () => {
    expect(originalArrivalTime(Date.UTC(2020, 10, 15, 17, 18, 6, 430))).toBe(
      'X-OriginalArrivalTime: 15 Nov 2020 17:18:06.0430 (UTC) FILETIME=[486637E0:01D6BB73]',
    );
  });

  it('should pad the milliseconds to four digits', () => {
    expect(originalArrivalTime(Date.UTC(2026, 2, 5, 0, 30, 0, 7))).toMatch(
      /^X-OriginalArrivalTime: 5 Mar 2026 00:30:00\.0007 \(UTC\) FILETIME=\[[0-9A-F]{8}:[0-9A-F]{8}\]$/,
    );
  });
});

describe('headers IIS adds', () => {
  it('should prepend Received: and append Message-ID and X-OriginalArrivalTime to the header block', () => {
    expect(stamp('Subject: test\r\n\r\nhello\r\n')).toBe(
      'Received: from APP01 ([10.0.0.20]) by web01.contoso.com with Microsoft SMTPSVC(10.0.17763.1697);\r\n' +
        '\t Thu, 5 Mar 2026 09:30:00 +0900\r\n' +
        'Subject: test\r\n' +
        'Message-ID: <WEB01Ab3xQ7LmN2pR00000001@web01.contoso.com>\r\n' +
        'X-OriginalArrivalTime: 5 Mar 2026 00:30:00.0430 (UTC) FILETIME=[33AB10E0:01DCAC37]\r\n' +
        '\r\nhello\r\n',
    );
  });

  it('should keep a Message-ID the client sent', () => {
    const out = stamp('Message-ID: <abc@app01>\r\nSubject: x\r\n\r\nbody\r\n');
    expect(out.match(/^Message-ID:/gim)).toHaveLength(1);
    expect(out).toContain('Message-ID: <abc@app01>\r\nSubject: x\r\nX-OriginalArrivalTime:');
  });

  it('should say "over TLS secured channel" for a message received after STARTTLS', () => {
    expect(stamp('Subject: x\r\n\r\nbody\r\n', { secured: true })).toMatch(
      /^Received: from APP01 \(\[10\.0\.0\.20\]\) by web01\.contoso\.com over TLS secured channel with Microsoft SMTPSVC\(10\.0\.17763\.1697\);\r\n\t Thu/,
    );
  });

  it('should mark a failed reverse-DNS check after the client IP', () => {
    expect(stamp('Subject: x\r\n\r\nbody\r\n', { rdnsFailed: true })).toMatch(
      /^Received: from APP01 \(\[10\.0\.0\.20\] RDNS failed\) by web01\.contoso\.com with/,
    );
  });

  it('should close the header block of a message without a blank line', () => {
    const out = stamp('hello\r\n');
    expect(out).toMatch(
      /\r\nhello\r\nMessage-ID: <WEB01Ab3xQ7LmN2pR00000001@web01\.contoso\.com>\r\nX-OriginalArrivalTime: [^\r\n]+\r\n$/,
    );
  });

  it('should add its headers before the blank line of a message without headers', () => {
    expect(stamp('\r\nbody only\r\n')).toMatch(
      /X-OriginalArrivalTime: [^\r\n]+\r\n\r\nbody only\r\n$/,
    );
  });

  it('should only prepend Received: for a Postfix receiver, with ESMTPS over TLS', () => {
    const plain = stamp('Subject: x\r\n\r\nb\r\n', {
      dialect: postfixDialect,
      fqdn: 'mx1.example.net',
      queueId: '4F2A81C0A2',
    });
    expect(plain).toBe(
      'Received: from APP01 ([10.0.0.20])\r\n\tby mx1.example.net (Postfix) with ESMTP id 4F2A81C0A2;\r\n\tThu, 5 Mar 2026 09:30:00 +0900\r\nSubject: x\r\n\r\nb\r\n',
    );
    const tls = stamp('Subject: x\r\n\r\nb\r\n', {
      dialect: postfixDialect,
      fqdn: 'mx1.example.net',
      queueId: '4F2A81C0A2',
      secured: true,
    });
    expect(tls).toContain(
      '(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n\tby mx1.example.net (Postfix) with ESMTPS id 4F2A81C0A2;',
    );
  });
});

describe('messages accepted by a session', () => {
  it('should store the unstuffed text with the IIS headers and the envelope', () => {
    const m = accepted({ exchange: `C: HELO APP01\n${SEND}` });
    expect(m.from).toBe('alerts@contoso.com');
    expect(m.to).toEqual(['user@example.net']);
    expect(m.data).toBe(
      'Received: from APP01 ([10.0.0.20]) by web01.contoso.com with Microsoft SMTPSVC(10.0.17763.1697);\r\n' +
        '\t Thu, 5 Mar 2026 09:30:00 +0900\r\n' +
        'Subject: test\r\n' +
        'Message-ID: <WEB01Ab3xQ7LmN2pR00000001@web01.contoso.com>\r\n' +
        'X-OriginalArrivalTime: 5 Mar 2026 00:30:00.0000 (UTC) FILETIME=[33697400:01DCAC37]\r\n' +
        '\r\n.hello\r\n',
    );
    expect(m.size).toBe(m.data.length);
    expect(m.secured).toBe(false);
    expect(m.authUser).toBeNull();
  });

  it('should record the TLS channel and the authenticated account', () => {
    const m = accepted({
      config: { tls: { certificate: true }, auth: { basic: true } },
      exchange: `C: EHLO APP01\nC: STARTTLS\nC: EHLO APP01\nC: AUTH LOGIN YWxpY2U=\nC: UGFzc3cwcmQh\n${SEND}`,
    });
    expect(m.secured).toBe(true);
    expect(m.authUser).toBe('WEB01\\alice');
    expect(m.data.split('\r\n')[0]).toBe(
      'Received: from APP01 ([10.0.0.20]) by web01.contoso.com over TLS secured channel with Microsoft SMTPSVC(10.0.17763.1697);',
    );
  });

  it('should mark RDNS failed when the PTR name does not match the HELO name', () => {
    const m = accepted({
      clientName: 'app01.contoso.com',
      config: { reverseDnsLookup: true },
      exchange: `C: HELO APP02\n${SEND}`,
    });
    expect(m.data.split('\r\n')[0]).toBe(
      'Received: from APP02 ([10.0.0.20] RDNS failed) by web01.contoso.com with Microsoft SMTPSVC(10.0.17763.1697);',
    );
  });

  it('should leave Received: intact when the PTR name matches the HELO name', () => {
    const m = accepted({
      clientName: 'app01.contoso.com',
      config: { reverseDnsLookup: true },
      exchange: `C: HELO APP01.contoso.com\n${SEND}`,
    });
    expect(m.data.split('\r\n')[0]).toBe(
      'Received: from APP01.contoso.com ([10.0.0.20]) by web01.contoso.com with Microsoft SMTPSVC(10.0.17763.1697);',
    );
  });

  it('should not check reverse DNS when the option is off', () => {
    const m = accepted({ exchange: `C: HELO APP02\n${SEND}` });
    expect(m.data.split('\r\n')[0]).not.toContain('RDNS');
  });

  it('should keep BDAT chunks byte for byte, dots included', () => {
    const m = accepted({
      exchange:
        'C: EHLO APP01\nC: MAIL FROM:<a@contoso.com>\nC: RCPT TO:<b@example.net>\nC: BDAT 5\nC: ..x\nC: BDAT 8 LAST\nC:\nC: body\nC: QUIT\n',
    });
    expect(m.data.split('\r\n').slice(2)).toEqual([
      '..x',
      'Message-ID: <WEB01Ab3xQ7LmN2pR00000001@web01.contoso.com>',
      'X-OriginalArrivalTime: 5 Mar 2026 00:30:00.0000 (UTC) FILETIME=[33697400:01DCAC37]',
      '',
      'body',
      '',
    ]);
  });
});
