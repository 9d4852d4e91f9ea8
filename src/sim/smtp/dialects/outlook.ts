import type { Dialect } from '../dialect';
import { postfixDialect } from './postfix';

/**
 * A Microsoft 365 / Outlook.com-like receiver (Exchange Online Protection): the Exchange 2007+
 * banner without a version (reference §3.2), Exchange reply texts, and the 5.1.10 / 5.7.23
 * refusals of §9.2 and §9.6. Replies it is not known to send fall back to the Postfix texts.
 */
export const outlookDialect: Dialect = {
  id: 'outlook',
  product: 'Microsoft 365',
  queueIdStyle: 'outlook',
  receivedHeader:
    'Received: from {helo} ({clientIp}) by\r\n {fqdn} (10.47.26.1) with Microsoft SMTP Server id 15.20.7452.0\r\n via Frontend Transport; {date}',
  receivedHeaderTls:
    'Received: from {helo} ({clientIp}) by\r\n {fqdn} (10.47.26.1) with Microsoft SMTP Server (version=TLS1_2,\r\n cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7452.0 via Frontend Transport; {date}',
  connectionDenial: 'reply',
  ehloKeywords: [
    { text: 'SIZE {maxSize}', when: 'sizeLimited' },
    { text: 'PIPELINING' },
    { text: 'DSN' },
    { text: 'ENHANCEDSTATUSCODES' },
    { text: 'STARTTLS', when: 'startTls' },
    { text: '8BITMIME' },
    { text: 'BINARYMIME' },
    { text: 'CHUNKING' },
  ],
  replies: {
    ...postfixDialect.replies,
    greeting: { code: 220, lines: ['{fqdn} Microsoft ESMTP MAIL Service ready at {date}'] },
    ehloHello: { code: 250, lines: ['{fqdn} Hello [{clientIp}]'] },
    ehloLast: { code: 250, lines: ['SMTPUTF8'] },
    heloOk: { code: 250, lines: ['{fqdn} Hello [{clientIp}]'] },
    mailOk: { code: 250, lines: ['2.1.0 Sender OK'] },
    rcptOk: { code: 250, lines: ['2.1.5 Recipient OK'] },
    relayDenied: { code: 550, lines: ['5.7.1 Unable to relay'] },
    unknownUser: {
      code: 550,
      lines: ['5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'],
    },
    dataGo: { code: 354, lines: ['Start mail input; end with <CRLF>.<CRLF>'] },
    queued: {
      code: 250,
      lines: [
        '2.6.0 {queueId} [InternalId=1099511627776, Hostname={fqdn}] Queued mail for delivery',
      ],
    },
    quit: { code: 221, lines: ['2.0.0 Service closing transmission channel'] },
    noop: { code: 250, lines: ['2.0.0 OK'] },
    rset: { code: 250, lines: ['2.0.0 Resetting'] },
    vrfy: { code: 252, lines: ['2.1.5 Cannot VRFY user, but will take message for <{address}>'] },
    help: {
      code: 214,
      lines: [
        'This server supports the following commands:',
        'HELO EHLO STARTTLS RCPT DATA RSET MAIL QUIT HELP AUTH BDAT',
      ],
    },
    unknownCommand: { code: 500, lines: ['5.3.3 Unrecognized command'] },
    needHelo: { code: 503, lines: ['5.5.2 Send hello first'] },
    needMail: { code: 503, lines: ['5.5.2 Need mail command'] },
    needRcpt: { code: 503, lines: ['5.5.2 Need rcpt command'] },
    senderAlreadySpecified: { code: 503, lines: ['5.5.2 Sender already specified'] },
    invalidAddress: { code: 501, lines: ['5.1.7 Invalid address'] },
    invalidDomain: { code: 501, lines: ['5.5.4 Invalid domain name'] },
    argumentMissing: { code: 501, lines: ['5.5.4 Invalid arguments'] },
    tooBigAtMail: { code: 552, lines: ['5.3.4 Message size exceeds fixed maximum message size'] },
    tooBig: { code: 552, lines: ['5.3.4 Message size exceeds fixed maximum message size'] },
    tooManyRecipients: { code: 452, lines: ['4.5.3 Too many recipients'] },
    idleTimeout: {
      code: 421,
      lines: ['4.4.1 Connection timed out. Total session duration: 00:10:00'],
    },
    startTlsReady: { code: 220, lines: ['2.0.0 SMTP server ready'] },
    tlsRequired: { code: 451, lines: ['5.7.3 STARTTLS is required to send mail'] },
    serviceUnavailable: { code: 421, lines: ['4.3.2 Service not available'] },
  },
};
