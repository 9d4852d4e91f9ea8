/**
 * The scenario format: one zod schema is the single source of truth for the TypeScript types, the
 * JSON Schema the in-app editor uses, and the loader's error messages. Objects are strict, so a
 * misspelt key is an error instead of being silently ignored.
 */
import { ITEM_ID, TOPICS } from './topics';
import { z } from 'zod';
import { parseDuration } from '../clock/time';
import { isValidDomain } from '../smtp/commands';
import { LOG_FORMATS, LOG_SCHEDULES, W3C_FIELDS } from '../smtp/iisSettings';
import { SETTING_NAMES } from './settingNames';
import { deepPartial } from './deepPartial';

const ipv4 = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/,
    'expected an IPv4 address like 10.0.0.5',
  );
const ipOrSubnet = z
  .string()
  .regex(
    /^(\d{1,3}\.){3}\d{1,3}(\/(3[0-2]|[12]?\d))?$/,
    'expected an IPv4 address or a subnet like 10.0.0.0/24',
  );
const port = z
  .number()
  .int()
  .min(1, 'expected a number from 1 to 65535')
  .max(65535, 'expected a number from 1 to 65535');
const domain = z
  .string()
  .refine((d) => isValidDomain(d), 'expected a domain name like example.net');
const mailbox = z
  .string()
  .regex(/^[^@\s<>]+@[^@\s<>]+$/, 'expected a mail address like user@example.net');
const hostName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9-]{0,14}$/, 'expected a computer name like WEB01');
/** Relative time like `-2h`, `30m`, `0s`. */
export const duration = z
  .string()
  .refine(
    (s) => parseDuration(s.replace(/^-/, '')) !== null,
    'expected a duration like 90s, 15m, 2h, 1d or -30m',
  );
const text = z.string().max(20_000, 'text is too long (20,000 characters at most)');
export const localized = z.strictObject({ ja: text.min(1), en: text.min(1) });

/**
 * A firewall rule's display name or group: one text, or one per UI language for Windows' built-in
 * rules (`{ ja: リモート デスクトップ - ユーザー モード (TCP 受信), en: Remote Desktop - User Mode (TCP-In) }`),
 * whose names Windows shows in the language of the system.
 */
const ruleLabel = (min: number) =>
  z.union([
    z.string().min(min).max(120),
    z.strictObject({ ja: z.string().min(1).max(120), en: z.string().min(1).max(120) }),
  ]);

export const firewallRuleSchema = z.strictObject({
  /** The rule's Name (its id; `Get-NetFirewallRule -Name`). */
  name: z.string().min(1).max(120),
  /** What consoles show and `-DisplayName` / `netsh … name=` match; defaults to `name`. */
  displayName: ruleLabel(1).optional(),
  direction: z.enum(['in', 'out']),
  action: z.enum(['allow', 'block']),
  enabled: z.boolean().default(true),
  protocol: z.enum(['TCP', 'UDP', 'Any']).default('TCP'),
  localPort: z.string().default('Any'),
  remotePort: z.string().default('Any'),
  remoteAddress: z.string().default('Any'),
  group: ruleLabel(0).optional(),
});

/** A rule's display name or group in a UI language (the one text of a custom rule in both). */
export function ruleText(
  text: string | { ja: string; en: string } | undefined,
  locale: 'ja' | 'en',
): string | undefined {
  return typeof text === 'object' ? text[locale] : text;
}

export const serviceSchema = z.strictObject({
  status: z.enum(['Running', 'Stopped', 'Paused']).default('Running'),
  startType: z.enum(['Automatic', 'Manual', 'Disabled']).default('Automatic'),
});

