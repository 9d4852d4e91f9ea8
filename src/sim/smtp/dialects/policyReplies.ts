/**
 * Receiver policy as data: at which stage each receiver runs each check, and what it answers
 * (reference §9.1–§9.8). `{id}` is the per-connection tag Gmail prints, `{zone}` a DNSBL zone,
 * `{zoneReason}` its TXT reason (with a leading `; `). Long Gmail texts are wrapped over several
 * lines the way Gmail wraps them (each line repeats the enhanced code). Texts the reference
 * marks unconfirmed or does not give are listed in docs/fidelity.md.
 */
import type { ReplyTemplate } from '../dialect';

export type PolicyStage = 'helo' | 'mail' | 'rcpt' | 'data';
export type PolicyCheck =
  'heloNotFqdn' | 'tlsRequired' | 'rateLimited' | 'noPtr' | 'dnsbl' | 'spfFail' | 'greylisted';

type PolicyReply = ReplyTemplate & { close?: boolean };

/**
 * Postfix applies client, HELO and sender restrictions at RCPT (smtpd_delay_reject = yes);
 * anvil's message rate limit and TLS enforcement answer at MAIL. Gmail and Microsoft 365 judge
 * authentication (SPF) after DATA, when they can see the message (§9.2).
 */
export const POLICY_STAGES: Record<string, Record<PolicyCheck, PolicyStage>> = {
  postfix: {
    heloNotFqdn: 'rcpt',
    tlsRequired: 'mail',
    rateLimited: 'mail',
    noPtr: 'rcpt',
    dnsbl: 'rcpt',
    spfFail: 'rcpt',
    greylisted: 'rcpt',
  },
  gmail: {
    heloNotFqdn: 'helo',
    tlsRequired: 'mail',
    rateLimited: 'mail',
    noPtr: 'rcpt',
    dnsbl: 'rcpt',
    spfFail: 'data',
    greylisted: 'rcpt',
  },
  outlook: {
    heloNotFqdn: 'helo',
    tlsRequired: 'mail',
    rateLimited: 'mail',
    noPtr: 'rcpt',
    dnsbl: 'rcpt',
    spfFail: 'data',
    greylisted: 'rcpt',
  },
  iis: {
    heloNotFqdn: 'helo',
    tlsRequired: 'mail',
    rateLimited: 'mail',
    noPtr: 'rcpt',
    dnsbl: 'rcpt',
    spfFail: 'rcpt',
    greylisted: 'rcpt',
  },
};

const GREYLIST_GENERIC: PolicyReply = { code: 451, lines: ['4.7.1 Please try again later'] };

