import type { Dialect } from '../dialect';

/**
 * Microsoft SMTPSVC (IIS 6.0 SMTP Server, Windows Server 2019 build). Texts from reference §3.2–§3.4;
 * the ones marked unconfirmed there are listed in docs/fidelity.md.
 */
export const iisDialect: Dialect = {
  id: 'iis',
  product: 'Microsoft SMTPSVC',
  queueIdStyle: 'iis',
  // `{rdns}` is ` RDNS failed` when the reverse-DNS check is on and fails (§3.7).
  receivedHeader:
    'Received: from {helo} ([{clientIp}]{rdns}) by {fqdn} with Microsoft SMTPSVC({version});\r\n\t {date}',
  receivedHeaderTls:
    'Received: from {helo} ([{clientIp}]{rdns}) by {fqdn} over TLS secured channel with Microsoft SMTPSVC({version});\r\n\t {date}',
  // Reference §3.4 leaves open whether a denied client sees a 5xx; we close silently (docs/fidelity.md).
  connectionDenial: 'close',
  ehloKeywords: [
    // AUTH lines directly after the hello line, as in [MS-SMTPNTLM]'s example (§3.3).
    { text: 'AUTH {authMechs}', when: 'auth' },
    { text: 'AUTH=LOGIN', when: 'authLogin' },
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
    // Position of STARTTLS as in Exchange 2003 (same engine), without its extra `TLS` line.
    { text: 'STARTTLS', when: 'startTls' },
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
    // EXPN is not in IIS's HELP list; TURN is advertised but role reversal is not simulated.
    expn: { code: 502, lines: ['5.3.3 Command not implemented'] },
    etrnStarted: { code: 250, lines: ['2.0.0 Queuing for node {domain} started'] },
    etrnSyntax: { code: 501, lines: ['5.5.4 Invalid arguments'] },
    turn: { code: 502, lines: ['5.3.3 Command not implemented'] },
    transactionInProgress: { code: 503, lines: ['5.5.1 Bad sequence of commands'] },
    bdatChunkOk: { code: 250, lines: ['2.6.0 CHUNK received OK, {octets} octets'] },
    bdatSyntax: { code: 501, lines: ['5.5.4 Invalid arguments'] },
    bdatInProgress: { code: 503, lines: ['5.5.1 Bad sequence of commands'] },
    startTlsReady: { code: 220, lines: ['2.0.0 SMTP server ready'] },
    startTlsUnavailable: { code: 554, lines: ['5.7.3 Unable to initialize security subsystem'] },
    startTlsAlreadyActive: {
      code: 503,
      lines: ['5.5.2 Only one STARTTLS command can be issued per session'],
    },
    tlsRequired: { code: 530, lines: ['5.7.0 Must issue a STARTTLS command first'] },
    authRequired: { code: 530, lines: ['5.7.3 Client was not authenticated'] },
    authUsername: { code: 334, lines: ['VXNlcm5hbWU6'] },
    authPassword: { code: 334, lines: ['UGFzc3dvcmQ6'] },
    authChallenge: { code: 334, lines: ['{challenge}'] },
    ntlmSupported: { code: 334, lines: ['ntlm supported'] },
    authOk: { code: 235, lines: ['2.7.0 Authentication successful.'] },
    authFailed: { code: 535, lines: ['5.7.3 Authentication unsuccessful'] },
    authCancelled: { code: 501, lines: ['5.5.4 Authentication cancelled'] },
    authAlready: { code: 503, lines: ['5.5.2 Auth command already specified'] },
    authUnknownMechanism: { code: 504, lines: ['5.7.4 Unrecognized authentication type'] },
    authBadEncoding: { code: 501, lines: ['5.5.4 Invalid arguments'] },
    authLineTooLong: { code: 500, lines: ['5.5.6 Authentication Exchange line is too long'] },
    authNeedsTls: {
      code: 538,
      lines: ['5.7.11 Encryption required for requested authentication mechanism'],
    },
    serviceUnavailable: {
      code: 421,
      lines: ['4.3.2 Service not available, closing transmission channel'],
    },
    tooManyConnections: {
      code: 421,
      lines: [
        '4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel',
      ],
    },
    connectionDenied: { code: 554, lines: ['5.7.1 Access denied'] },
    sessionTooBig: { code: 421, lines: ['4.4.2 Message size limit for this connection reached'] },
  },
};