/** IIS virtual-server settings a scenario may set; everything omitted keeps the IIS default. */
export const iisSettingsSchema = z.strictObject({
  // Identity and host facts
  fqdn: domain.optional(),
  /** Windows accounts on the IIS host that Basic/Integrated authentication accept. */
  windowsAccounts: z
    .array(z.strictObject({ user: z.string().min(1).max(104), password: z.string().max(256) }))
    .optional(),
  // General tab
  displayName: z.string().min(1).max(120).optional(),
  bindings: z
    .array(z.strictObject({ ip: z.union([z.literal(''), ipv4]), port }))
    .min(1)
    .optional(),
  maxConnections: z.number().int().min(1).nullable().optional(),
  connectionTimeoutMin: z.number().int().min(1).max(1440).optional(),
  logging: z
    .strictObject({
      enabled: z.boolean().optional(),
      format: z.enum(LOG_FORMATS).optional(),
      schedule: z.enum(LOG_SCHEDULES).optional(),
      maxSizeMb: z.number().int().min(1).max(4000).optional(),
      localTimeNaming: z.boolean().optional(),
      fields: z.array(z.enum(W3C_FIELDS)).optional(),
    })
    .optional(),
  // Access tab
  auth: z
    .strictObject({
      anonymous: z.boolean().optional(),
      basic: z.boolean().optional(),
      basicRequiresTls: z.boolean().optional(),
      defaultDomain: z.string().max(255).optional(),
      integrated: z.boolean().optional(),
    })
    .optional(),
  tls: z
    .strictObject({ certificate: z.boolean().optional(), required: z.boolean().optional() })
    .optional(),
  connectionControl: z
    .strictObject({
      mode: z.enum(['onlyList', 'allExceptList']).optional(),
      list: z.array(ipOrSubnet).optional(),
      domains: z.array(domain).optional(),
    })
    .optional(),
  relay: z
    .strictObject({
      mode: z.enum(['onlyList', 'allExceptList']).optional(),
      list: z.array(ipOrSubnet).optional(),
      domains: z.array(domain).optional(),
      allowAuthenticated: z.boolean().optional(),
    })
    .optional(),
  // Messages tab
  maxMessageKb: z.number().int().min(1).nullable().optional(),
  maxSessionKb: z.number().int().min(1).nullable().optional(),
  maxMessagesPerConnection: z.number().int().min(1).max(150).nullable().optional(),
  maxRecipients: z.number().int().min(1).nullable().optional(),
  ndrCopyTo: z.union([z.literal(''), mailbox]).optional(),
  badmailDirectory: z.string().min(3).max(260).optional(),
  // Delivery tab
  retryMinutes: z
    .tuple([
      z.number().int().min(1),
      z.number().int().min(1),
      z.number().int().min(1),
      z.number().int().min(1),
    ])
    .optional(),
  delayNotificationMin: z.number().int().min(1).optional(),
  expirationMin: z.number().int().min(1).optional(),
  localDelayNotificationMin: z.number().int().min(1).optional(),
  localExpirationMin: z.number().int().min(1).optional(),
  outboundSecurity: z
    .strictObject({
      auth: z.enum(['anonymous', 'basic', 'integrated']).optional(),
      user: z.string().max(256).optional(),
      password: z.string().max(256).optional(),
      tls: z.boolean().optional(),
    })
    .optional(),
  outboundConnections: z
    .strictObject({
      limit: z.number().int().min(1).nullable().optional(),
      timeoutMin: z.number().int().min(1).max(1440).optional(),
      perDomainLimit: z.number().int().min(1).nullable().optional(),
    })
    .optional(),
  outboundPort: port.optional(),
  maxHopCount: z.number().int().min(1).max(256).optional(),
  masqueradeDomain: z.union([z.literal(''), domain]).optional(),
  smartHost: z.string().optional(),
  attemptDirectFirst: z.boolean().optional(),
  reverseDnsLookup: z.boolean().optional(),
  externalDnsServers: z.array(ipv4).optional(),
  // Domains node
  defaultLocalDomain: domain.optional(),
  localDomains: z.array(domain).optional(),
  remoteDomains: z
    .array(
      z.strictObject({
        name: z
          .string()
          .refine(
            (d) => isValidDomain(d.replace(/^\*\./, '')),
            'expected a domain name like example.net or *.example.net',
          ),
        allowRelay: z.boolean().default(false),
        smartHost: z.string().default(''),
        outboundTls: z.boolean().default(false),
        sendHelo: z.boolean().default(false),
      }),
    )
    .optional(),
});