export const POLICY_REPLIES: Record<string, Record<PolicyCheck, PolicyReply>> = {
  postfix: {
    heloNotFqdn: {
      code: 504,
      lines: ['5.5.2 <{helo}>: Helo command rejected: need fully-qualified hostname'],
    },
    tlsRequired: { code: 530, lines: ['5.7.0 Must issue a STARTTLS command first'] },
    // smtpd anvil: smtpd_client_message_rate_limit.
    rateLimited: { code: 450, lines: ['4.7.1 Error: too much mail from {clientIp}'] },
    // reject_unknown_client_hostname, newer Postfix (§9.1).
    noPtr: {
      code: 450,
      lines: ['4.7.25 Client host rejected: cannot find your hostname, [{clientIp}]'],
    },
    dnsbl: {
      code: 554,
      lines: [
        '5.7.1 Service unavailable; Client host [{clientIp}] blocked using {zone}{zoneReason}',
      ],
    },
    // postfix-policyd-spf-python.
    spfFail: {
      code: 550,
      lines: [
        '5.7.23 <{address}>: Recipient address rejected: Message rejected due to: SPF fail - not authorized. Please see http://www.open-spf.org/Why;id={senderEnc};ip={clientIp};r=<UNKNOWN>',
      ],
    },
    // postgrey (§9.4).
    greylisted: {
      code: 450,
      lines: [
        '4.7.1 <{address}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/{rcptDomain}.html',
      ],
    },
  },
  gmail: {
    heloNotFqdn: {
      code: 501,
      lines: [
        '5.5.4 HELO/EHLO argument "{helo}" invalid, closing connection.',
        '5.5.4  https://support.google.com/mail/?p=helo {id} - gsmtp',
      ],
      close: true,
    },
    tlsRequired: { code: 530, lines: ['5.7.0 Must issue a STARTTLS command first. {id} - gsmtp'] },
    rateLimited: {
      code: 421,
      lines: [
        '4.7.28 [{clientIp}      15] Our system has detected an unusual rate of',
        '4.7.28 unsolicited mail originating from your IP address. To protect our',
        '4.7.28 users from spam, mail sent from your IP address has been temporarily',
        '4.7.28 rate limited. For more information, go to',
        '4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to',
        '4.7.28 review our Bulk Email Senders Guidelines. {id} - gsmtp',
      ],
      close: true,
    },
    // 2025 wording (§9.1), wrapped as Gmail wraps it.
    noPtr: {
      code: 550,
      lines: [
        '5.7.25 [{clientIp}] The IP address sending this message does not have a',
        '5.7.25 PTR record setup, or the corresponding forward DNS entry does not',
        '5.7.25 match the sending IP. As a policy, Gmail does not accept messages',
        '5.7.25 from IPs with missing PTR records. For more information, go to',
        '5.7.25  https://support.google.com/a?p=sender-guidelines-ip To learn',
        '5.7.25 more about Gmail requirements for bulk senders, visit',
        '5.7.25  https://support.google.com/a?p=sender-guidelines {id} - gsmtp',
      ],
    },
    // Gmail's own reputation verdict (§9.3); Gmail does not quote public blocklists.
    dnsbl: {
      code: 550,
      lines: [
        '5.7.1 [{clientIp}] Gmail has detected that this message is likely',
        '5.7.1 suspicious due to the very low reputation of the sending IP address.',
        '5.7.1 To best protect our users from spam, the message has been blocked.',
        '5.7.1 For more information, go to',
        '5.7.1  https://support.google.com/mail/answer/188131 {id} - gsmtp',
      ],
    },
    spfFail: {
      code: 550,
      lines: [
        '5.7.26 This message fails to pass SPF checks for an SPF record with a hard',
        '5.7.26 fail policy (-all). To best protect our users from spam and phishing,',
        '5.7.26 the message has been blocked. For more information, go to',
        '5.7.26  https://support.google.com/mail/answer/81126#authentication {id} - gsmtp',
      ],
    },
    greylisted: GREYLIST_GENERIC,
  },
  outlook: {
    heloNotFqdn: { code: 501, lines: ['5.5.4 Invalid domain name'] },
    tlsRequired: { code: 451, lines: ['5.7.3 STARTTLS is required to send mail'] },
    rateLimited: {
      code: 451,
      lines: [
        '4.7.650 The mail server [{clientIp}] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775) [{fqdn}]',
      ],
    },
    // For IPv4 senders without PTR the usual symptom is the S3150 block (§9.1).
    noPtr: {
      code: 550,
      lines: [
        "5.7.1 Unfortunately, messages from [{clientIp}] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [{fqdn}]",
      ],
    },
    dnsbl: {
      code: 550,
      lines: [
        '5.7.1 Service unavailable, Client host [{clientIp}] blocked using {zoneName}. To request removal from this list see https://www.spamhaus.org/query/ip/{clientIp} (AS3130). [{fqdn}]',
      ],
    },
    spfFail: {
      code: 550,
      lines: ['5.7.23 The message was rejected because of Sender Policy Framework violation'],
    },
    greylisted: GREYLIST_GENERIC,
  },
  iis: {
    heloNotFqdn: { code: 501, lines: ['5.5.4 Invalid domain name'] },
    tlsRequired: { code: 530, lines: ['5.7.0 Must issue a STARTTLS command first'] },
    rateLimited: {
      code: 421,
      lines: ['4.7.0 {fqdn} Service not available, closing transmission channel'],
      close: true,
    },
    noPtr: {
      code: 550,
      lines: ['5.7.1 Client host rejected: cannot find your hostname, [{clientIp}]'],
    },
    dnsbl: { code: 554, lines: ['5.7.1 Client host [{clientIp}] blocked using {zone}'] },
    spfFail: { code: 550, lines: ['5.7.23 Sender Policy Framework violation'] },
    greylisted: GREYLIST_GENERIC,
  },
};
