/**
 * The scenario format: one zod schema is the single source of truth for the TypeScript types, the
 * JSON Schema the in-app editor uses, and the loader's error messages. Objects are strict, so a
 * misspelt key is an error instead of being silently ignored.
 */
import { z } from 'zod';
import { parseDuration } from '../clock/time';
import { isValidDomain } from '../smtp/commands';

const ipv4 = z
  .string()
  .regex(/^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/, 'expected an IPv4 address like 10.0.0.5');
const ipOrSubnet = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}(\/(3[0-2]|[12]?\d))?$/, 'expected an IPv4 address or a subnet like 10.0.0.0/24');
const port = z.number().int().min(1, 'expected a number from 1 to 65535').max(65535, 'expected a number from 1 to 65535');
const domain = z.string().refine((d) => isValidDomain(d), 'expected a domain name like example.net');
const mailbox = z.string().regex(/^[^@\s<>]+@[^@\s<>]+$/, 'expected a mail address like user@example.net');
const hostName = z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,14}$/, 'expected a computer name like WEB01');
/** Relative time like `-2h`, `30m`, `0s`. */
export const duration = z
  .string()
  .refine((s) => parseDuration(s.replace(/^-/, '')) !== null, 'expected a duration like 90s, 15m, 2h, 1d or -30m');
const text = z.string().max(20_000, 'text is too long (20,000 characters at most)');
export const localized = z.strictObject({ ja: text.min(1), en: text.min(1) });

export const firewallRuleSchema = z.strictObject({
  name: z.string().min(1).max(120),
  displayName: z.string().min(1).max(120).optional(),
  direction: z.enum(['in', 'out']),
  action: z.enum(['allow', 'block']),
  enabled: z.boolean().default(true),
  protocol: z.enum(['TCP', 'UDP', 'Any']).default('TCP'),
  localPort: z.string().default('Any'),
  remotePort: z.string().default('Any'),
  remoteAddress: z.string().default('Any'),
  group: z.string().optional(),
});

export const serviceSchema = z.strictObject({
  status: z.enum(['Running', 'Stopped', 'Paused']).default('Running'),
  startType: z.enum(['Automatic', 'Manual', 'Disabled']).default('Automatic'),
});

/** IIS virtual-server settings a scenario may set; everything omitted keeps the IIS default. */
export const iisSettingsSchema = z.strictObject({
  logging: z
    .strictObject({
      enabled: z.boolean().optional(),
      fields: z.array(z.string()).optional(),
    })
    .optional(),
  relay: z
    .strictObject({
      mode: z.enum(['onlyList', 'allExceptList']).optional(),
      list: z.array(ipOrSubnet).optional(),
      allowAuthenticated: z.boolean().optional(),
    })
    .optional(),
  maxMessageKb: z.number().int().min(1).nullable().optional(),
  maxRecipients: z.number().int().min(1).nullable().optional(),
  connectionTimeoutMin: z.number().int().min(1).max(1440).optional(),
  retryMinutes: z.tuple([z.number().int().min(1), z.number().int().min(1), z.number().int().min(1), z.number().int().min(1)]).optional(),
  delayNotificationMin: z.number().int().min(1).optional(),
  expirationMin: z.number().int().min(1).optional(),
  smartHost: z.string().optional(),
  outboundPort: port.optional(),
  fqdn: domain.optional(),
  localDomains: z.array(domain).optional(),
});

export const receiverSchema = z.strictObject({
  dialect: z.enum(['postfix', 'iis']),
  domains: z.array(domain).min(1),
  /** Known mailboxes; omitted = every address in `domains` is accepted. */
  mailboxes: z.array(mailbox).optional(),
  maxMessageKb: z.number().int().min(1).optional(),
});

export const hostSchema = z.strictObject({
  fqdn: domain,
  role: z.enum(['iis', 'app', 'receiver', 'dns', 'client', 'web']),
  ips: z.array(ipv4).min(1),
  /** Address the Internet sees for this host (NAT), if different. */
  publicIp: ipv4.optional(),
  /** DNS server this host asks. */
  dns: ipv4.optional(),
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
});