/**
 * What a remote receiver checks before it accepts mail (reference §9). Each check runs where the
 * real one does (HELO, MAIL, RCPT or end of DATA; src/sim/smtp/receiverPolicy.ts) and answers
 * with the texts of the receiver's dialect.
 */
export const receiverPolicySchema = z.strictObject({
  /** The client's address must have a PTR record (§9.1: Gmail 550 5.7.25, Postfix 450 4.7.25). */
  requirePtr: z.boolean().default(false),
  /** The PTR name must also resolve back to the client's address (forward-confirmed rDNS). */
  requireFcrdns: z.boolean().default(false),
  /** DNS blocklist zones the client's address is looked up in (§9.3), e.g. zen.spamhaus.org. */
  dnsbl: z.array(domain).default([]),
  /** Evaluate the sender domain's SPF record and refuse mail that fails it (§9.2). */
  spf: z.boolean().default(false),
  /** Greylisting: an unknown (client IP, sender, recipient) triplet is deferred for this many minutes (§9.4). */
  greylistMinutes: z.number().int().min(1).max(1440).optional(),
  /** MAIL is refused until the client has issued STARTTLS (RFC 3207 §4). */
  requireTls: z.boolean().default(false),
  /** More than `max` messages from one client address within `windowMinutes` are deferred (§9.8). */
  rateLimit: z
    .strictObject({
      max: z.number().int().min(1),
      windowMinutes: z.number().int().min(1).max(1440),
    })
    .optional(),
  /** A HELO/EHLO name that is not a fully-qualified domain name is refused (§9.8). */
  requireFqdnHelo: z.boolean().default(false),
});

export const receiverSchema = z.strictObject({
  dialect: z.enum(['postfix', 'iis', 'gmail', 'outlook', 'hmailserver']),
  domains: z.array(domain).min(1),
  /** Known mailboxes; omitted = every address in `domains` is accepted. */
  mailboxes: z.array(mailbox).optional(),
  maxMessageKb: z.number().int().min(1).optional(),
  policy: receiverPolicySchema.optional(),
  /** TCP ports the SMTP listener answers on (a submission relay also listens on 587). */
  ports: z.array(port).min(1).default([25]),
  /** The server has a certificate and offers STARTTLS. */
  tls: z.boolean().default(true),
  /** Accounts accepted by AUTH LOGIN (a smart host or submission relay). */
  accounts: z
    .array(z.strictObject({ user: z.string().min(1).max(256), password: z.string().max(256) }))
    .default([]),
  /** Overloaded: every connection gets a 421 greeting and is closed (IIS then tries the next MX, KB 303889). */
  busy: z.boolean().default(false),
  /** Relays to any domain for clients that authenticated or are listed (an ISP or hosted smart host). */
  relay: z
    .strictObject({
      authenticated: z.boolean().default(true),
      clients: z.array(ipOrSubnet).default([]),
    })
    .optional(),
  /**
   * A mail program installed on a Windows host (hMailServer on an IIS host): the Windows service that
   * runs it. It listens only while that service runs, and holds its ports against IIS (`port-in-use`).
   */
  service: z
    .string()
    .regex(/^[A-Za-z0-9_]{1,64}$/, 'expected a service name like hMailServer')
    .optional(),
});

