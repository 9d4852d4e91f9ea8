import type { Dialect } from '../dialect';
import { postfixDialect } from './postfix';

/**
 * A Gmail-like receiver (gmail-smtp-in.l.google.com): the banner always says `mx.google.com`,
 * replies end with the connection's tag and `- gsmtp`, and long texts are wrapped over several
 * lines that each repeat the code (reference §5.8, §9). `{version}` carries that per-connection
 * tag (world/receiver.ts sets it; receivers have no software version to show). Replies Gmail is
 * not known to send fall back to the Postfix texts (docs/fidelity.md).
 */
export const gmailDialect: Dialect = {
  id: 'gmail',
  product: 'Gmail',
  queueIdStyle: 'gmail',
  receivedHeader:
    'Received: from {helo} ({helo} [{clientIp}])\r\n        by mx.google.com with ESMTP id {version};\r\n        {date}',
  receivedHeaderTls:
    'Received: from {helo} ({helo} [{clientIp}])\r\n        by mx.google.com with ESMTPS id {version}\r\n        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);\r\n        {date}',
  connectionDenial: 'reply',
  ehloKeywords: [
    { text: 'SIZE {maxSize}', when: 'sizeLimited' },
    { text: '8BITMIME' },
    { text: 'STARTTLS', when: 'startTls' },
    { text: 'ENHANCEDSTATUSCODES' },
    { text: 'PIPELINING' },
    { text: 'CHUNKING' },
  ],
  replies: {
    ...postfixDialect.replies,
    greeting: { code: 220, lines: ['mx.google.com ESMTP {version} - gsmtp'] },
    ehloHello: { code: 250, lines: ['mx.google.com at your service, [{clientIp}]'] },
    ehloLast: { code: 250, lines: ['SMTPUTF8'] },
    heloOk: { code: 250, lines: ['mx.google.com at your service'] },
    mailOk: { code: 250, lines: ['2.1.0 OK {version} - gsmtp'] },
    rcptOk: { code: 250, lines: ['2.1.5 OK {version} - gsmtp'] },
    relayDenied: { code: 550, lines: ['5.7.1 Relaying denied. {version} - gsmtp'] },
    // §9.6, wrapped as Gmail sends it.
    unknownUser: {
      code: 550,
      lines: [
        '5.1.1 The email account that you tried to reach does not exist. Please try',
        "5.1.1 double-checking the recipient's email address for typos or",
        '5.1.1 unnecessary spaces. For more information, go to',
        '5.1.1  https://support.google.com/mail/?p=NoSuchUser {version} - gsmtp',
      ],
    },
    dataGo: { code: 354, lines: ['Go ahead {version} - gsmtp'] },
    queued: { code: 250, lines: ['2.0.0 OK  {queueId} {version} - gsmtp'] },
    quit: { code: 221, lines: ['2.0.0 closing connection {version} - gsmtp'] },
    noop: { code: 250, lines: ['2.0.0 OK {version} - gsmtp'] },
    rset: { code: 250, lines: ['2.1.0 Flushed {version} - gsmtp'] },
    vrfy: { code: 252, lines: ["2.1.5 Send some mail, I'll try my best {version} - gsmtp"] },
    help: {
      code: 214,
      lines: ['2.0.0  https://www.google.com/search?btnI&q=RFC+5321 {version} - gsmtp'],
    },
    unknownCommand: {
      code: 502,
      lines: [
        '5.5.1 Unrecognized command. For more information, go to',
        '5.5.1  https://support.google.com/a/answer/3221692 {version} - gsmtp',
      ],
    },
    needHelo: { code: 503, lines: ['5.5.1 EHLO/HELO first. {version} - gsmtp'] },
    needMail: { code: 503, lines: ['5.5.1 MAIL first. {version} - gsmtp'] },
    needRcpt: { code: 503, lines: ['5.5.1 RCPT first. {version} - gsmtp'] },
    senderAlreadySpecified: { code: 503, lines: ['5.5.1 Nested MAIL command. {version} - gsmtp'] },
    invalidAddress: {
      code: 555,
      lines: [
        '5.5.2 Syntax error. For more information, go to',
        '5.5.2  https://support.google.com/a/answer/3221692 {version} - gsmtp',
      ],
    },
    invalidDomain: {
      code: 501,
      lines: ['5.5.4 HELO/EHLO argument invalid, closing connection. {version} - gsmtp'],
    },
    argumentMissing: {
      code: 501,
      lines: ['5.5.4 Empty HELO/EHLO argument not allowed, closing connection. {version} - gsmtp'],
    },
    tooBigAtMail: {
      code: 552,
      lines: [
        "5.2.3 Your message exceeded Google's message size limits. For more",
        '5.2.3 information, go to',
        '5.2.3  https://support.google.com/mail/?p=MaxSizeError {version} - gsmtp',
      ],
    },
    tooBig: {
      code: 552,
      lines: [
        "5.2.3 Your message exceeded Google's message size limits. For more",
        '5.2.3 information, go to',
        '5.2.3  https://support.google.com/mail/?p=MaxSizeError {version} - gsmtp',
      ],
    },
    tooManyRecipients: {
      code: 452,
      lines: [
        '4.5.3 Your message has too many recipients. For more information regarding',
        "4.5.3 Google's sending limits, go to",
        '4.5.3  https://support.google.com/mail/?p=TooManyRecipientsError {version} - gsmtp',
      ],
    },
    idleTimeout: { code: 421, lines: ['4.4.2 Timeout - closing connection. {version} - gsmtp'] },
    startTlsReady: { code: 220, lines: ['2.0.0 Ready to start TLS'] },
    tlsRequired: {
      code: 530,
      lines: ['5.7.0 Must issue a STARTTLS command first. {version} - gsmtp'],
    },
    serviceUnavailable: {
      code: 421,
      lines: ['4.3.0 Temporary System Problem.  Try again later. {version} - gsmtp'],
    },
  },
};
