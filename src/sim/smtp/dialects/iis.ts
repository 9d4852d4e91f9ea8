import type { Dialect } from '../dialect';

/**
 * Microsoft SMTPSVC (IIS 6.0 SMTP Server, Windows Server 2019 build). Texts from reference §3.2–§3.4;
 * the ones marked unconfirmed there are listed in docs/fidelity.md.
 */
export const iisDialect: Dialect = {
  id: 'iis',
  product: 'Microsoft SMTPSVC',
  queueIdStyle: 'iis',
  receivedHeader:
    'Received: from {helo} ([{clientIp}]) by {fqdn} with Microsoft SMTPSVC({version});\r\n\t {date}',
  ehloKeywords: [
    { text: 'TURN' },
    { text: 'SIZE {maxSize}', when: 'sizeLimited' },
    { text: 'SIZE', when: '!sizeLimited' },
    { text: 'ETRN' },
    { text: 'PIPELINING' },
    { text: 'DSN' },
    { text: 'ENHANCEDSTATUSCODES' },
    { text: '8bitmime' },
    { text: 'BINARYMIME' },
    { text: 'CHUNKING' },
    { text: 'VRFY' },
  ],
  replies: {
    greeting: {
      code: 220,
      lines: ['{fqdn} Microsoft ESMTP MAIL Service, Version: {version} ready at  {date} '],
    },
    ehloHello: { code: 250, lines: ['{fqdn} Hello [{clientIp}]'] },
    ehloLast: { code: 250, lines: ['OK'] },
    heloOk: { code: 250, lines: ['{fqdn} Hello [{clientIp}]'] },
    mailOk: { code: 250, lines: ['2.1.0 {address}....Sender OK'] },
    rcptOk: { code: 250, lines: ['2.1.5 {address} '] },
    relayDenied: { code: 550, lines: ['5.7.1 Unable to relay for {address}'] },
    unknownUser: { code: 550, lines: ['5.1.1 User unknown'] },
    dataGo: { code: 354, lines: ['Start mail input; end with <CRLF>.<CRLF>'] },
    queued: { code: 250, lines: ['2.6.0 {queueId} Queued mail for delivery'] },
    quit: { code: 221, lines: ['2.0.0 {fqdn} Service closing transmission channel'] },
    noop: { code: 250, lines: ['2.0.0 OK'] },
    rset: { code: 250, lines: ['2.0.0 Resetting'] },
    vrfy: { code: 252, lines: ['2.1.5 Cannot VRFY user, but will take message for <{address}>'] },
    help: {
      code: 214,
      lines: [
        'This server supports the following commands:',
        'HELO EHLO STARTTLS RCPT DATA RSET MAIL QUIT HELP AUTH TURN ETRN BDAT VRFY',
      ],
    },
    unknownCommand: { code: 500, lines: ['5.3.3 Unrecognized command'] },
    lineTooLong: { code: 500, lines: ['5.5.2 Line too long'] },
    needHelo: { code: 503, lines: ['5.5.2 Send hello first'] },
    needMail: { code: 503, lines: ['5.5.2 Need mail command'] },
    needRcpt: { code: 503, lines: ['5.5.2 Need rcpt command'] },
    senderAlreadySpecified: { code: 503, lines: ['5.5.2 Sender already specified'] },
    invalidAddress: { code: 501, lines: ['5.5.4 Invalid Address'] },
    invalidDomain: { code: 501, lines: ['5.5.4 Invalid domain name'] },
    argumentMissing: { code: 501, lines: ['5.5.4 Invalid arguments'] },
    noArgumentsAllowed: { code: 501, lines: ['5.5.4 Invalid arguments'] },
    tooBigAtMail: { code: 552, lines: ['5.3.4 Message size exceeds fixed maximum message size'] },
    tooBig: { code: 552, lines: ['5.3.4 Message size exceeds fixed maximum message size'] },
    tooManyRecipients: { code: 452, lines: ['4.5.3 Too many recipients'] },
    idleTimeout: { code: 421, lines: ['4.4.2 {fqdn} Connection timed out'] },
  },
};