export const hostSchema = z.strictObject({
  fqdn: domain,
  role: z.enum(['iis', 'app', 'receiver', 'dns', 'client', 'web']),
  ips: z.array(ipv4).min(1),
  /** Address the Internet sees for this host (NAT), if different. */
  publicIp: ipv4.optional(),
  /** DNS server this host asks. */
  dns: ipv4.optional(),
  /** Set on a host that is a DNS server: how it fails (reference §3.8, §8.3). */
  dnsServer: z
    .strictObject({
      /** Answers nothing: every query times out. */
      down: z.boolean().default(false),
      /** Recursion is broken: every query gets SERVFAIL. */
      servfail: z.boolean().default(false),
      /** Resets TCP queries (KB 263237): UDP works, IIS's TCP lookups fail. */
      refusesTcp: z.boolean().default(false),
    })
    .optional(),
  answersPing: z.boolean().default(true),
  firewall: z
    .strictObject({
      enabled: z.boolean().default(true),
      rules: z.array(firewallRuleSchema).default([]),
    })
    .optional(),
  services: z.record(z.string(), serviceSchema).optional(),
  iis: iisSettingsSchema.optional(),
  receiver: receiverSchema.optional(),
  /** Ports open on this host besides the SMTP listener (e.g. 443 on a web server). */
  listens: z.array(port).optional(),
  /**
   * false: the SMTP Server feature is not installed yet (a fresh server): no SMTPSVC, no mailroot,
   * until `Install-WindowsFeature SMTP-Server`; the settings then start at the IIS defaults.
   */
  smtpInstalled: z.boolean().optional(),
  /** The system volume C: (Get-PSDrive, dir): its size, and its free space at the start (with `files` on it), in MB. */
  disk: z
    .strictObject({ sizeMb: z.number().int().min(1024).max(16_777_216), freeMb: z.number().min(0) })
    .optional(),
  /**
   * Large files already on the host (old log files that fill the disk). `text` is a short stand-in
   * for the content; `sizeMb` is what the file takes on disk, and is freed when it is deleted.
   */
  files: z
    .array(
      z.strictObject({
        path: z
          .string()
          .regex(/^[A-Za-z]:\\[^<>"|?*]{1,250}$/, 'expected a Windows path like C:\\Logs\\old.log'),
        sizeMb: z.number().min(0).max(1_048_576),
        modified: z.iso.datetime({
          offset: true,
          message: 'expected an ISO date-time like 2026-03-05T06:00:00Z',
        }),
        text: z.string().max(4000).default(''),
      }),
    )
    .max(500)
    .optional(),
});

export const dnsRecordSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('A'),
    name: domain,
    value: ipv4,
    ttl: z.number().int().default(3600),
  }),
  /** `value: '.'` with preference 0 is a null MX: the domain accepts no mail (RFC 7505). */
  z.strictObject({
    type: z.literal('MX'),
    name: domain,
    value: z.union([z.literal('.'), domain]),
    preference: z.number().int().min(0).max(65535),
    ttl: z.number().int().default(3600),
  }),
  z.strictObject({
    type: z.literal('PTR'),
    name: ipv4,
    value: domain,
    ttl: z.number().int().default(3600),
  }),
  z.strictObject({
    type: z.literal('TXT'),
    name: domain,
    value: z.string().max(2000),
    ttl: z.number().int().default(3600),
  }),
]);

/** Queries for `name` (an IP for PTR) fail this way for every resolver: a broken zone (§1.10, §8.3). */
export const dnsFailureSchema = z.strictObject({
  name: domain,
  query: z.enum(['A', 'MX', 'PTR', 'TXT', 'ANY']).default('ANY'),
  error: z.enum(['nxdomain', 'servfail', 'timeout']),
});

export const perimeterRuleSchema = z.strictObject({
  name: z.string().min(1),
  /** Which side owns the rule, for the topology map and the debrief. */
  owner: z.enum(['perimeter', 'isp']),
  from: ipOrSubnet,
  to: ipOrSubnet.default('0.0.0.0/0'),
  port,
  action: z.enum(['block', 'allow']).default('block'),
});