export const dnsRecordSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('A'), name: domain, value: ipv4, ttl: z.number().int().default(3600) }),
  z.strictObject({ type: z.literal('MX'), name: domain, value: domain, preference: z.number().int().min(0).max(65535), ttl: z.number().int().default(3600) }),
  z.strictObject({ type: z.literal('PTR'), name: ipv4, value: domain, ttl: z.number().int().default(3600) }),
  z.strictObject({ type: z.literal('TXT'), name: domain, value: z.string().max(2000), ttl: z.number().int().default(3600) }),
]);

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
  start: z.iso.datetime({ offset: true, message: 'expected an ISO date-time like 2026-03-05T06:00:00Z' }),
  /** Local time zone of the Windows hosts, e.g. +09:00. */
  utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/, 'expected an offset like +09:00').default('+09:00'),
  /** Name server identity nslookup prints. */
  dnsServerName: domain.default('dc01.contoso.local'),
  hosts: z.record(hostName, hostSchema),
  dns: z.array(dnsRecordSchema).default([]),
  perimeter: z.array(perimeterRuleSchema).default([]),
});

export type FirewallRuleSpec = z.infer<typeof firewallRuleSchema>;
export type IisSettingsSpec = z.infer<typeof iisSettingsSchema>;
export type HostSpec = z.infer<typeof hostSchema>;
export type DnsRecord = z.infer<typeof dnsRecordSchema>;
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

/** Typed, parameterised changes from the fault library (docs/faults.md). */
export const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('firewall-block-outbound'),
    host: hostName,
    port: port.default(25),
    ruleName: z.string().min(1).default('Block outbound SMTP'),
  }),
]);
export type Fault = z.infer<typeof faultSchema>;

export const objectiveSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('queue-empty'), id: z.string(), host: hostName, label: localized }),
  z.strictObject({ kind: z.literal('delivered'), id: z.string(), mailbox, atLeast: z.number().int().min(1).default(1), label: localized }),
  z.strictObject({ kind: z.literal('firewall-enabled'), id: z.string(), host: hostName, label: localized, safety: z.literal(true).default(true) }),
  z.strictObject({ kind: z.literal('no-open-relay'), id: z.string(), host: hostName, label: localized, safety: z.literal(true).default(true) }),
]);
export type Objective = z.infer<typeof objectiveSchema>;

/** A step of the canonical solution, sent through the same world API the UI uses. */
export const solutionStepSchema = z.union([
  z.strictObject({ console: z.string().min(1).max(2000), host: hostName }),
  z.strictObject({ advance: duration }),
  z.strictObject({ step: z.literal(true) }),
]);

export const evidenceSchema = z.strictObject({
  /** Where the line appears: a console command's output, the W3C log, or the event log. */
  source: z.enum(['console', 'w3c', 'events']),
  host: hostName,
  /** For console evidence: the command whose output contains the text. */
  command: z.string().optional(),
  contains: z.string().min(1),
});

export const scenarioSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a kebab-case id like outbound-port-blocked'),
  schemaVersion: z.literal(1),
  level: z.number().int().min(1).max(3),
  topics: z.array(z.enum(['setup', 'connection', 'queue', 'logs', 'security', 'dns'])).min(1),
  title: localized,
  summary: localized,
  briefing: localized,
  debrief: localized,
  world: z.strictObject({ base: z.string().min(1), changes: z.record(z.string(), z.unknown()).optional() }),
  faults: z.array(faultSchema).default([]),
  traffic: z.array(trafficSchema).default([]),
  objectives: z.array(objectiveSchema).min(1),
  diagnosis: z.strictObject({
    question: localized,
    choices: z.array(z.strictObject({ id: z.string(), label: localized, correct: z.boolean().default(false) })).min(2),
    evidence: z.array(evidenceSchema).min(1),
  }),
  hints: z.tuple([localized, localized, localized]),
  solution: z.array(solutionStepSchema).min(1),
  /** Commands that look like fixes but break a safety objective (tests prove they fail). */
  unsafeFixes: z.array(z.array(solutionStepSchema)).default([]),
  consoles: z.array(hostName).min(1),
});
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario after loading: its base world, changes and faults resolved into one world spec. */
export type LoadedScenario = Scenario & { resolvedWorld: WorldSpec };
export type SolutionStep = z.infer<typeof solutionStepSchema>;

/** Base worlds live in scenarios/bases/*.yaml. */
export const baseWorldSchema = worldSpecSchema;
