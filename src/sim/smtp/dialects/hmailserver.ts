import type { Dialect } from '../dialect';
import { postfixDialect } from './postfix';

/**
 * hMailServer, a free Windows mail server: a program an administrator may find still installed
 * (and listening on port 25) on an IIS host, as in the `port-in-use` fault. Its replies carry no
 * enhanced status codes. Texts are hMailServer 5.6's as seen in its logs (banner `ESMTP`, relay
 * refused with `550 Delivery is not allowed to this address.`); the rarer ones fall back to
 * Postfix's (docs/fidelity.md).
 */
export const hmailserverDialect: Dialect = {
  id: 'hmailserver',
  product: 'hMailServer',
  queueIdStyle: 'postfix',
  receivedHeader:
    'Received: from {helo} ([{clientIp}])\r\n\tby {fqdn}\r\n\twith hMailServer ; {date}',
  receivedHeaderTls:
    'Received: from {helo} ([{clientIp}])\r\n\tby {fqdn}\r\n\twith hMailServer ; {date}',
  connectionDenial: 'reply',
  ehloKeywords: [{ text: 'SIZE {maxSize}', when: 'sizeLimited' }, { text: 'AUTH LOGIN PLAIN' }],
  replies: {
    ...postfixDialect.replies,
    greeting: { code: 220, lines: ['{fqdn} ESMTP'] },
    ehloHello: { code: 250, lines: ['{fqdn}'] },
    ehloLast: { code: 250, lines: ['HELP'] },
    heloOk: { code: 250, lines: ['Hello.'] },
    mailOk: { code: 250, lines: ['OK'] },
    rcptOk: { code: 250, lines: ['OK'] },
    relayDenied: { code: 550, lines: ['Delivery is not allowed to this address.'] },
    unknownUser: { code: 550, lines: ['Unknown user'] },
    dataGo: { code: 354, lines: ['OK, send.'] },
    queued: { code: 250, lines: ['Queued (0.031 seconds)'] },
    quit: { code: 221, lines: ['goodbye'] },
    noop: { code: 250, lines: ['OK'] },
    rset: { code: 250, lines: ['OK'] },
    unknownCommand: { code: 502, lines: ['Unimplemented command.'] },
    needHelo: { code: 503, lines: ['Bad sequence of commands'] },
    needMail: { code: 503, lines: ['Must have sender first.'] },
    needRcpt: { code: 503, lines: ['Must have recipient first.'] },
    tooBigAtMail: { code: 552, lines: ['Message size exceeds fixed maximum message size.'] },
    tooBig: { code: 552, lines: ['Message size exceeds fixed maximum message size.'] },
  },
};