export const worldSpecSchema = z.strictObject({
  /** The learner's "now" (UTC, ISO 8601). */
  start: z.iso.datetime({
    offset: true,
    message: 'expected an ISO date-time like 2026-03-05T06:00:00Z',
  }),
  /** Local time zone of the Windows hosts, e.g. +09:00. */
  utcOffset: z
    .string()
    .regex(/^[+-]\d{2}:\d{2}$/, 'expected an offset like +09:00')
    .default('+09:00'),
  /** Name server identity nslookup prints. */
  dnsServerName: domain.default('dc01.contoso.local'),
  hosts: z.record(hostName, hostSchema),
  dns: z.array(dnsRecordSchema).default([]),
  dnsFailures: z.array(dnsFailureSchema).default([]),
  perimeter: z.array(perimeterRuleSchema).default([]),
});

export type FirewallRuleSpec = z.infer<typeof firewallRuleSchema>;
export type IisSettingsSpec = z.infer<typeof iisSettingsSchema>;
export type HostSpec = z.infer<typeof hostSchema>;
export type DnsRecord = z.infer<typeof dnsRecordSchema>;
export type DnsFailure = z.infer<typeof dnsFailureSchema>;
export type ReceiverSpec = z.infer<typeof receiverSchema>;
export type PerimeterRule = z.infer<typeof perimeterRuleSchema>;
export type WorldSpec = z.infer<typeof worldSpecSchema>;
export type Localized = z.infer<typeof localized>;

/** Mail a host hands to an SMTP server at a given time (relative to the learner's start). */
export const trafficSchema = z.strictObject({
  at: duration,
  from: hostName,
  to: hostName,
  port: port.default(25),
  mailFrom: mailbox,
  rcptTo: z.array(mailbox).min(1),
  subject: z.string().max(200).default('Test'),
  /** Body size in KB (filler text is generated). */
  sizeKb: z.number().min(0).max(51_200).default(2),
  repeat: z.strictObject({ every: duration, count: z.number().int().min(1).max(500) }).optional(),
});
export type TrafficSpec = z.infer<typeof trafficSchema>;

/* ---- Fault library (docs/faults.md; appliers in faults.ts) ---- */
const ruleName = (fallback: string) =>
  z
    .string()
    .min(1, 'expected a rule name')
    .max(120, 'a rule name has 120 characters at most')
    .default(fallback);
const sizeKb = z
  .number()
  .int('expected a whole number of KB')
  .min(1, 'expected a size in KB of at least 1')
  .max(2_097_151, 'expected a size in KB below 2 GB');
const retryMin = z
  .number()
  .int('expected whole minutes')
  .min(1, 'expected at least 1 minute')
  .max(43_200, 'expected at most 30 days in minutes');
const smartHostName = z
  .string()
  .refine(
    (v) => isValidDomain(v) && v.length > 0,
    'expected a host name like relay.example.net or an address in brackets like [192.0.2.10]',
  );

/** Typed, parameterised changes from the fault library (docs/faults.md). */
export const faultSchema = z.discriminatedUnion('kind', [
  // Network: host firewall, perimeter, ISP, a remote server that does not answer.
  z.strictObject({
    kind: z.literal('firewall-block-outbound'),
    host: hostName,
    port: port.default(25),
    ruleName: ruleName('Block outbound SMTP'),
  }),
  z.strictObject({
    kind: z.literal('firewall-inbound-closed'),
    host: hostName,
    port: port.default(25),
  }),
  z.strictObject({
    kind: z.literal('perimeter-block-outbound'),
    from: hostName,
    port: port.default(25),
    ruleName: ruleName('Deny SMTP from server segment'),
  }),
  z.strictObject({
    kind: z.literal('isp-block-outbound'),
    from: hostName,
    port: port.default(25),
    ruleName: ruleName('OP25B'),
    allowTo: z.array(hostName).max(10).default([]),
  }),
  z.strictObject({ kind: z.literal('destination-down'), host: hostName }),
  z.strictObject({
    kind: z.literal('wrong-binding'),
    host: hostName,
    ip: z.union([z.literal(''), ipv4]).default(''),
    port: port.default(25),
  }),
  // Windows services.
  z.strictObject({
    kind: z.literal('service-stopped'),
    host: hostName,
    service: z
      .string()
      .regex(/^[A-Za-z0-9_]{1,64}$/, 'expected a service name like SMTPSVC')
      .default('SMTPSVC'),
    startType: z.enum(['Automatic', 'Manual', 'Disabled']).optional(),
  }),
  // IIS virtual-server settings.
  z.strictObject({
    kind: z.literal('relay-denied'),
    host: hostName,
    client: hostName,
    staleIp: ipv4.optional(),
  }),
  z.strictObject({ kind: z.literal('open-relay'), host: hostName }),
  z.strictObject({ kind: z.literal('iis-size-limit'), host: hostName, maxKb: sizeKb }),
  z.strictObject({ kind: z.literal('wrong-smart-host'), host: hostName, smartHost: smartHostName }),
  z.strictObject({ kind: z.literal('wrong-fqdn'), host: hostName, fqdn: domain }),
  z.strictObject({
    kind: z.literal('anonymous-off'),
    host: hostName,
    basic: z.boolean().default(true),
  }),
  z.strictObject({ kind: z.literal('tls-required-inbound'), host: hostName }),
  z.strictObject({
    kind: z.literal('outbound-auth-wrong'),
    host: hostName,
    password: z.string().max(256, 'a password has 256 characters at most'),
  }),
  z.strictObject({ kind: z.literal('logging-disabled'), host: hostName }),
  z.strictObject({
    kind: z.literal('slow-retry'),
    host: hostName,
    retryMinutes: z.tuple([retryMin, retryMin, retryMin, retryMin], {
      message: 'expected four retry intervals in minutes, like [240, 240, 240, 240]',
    }),
  }),
  z.strictObject({ kind: z.literal('mail-loop'), host: hostName, domain }),
  // Remote receivers.
  z.strictObject({ kind: z.literal('receiver-size-limit'), host: hostName, maxKb: sizeKb }),
  z.strictObject({ kind: z.literal('receiver-requires-tls'), host: hostName }),
  z.strictObject({
    kind: z.literal('greylisting'),
    host: hostName,
    minutes: z
      .number()
      .int()
      .min(1, 'expected at least 1 minute')
      .max(1440, 'expected at most 1440 minutes')
      .default(5),
  }),
  z.strictObject({
    kind: z.literal('receiver-rate-limit'),
    host: hostName,
    max: z.number().int().min(1, 'expected at least 1 message').max(10_000),
    windowMinutes: z
      .number()
      .int()
      .min(1, 'expected a window of at least 1 minute')
      .max(1440)
      .default(60),
  }),
  // DNS.
  z.strictObject({ kind: z.literal('missing-mx'), domain, danglingTo: domain.optional() }),
  z.strictObject({ kind: z.literal('missing-ptr'), host: hostName }),
  z.strictObject({
    kind: z.literal('spf-mismatch'),
    domain,
    record: z
      .string()
      .regex(/^v=spf1( |$)/, "expected an SPF record starting with 'v=spf1'")
      .max(450),
  }),
  z.strictObject({
    kind: z.literal('blocklisted'),
    host: hostName,
    zone: domain.default('zen.spamhaus.org'),
    reason: z.string().max(300).optional(),
  }),
  z.strictObject({ kind: z.literal('dns-refuses-tcp'), host: hostName }),
  z.strictObject({ kind: z.literal('dns-server-down'), host: hostName }),
  // The IIS host itself: another program on its port, a full disk.
  z.strictObject({
    kind: z.literal('port-in-use'),
    host: hostName,
    port: port.default(25),
    program: z.enum(['hMailServer']).default('hMailServer'),
  }),
  z.strictObject({
    kind: z.literal('disk-full'),
    host: hostName,
    /** The old log file that filled the volume, in GB. */
    logGb: z
      .number()
      .int('expected whole GB')
      .min(1, 'expected at least 1 GB')
      .max(1000, 'expected at most 1000 GB')
      .default(38),
  }),
]);
export type Fault = z.infer<typeof faultSchema>;

/* ---- Scenario level: objectives, evidence, solution, variables (docs/scenario-format.md) ---- */
/** Ids of objectives and diagnosis choices: short, readable, unique within their list. */
const itemId = z
  .string()
  .regex(ITEM_ID, 'expected an id like queue-drained (letters, digits, - _ .)');
const objectiveBase = {
  id: itemId,
  label: localized,
  /** A safety objective must still hold after any fix: breaking it marks the fix as unsafe. */
  safety: z.boolean().default(false),
};
const safetyObjective = { ...objectiveBase, safety: z.boolean().default(true) };
/** Where delivered mail is looked for: a remote mailbox, or with `drop` the Drop folder of that IIS host. */
const mailFilter = {
  mailbox,
  drop: hostName.optional(),
  /** Only messages from this envelope sender count. */
  from: mailbox.optional(),
  /** Only messages whose subject contains this text count. */
  subject: z.string().min(1).max(200).optional(),
};
/** A value an IIS setting is compared with: text, a number, a flag, null, or a list (of values or of small records such as bindings). */
const settingScalar = z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]);
const settingValue = z.union([
  settingScalar,
  z.array(z.union([settingScalar, z.record(z.string().max(60), settingScalar)])).max(100),
]);
const settingName = z.enum(SETTING_NAMES);

/** Conditions on the live world; all of them hold once the scenario is solved. */
export const objectiveSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('queue-empty'), ...objectiveBase, host: hostName }),
  z.strictObject({
    kind: z.literal('delivered'),
    ...objectiveBase,
    ...mailFilter,
    atLeast: z.number().int().min(1).max(10_000).default(1),
  }),
  /** Nothing matching reached the mailbox: spam must not leave, a victim must get nothing. */
  z.strictObject({ kind: z.literal('not-delivered'), ...safetyObjective, ...mailFilter }),
  z.strictObject({ kind: z.literal('badmail-empty'), ...objectiveBase, host: hostName }),
  z.strictObject({ kind: z.literal('firewall-enabled'), ...safetyObjective, host: hostName }),
  z.strictObject({ kind: z.literal('no-open-relay'), ...safetyObjective, host: hostName }),
  z.strictObject({
    kind: z.literal('service-running'),
    ...objectiveBase,
    host: hostName,
    service: z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'expected a service name like SMTPSVC'),
  }),
  /** The service's startup type (services.msc › Startup type): `Automatic` means it survives a reboot. */
  z.strictObject({
    kind: z.literal('service-start-type'),
    ...objectiveBase,
    host: hostName,
    service: z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'expected a service name like SMTPSVC'),
    equals: z.enum(['Automatic', 'Manual', 'Disabled']),
  }),
  z.strictObject({ kind: z.literal('logging-enabled'), ...objectiveBase, host: hostName }),
  /**
   * An IIS setting equals (or, with `notEquals`, differs from) a value; give exactly one of them.
   * Or, for a number, `atLeast` and/or `atMost` (a limit that is switched off, null, fails both).
   */
  z.strictObject({
    kind: z.literal('setting'),
    ...objectiveBase,
    host: hostName,
    setting: settingName,
    equals: settingValue.optional(),
    notEquals: settingValue.optional(),
    atLeast: z.number().optional(),
    atMost: z.number().optional(),
  }),
]);
export type Objective = z.infer<typeof objectiveSchema>;

/** A step of the canonical solution, sent through the same world API the UI uses. */
export const solutionStepSchema = z.union([
  /** A line typed into the console of `host`. */
  z.strictObject({ console: z.string().min(1).max(2000), host: hostName }),
  /** An IIS Manager change, sent as the world's `config.set`: `{ 'relay.list': [10.0.0.20] }`. */
  z.strictObject({ config: z.partialRecord(settingName, settingValue), host: hostName }),
  z.strictObject({ advance: duration }),
  z.strictObject({ step: z.literal(true) }),
]);
export type SolutionStep = z.infer<typeof solutionStepSchema>;

export const evidenceSchema = z.strictObject({
  /** Where the line appears: a console command's output, the W3C log, or the event log. */
  source: z.enum(['console', 'w3c', 'events']),
  host: hostName,
  /** For console evidence (and only there): the command whose output contains the text. */
  command: z.string().min(1).max(2000).optional(),
  /**
   * The text that proves it: one text when both languages of Windows print it alike (log lines,
   * PowerShell property columns), else `{ ja, en }` as each prints it. The learner is shown it.
   */
  contains: z.union([
    z.string().min(1).max(2000),
    z.strictObject({ ja: z.string().min(1).max(2000), en: z.string().min(1).max(2000) }),
  ]),
});

/** A seeded variant's value: one of a list, or a whole number in a range (both ends included). */
export const variableSchema = z.union([
  z.strictObject({
    pick: z
      .array(z.union([z.string().max(500), z.number()]))
      .min(1)
      .max(20),
  }),
  z.strictObject({
    range: z
      .tuple([z.number().int(), z.number().int()])
      .refine(([min, max]) => min <= max, 'expected [min, max] with min not above max'),
  }),
]);
export const variableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/, 'expected a variable name like customer or retry_port');

export const scenarioSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id like outbound-port-blocked')
    .max(80),
  schemaVersion: z.literal(1),
  level: z.number().int().min(1).max(3),
  topics: z.array(z.enum(TOPICS)).min(1).max(6),
  title: localized,
  summary: localized,
  briefing: localized,
  debrief: localized,
  /** Values picked by the run's seed and used as `{{name}}` anywhere in the file. */
  variables: z.record(variableName, variableSchema).optional(),
  /** The base world (scenarios/bases/<base>.yaml) and changes merged over it: maps merge, lists replace. */
  world: z.strictObject({
    base: z.string().regex(/^[a-z0-9-]{1,60}$/, 'expected a base world name like contoso'),
    changes: deepPartial(worldSpecSchema).optional(),
  }),
  faults: z.array(faultSchema).max(20).default([]),
  traffic: z.array(trafficSchema).max(100).default([]),
  objectives: z.array(objectiveSchema).min(1).max(30),
  diagnosis: z.strictObject({
    question: localized,
    /** Root-cause choices; exactly one has `correct: true`. */
    choices: z
      .array(z.strictObject({ id: itemId, label: localized, correct: z.boolean().default(false) }))
      .min(2)
      .max(10),
    /** Lines that prove the right choice, each checked to appear where it says. */
    evidence: z.array(evidenceSchema).min(1).max(20),
  }),
  /** Three progressive hints, from a nudge to nearly the answer. */
  hints: z.tuple([localized, localized, localized]),
  solution: z.array(solutionStepSchema).min(1).max(100),
  /** Steps that look like fixes but break a safety objective (tests prove they fail). */
  unsafeFixes: z.array(z.array(solutionStepSchema).min(1).max(100)).max(10).default([]),
  /** Hosts whose console the learner may open. */
  consoles: z.array(hostName).min(1).max(10),
});
export type Scenario = z.infer<typeof scenarioSchema>;
export type Variable = z.infer<typeof variableSchema>;
/** The values a seed picked for a scenario's variables. */
export interface ScenarioVariant {
  seed: number;
  values: Record<string, string | number>;
}
/** A scenario after loading: variables filled in, base world + changes + faults resolved into one spec. */
export type LoadedScenario = Scenario & { resolvedWorld: WorldSpec; variant: ScenarioVariant };

/** Base worlds live in scenarios/bases/*.yaml. */
export const baseWorldSchema = worldSpecSchema;
