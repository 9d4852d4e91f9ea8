/**
 * The fault library: each kind is a typed, parameterised change to a world spec. What each one
 * changes, what evidence it leaves and how it is fixed is documented in docs/faults.md.
 *
 * An applier mutates the spec it is given and returns null, or returns a problem (path inside the
 * fault + message) when the fault does not fit the world: a missing host, a host of the wrong kind,
 * or a change that would change nothing (a fault that leaves no trace is an authoring mistake).
 */
import { ipMatches } from '../smtp/policy';
import {
  receiverPolicySchema,
  receiverSchema,
  type Fault,
  type HostSpec,
  type WorldSpec,
} from './schema';
import { PROGRAMS, type ProgramInfo } from '../world/programs';

export interface FaultProblem {
  /** Path inside the fault, e.g. ['host']. */
  path: PropertyKey[];
  message: string;
}

type FaultOf<K extends Fault['kind']> = Extract<Fault, { kind: K }>;
type Applier<K extends Fault['kind']> = (
  world: WorldSpec,
  fault: FaultOf<K>,
) => FaultProblem | null;
type Role = HostSpec['role'];

/** The host named by a fault parameter, or the problem to report. */
function hostAt(
  world: WorldSpec,
  name: string,
  key: string,
  roles?: Role[],
): HostSpec | FaultProblem {
  const h = world.hosts[name];
  if (!h)
    return {
      path: [key],
      message: `no host named '${name}' in the world (hosts: ${Object.keys(world.hosts).join(', ')})`,
    };
  if (roles && !roles.includes(h.role))
    return {
      path: [key],
      message: `host '${name}' has role '${h.role}'; this fault needs a host with role ${roles.map((r) => `'${r}'`).join(' or ')}`,
    };
  return h;
}
const isProblem = (v: unknown): v is FaultProblem =>
  typeof v === 'object' && v !== null && 'message' in v && 'path' in v;

/** An IIS host's settings spec, created empty when the world gives none (IIS defaults apply). */
function iisOf(world: WorldSpec, name: string): NonNullable<HostSpec['iis']> | FaultProblem {
  const host = hostAt(world, name, 'host', ['iis']);
  if (isProblem(host)) return host;
  host.iis ??= {};
  return host.iis;
}

/** A receiver's policy with one change; the other checks keep their values (or defaults). */
function changePolicy(
  world: WorldSpec,
  name: string,
  change: Partial<NonNullable<NonNullable<HostSpec['receiver']>['policy']>>,
): FaultProblem | null {
  const host = hostAt(world, name, 'host', ['receiver']);
  if (isProblem(host)) return host;
  if (!host.receiver) return { path: ['host'], message: `host '${name}' runs no mail server` };
  host.receiver.policy = receiverPolicySchema.parse({ ...host.receiver.policy, ...change });
  return null;
}

/** A DNS server host with one failure switched on. */
function breakDnsServer(
  world: WorldSpec,
  name: string,
  change: { down?: boolean; refusesTcp?: boolean },
): FaultProblem | null {
  const host = hostAt(world, name, 'host', ['dns']);
  if (isProblem(host)) return host;
  host.dnsServer = {
    down: false,
    servfail: false,
    refusesTcp: false,
    ...host.dnsServer,
    ...change,
  };
  return null;
}

/** The address the Internet sees for a host (NAT), which is what PTR and SPF are about. */
const publicAddress = (h: HostSpec) => h.publicIp ?? (h.ips[0] as string);

/**
 * A perimeter or ISP rule that drops a host's outbound connections to a port. The perimeter sees
 * the private address; the ISP sees the line's public one. Perimeter rules are an ordered list
 * where the first match decides, so the exceptions (an ISP's own relay) go in front.
 */
function blockOutbound(
  world: WorldSpec,
  f: { from: string; port: number; ruleName: string; allowTo?: string[] },
  owner: 'perimeter' | 'isp',
): FaultProblem | null {
  const h = hostAt(world, f.from, 'from');
  if (isProblem(h)) return h;
  const from = owner === 'isp' ? publicAddress(h) : (h.ips[0] as string);
  const allows = [];
  for (const [i, name] of (f.allowTo ?? []).entries()) {
    const target = world.hosts[name];
    if (!target)
      return {
        path: ['allowTo', i],
        message: `no host named '${name}' in the world (hosts: ${Object.keys(world.hosts).join(', ')})`,
      };
    allows.push({
      name: `${f.ruleName} (allow ${name})`,
      owner,
      from,
      to: target.ips[0] as string,
      port: f.port,
      action: 'allow' as const,
    });
  }
  world.perimeter.unshift(...allows, {
    name: f.ruleName,
    owner,
    from,
    to: '0.0.0.0/0',
    port: f.port,
    action: 'block',
  });
  return null;
}

const APPLIERS: { [K in Fault['kind']]: Applier<K> } = {
  /** An outbound block rule on the host's own firewall: connections to remote port N time out. */
  'firewall-block-outbound': (world, f) => {
    const host = hostAt(world, f.host, 'host');
    if (isProblem(host)) return host;
    host.firewall ??= { enabled: true, rules: [] };
    host.firewall.rules.push({
      name: f.ruleName,
      displayName: f.ruleName,
      direction: 'out',
      action: 'block',
      enabled: true,
      protocol: 'TCP',
      localPort: 'Any',
      remotePort: String(f.port),
      remoteAddress: 'Any',
    });
    return null;
  },

  /** Every inbound allow rule for the port is disabled: with no allow rule, inbound is blocked (§8.6). */
  'firewall-inbound-closed': (world, f) => {
    const host = hostAt(world, f.host, 'host');
    if (isProblem(host)) return host;
    const rules = (host.firewall?.rules ?? []).filter(
      (r) =>
        r.direction === 'in' &&
        r.action === 'allow' &&
        r.enabled &&
        (r.localPort === 'Any' || r.localPort.split(',').includes(String(f.port))),
    );
    if (rules.length === 0)
      return {
        path: ['port'],
        message: `host '${f.host}' has no enabled inbound allow rule for port ${f.port} to disable`,
      };
    for (const r of rules) r.enabled = false;
    return null;
  },

  /** The company's perimeter firewall drops the host's outbound SMTP. */
  'perimeter-block-outbound': (world, f) => blockOutbound(world, f, 'perimeter'),

  /** The Internet provider drops outbound port 25 from the line (OP25B, reference §9.7). */
  'isp-block-outbound': (world, f) => blockOutbound(world, f, 'isp'),

  /** A remote server that answers nothing: SYNs and pings are dropped, connections time out. */
  'destination-down': (world, f) => {
    const host = hostAt(world, f.host, 'host', ['receiver', 'web']);
    if (isProblem(host)) return host;
    host.firewall = { enabled: true, rules: [] };
    host.answersPing = false;
    return null;
  },

  /** General › IP address / Advanced identities: IIS listens on another address or port only. */
  'wrong-binding': (world, f) => {
    const host = hostAt(world, f.host, 'host', ['iis']);
    if (isProblem(host)) return host;
    if (f.port === 25 && (f.ip === '' || host.ips.includes(f.ip)))
      return {
        path: ['ip'],
        message: `binding ${f.ip || '(All Unassigned)'}:${f.port} is where clients already connect; give an address the host does not use (its old one) or another port`,
      };
    host.iis = { ...host.iis, bindings: [{ ip: f.ip, port: f.port }] };
    return null;
  },

  /** A Windows service is stopped (and its startup type possibly changed, e.g. Disabled). */
  'service-stopped': (world, f) => {
    const host = hostAt(world, f.host, 'host');
    if (isProblem(host)) return host;
    const key = f.service.toUpperCase();
    host.services ??= {};
    const existing = Object.entries(host.services).find(([k]) => k.toUpperCase() === key);
    // IIS hosts get SMTPSVC and IISADMIN even when the spec does not list them.
    const implicit = host.role === 'iis' && (key === 'SMTPSVC' || key === 'IISADMIN');
    if (!existing && !implicit)
      return { path: ['service'], message: `host '${f.host}' has no service '${f.service}'` };
    const name = existing?.[0] ?? key;
    const startType = f.startType ?? existing?.[1].startType ?? 'Automatic';
    host.services[name] = { status: 'Stopped', startType };
    // SMTPSVC depends on IISADMIN: stopping IIS Admin stops SMTP too (reference §4.0).
    if (key === 'IISADMIN' && host.role === 'iis') {
      const smtp =
        Object.keys(host.services).find((k) => k.toUpperCase() === 'SMTPSVC') ?? 'SMTPSVC';
      host.services[smtp] = {
        status: 'Stopped',
        startType: host.services[smtp]?.startType ?? 'Automatic',
      };
    }
    return null;
  },

  /** The client's address is not (or no longer) on the relay list: 550 5.7.1 Unable to relay. */
  'relay-denied': (world, f) => {
    const host = hostAt(world, f.host, 'host', ['iis']);
    if (isProblem(host)) return host;
    const client = hostAt(world, f.client, 'client');
    if (isProblem(client)) return client;
    host.iis ??= {};
    host.iis.relay ??= {};
    const relay = host.iis.relay;
    const list = relay.list ?? [];
    if ((relay.mode ?? 'onlyList') === 'allExceptList') {
      relay.list = [...list, ...client.ips];
      return null;
    }
    const kept = list.filter((entry) => !client.ips.some((ip) => ipMatches(ip, entry)));
    if (kept.length === list.length && !f.staleIp)
      return {
        path: ['client'],
        message: `'${f.client}' is not on the relay list of '${f.host}': relay is already denied, so this fault would change nothing`,
      };
    relay.list = f.staleIp ? [...kept, f.staleIp] : kept;
    return null;
  },

  /** "All except the list below" with an empty list: anyone on the Internet may relay. */
  'open-relay': (world, f) => {
    const host = hostAt(world, f.host, 'host', ['iis']);
    if (isProblem(host)) return host;
    host.iis ??= {};
    host.iis.relay = { ...host.iis.relay, mode: 'allExceptList', list: [] };
    return null;
  },

  /** Messages tab › Limit message size (KB) set too low: 552 5.3.4 to the submitting client. */
  'iis-size-limit': (world, f) => {
    const host = hostAt(world, f.host, 'host', ['iis']);
    if (isProblem(host)) return host;
    host.iis = { ...host.iis, maxMessageKb: f.maxKb };
    return null;
  },

  /** Delivery › Advanced › Smart host names a host that is wrong (typo, retired relay). */
  'wrong-smart-host': (world, f) => {
    const host = hostAt(world, f.host, 'host', ['iis']);
    if (isProblem(host)) return host;
    host.iis = { ...host.iis, smartHost: f.smartHost };
    return null;
  },

  /** Delivery › Advanced › Fully-qualified domain name: what IIS says in its banner and EHLO. */
  'wrong-fqdn': (world, f) => {
    const host = hostAt(world, f.host, 'host', ['iis']);
    if (isProblem(host)) return host;
    host.iis = { ...host.iis, fqdn: f.fqdn };
    return null;
  },

  /** Access › Authentication: Anonymous access unticked; clients that do not AUTH get 530. */
  'anonymous-off': (world, f) => {
    const iis = iisOf(world, f.host);
    if (isProblem(iis)) return iis;
    iis.auth = { ...iis.auth, anonymous: false, basic: f.basic };
    return null;
  },

  /** Access › Communication › Require TLS encryption (a certificate is installed). */
  'tls-required-inbound': (world, f) => {
    const iis = iisOf(world, f.host);
    if (isProblem(iis)) return iis;
    iis.tls = { certificate: true, required: true };
    return null;
  },

  /** Delivery › Outbound Security › Basic authentication with a password that no longer works. */
  'outbound-auth-wrong': (world, f) => {
    const iis = iisOf(world, f.host);
    if (isProblem(iis)) return iis;
    const sec = iis.outboundSecurity;
    if (sec?.auth !== 'basic')
      return {
        path: ['host'],
        message: `host '${f.host}' has no Basic outbound authentication to break; set iis.outboundSecurity (auth: basic, user, password) in the world first`,
      };
    if (sec.password === f.password)
      return {
        path: ['password'],
        message: 'this is the password already configured; give the wrong one',
      };
    iis.outboundSecurity = { ...sec, password: f.password };
    return null;
  },

  /** General › Enable logging unticked (the default since Server 2008): no W3C lines at all. */
  'logging-disabled': (world, f) => {
    const iis = iisOf(world, f.host);
    if (isProblem(iis)) return iis;
    if (iis.logging?.enabled !== true)
      return {
        path: ['host'],
        message: `logging on '${f.host}' is already off (the IIS default), so this fault would change nothing`,
      };
    iis.logging = { ...iis.logging, enabled: false };
    return null;
  },

  /** Delivery › retry intervals changed (e.g. all 240 minutes): a deferred message waits hours. */
  'slow-retry': (world, f) => {
    const iis = iisOf(world, f.host);
    if (isProblem(iis)) return iis;
    iis.retryMinutes = f.retryMinutes;
    return null;
  },

  /**
   * A domain IIS relays to (remote domain, relay allowed, routed by DNS) whose MX is this server:
   * with direct delivery IIS sees itself as the next hop (mail loop, 5.3.5); through a smart host
   * the message circles until the hop count is exceeded (5.4.6).
   */
  'mail-loop': (world, f) => {
    const host = hostAt(world, f.host, 'host', ['iis']);
    if (isProblem(host)) return host;
    const name = f.domain.toLowerCase();
    if (!world.dns.some((r) => r.type === 'A' && r.name.toLowerCase() === host.fqdn.toLowerCase()))
      return {
        path: ['host'],
        message: `'${host.fqdn}' has no A record, so an MX pointing at it would not resolve`,
      };
    host.iis ??= {};
    const others = (host.iis.remoteDomains ?? []).filter((d) => d.name.toLowerCase() !== name);
    host.iis.remoteDomains = [
      ...others,
      { name: f.domain, allowRelay: true, smartHost: '', outboundTls: false, sendHelo: false },
    ];
    world.dns = world.dns.filter((r) => !(r.type === 'MX' && r.name.toLowerCase() === name));
    world.dns.push({ type: 'MX', name: f.domain, value: host.fqdn, preference: 10, ttl: 3600 });
    return null;
  },

  /** The remote server refuses messages above its own size limit (552 at MAIL or after DATA). */
  'receiver-size-limit': (world, f) => {
    const host = hostAt(world, f.host, 'host', ['receiver']);
    if (isProblem(host)) return host;
    if (!host.receiver) return { path: ['host'], message: `host '${f.host}' runs no mail server` };
    host.receiver.maxMessageKb = f.maxKb;
    return null;
  },

  /** The partner now requires STARTTLS before MAIL (RFC 3207 §4): 530 5.7.0 to plain sessions. */
  'receiver-requires-tls': (world, f) => {
    const problem = changePolicy(world, f.host, { requireTls: true });
    if (problem) return problem;
    world.hosts[f.host]!.receiver!.tls = true;
    return null;
  },

  /** The receiver greylists: the first try of each (IP, sender, recipient) gets 450 (§9.4). */
  greylisting: (world, f) => changePolicy(world, f.host, { greylistMinutes: f.minutes }),

  /** The receiver defers a client that sends more than `max` messages per window (§9.8). */
  'receiver-rate-limit': (world, f) =>
    changePolicy(world, f.host, { rateLimit: { max: f.max, windowMinutes: f.windowMinutes } }),

  /** The domain's MX records are gone (or point to a name that does not resolve). */
  'missing-mx': (world, f) => {
    const name = f.domain.toLowerCase();
    const before = world.dns.length;
    world.dns = world.dns.filter((r) => !(r.type === 'MX' && r.name.toLowerCase() === name));
    if (world.dns.length === before)
      return {
        path: ['domain'],
        message: `the world's DNS has no MX record for '${f.domain}' to remove`,
      };
    if (f.danglingTo) {
      const target = f.danglingTo.toLowerCase();
      if (world.dns.some((r) => r.type === 'A' && r.name.toLowerCase() === target))
        return {
          path: ['danglingTo'],
          message: `'${f.danglingTo}' has an A record; a dangling MX must name a host that does not resolve`,
        };
      world.dns.push({
        type: 'MX',
        name: f.domain,
        value: f.danglingTo,
        preference: 10,
        ttl: 3600,
      });
    }
    return null;
  },

  /** The PTR (reverse DNS) record of the host's public address is missing (reference §9.1). */
  'missing-ptr': (world, f) => {
    const host = hostAt(world, f.host, 'host');
    if (isProblem(host)) return host;
    const ip = publicAddress(host);
    const before = world.dns.length;
    world.dns = world.dns.filter((r) => !(r.type === 'PTR' && r.name === ip));
    if (world.dns.length === before)
      return {
        path: ['host'],
        message: `the world's DNS has no PTR record for ${ip} (${f.host}) to remove`,
      };
    return null;
  },

  /** The domain's SPF record does not authorise the server that really sends (reference §9.2). */
  'spf-mismatch': (world, f) => {
    const name = f.domain.toLowerCase();
    world.dns = world.dns.filter(
      (r) => !(r.type === 'TXT' && r.name.toLowerCase() === name && r.value.startsWith('v=spf1')),
    );
    world.dns.push({ type: 'TXT', name: f.domain, value: f.record, ttl: 3600 });
    return null;
  },

  /** The host's public address is listed on a DNS blocklist: `<reversed IP>.<zone>` answers (§9.3). */
  blocklisted: (world, f) => {
    const host = hostAt(world, f.host, 'host');
    if (isProblem(host)) return host;
    const ip = publicAddress(host);
    const name = `${ip.split('.').reverse().join('.')}.${f.zone}`;
    if (world.dns.some((r) => r.name.toLowerCase() === name.toLowerCase()))
      return { path: ['host'], message: `${ip} is already listed in ${f.zone}` };
    const reason =
      f.reason ??
      (/spamhaus/i.test(f.zone)
        ? `https://check.spamhaus.org/listed/?searchterm=${ip}`
        : `Listed by ${f.zone}`);
    world.dns.push(
      { type: 'A', name, value: '127.0.0.2', ttl: 300 },
      { type: 'TXT', name, value: reason, ttl: 300 },
    );
    return null;
  },

  /** The DNS server resets TCP queries (KB 263237): nslookup works, IIS's lookups fail. */
  'dns-refuses-tcp': (world, f) => breakDnsServer(world, f.host, { refusesTcp: true }),

  /** The DNS server answers nothing: every lookup times out. */
  'dns-server-down': (world, f) => breakDnsServer(world, f.host, { down: true }),

  /**
   * A mail program left on the IIS host (hMailServer) starts with Windows and takes the SMTP port
   * first: the virtual server cannot bind (smtpsvc 115), and clients talk to the program instead.
   */
  'port-in-use': (world, f) => {
    const host = hostAt(world, f.host, 'host', ['iis']);
    if (isProblem(host)) return host;
    if (host.receiver)
      return { path: ['host'], message: `host '${f.host}' already runs another mail server` };
    const bindings = host.iis?.bindings ?? [{ ip: '', port: 25 }];
    if (!bindings.some((b) => b.port === f.port))
      return {
        path: ['port'],
        message: `the virtual server on '${f.host}' does not listen on port ${f.port} (it listens on ${bindings.map((b) => b.port).join(', ')}), so a program there would take nothing from it`,
      };
    const program = PROGRAMS[f.program] as ProgramInfo;
    const parent = host.fqdn.slice(host.fqdn.indexOf('.') + 1);
    host.services = {
      ...host.services,
      [program.service]: { status: 'Running', startType: 'Automatic' },
    };
    // Both start with Windows; the program got the port first (SMTPSVC runs, its instance does not).
    const smtp = Object.keys(host.services).find((k) => k.toUpperCase() === 'SMTPSVC') ?? 'SMTPSVC';
    host.services[smtp] = {
      status: 'Running',
      startType: host.services[smtp]?.startType ?? 'Automatic',
    };
    host.receiver = receiverSchema.parse({
      dialect: program.dialect,
      domains: [`helpdesk.${parent}`],
      ports: [f.port],
      tls: false,
      service: program.service,
    });
    return null;
  },

  /**
   * The logging schedule is "Unlimited file size": one W3C file, extend1.log, has grown for years
   * until volume C: has no free space left. IIS refuses new mail (452 4.3.1) and writes no log.
   */
  'disk-full': (world, f) => {
    const host = hostAt(world, f.host, 'host', ['iis']);
    if (isProblem(host)) return host;
    const start = Date.parse(world.start);
    const since = new Date(start - 3 * 365 * 86_400_000).toISOString();
    const logging = host.iis?.logging;
    host.iis = { ...host.iis, logging: { ...logging, enabled: true, schedule: 'unlimited' } };
    const fields = logging?.fields ?? ['time', 'c-ip', 'cs-method', 'cs-uri-stem', 'sc-status'];
    host.disk = { sizeMb: Math.max(61_440, f.logGb * 1024 + 20_480), freeMb: 0 };
    host.files = [
      ...(host.files ?? []).filter((x) => x.path.toLowerCase() !== EXTEND1.toLowerCase()),
      {
        path: EXTEND1,
        sizeMb: f.logGb * 1024,
        // Still written to until the disk filled, a few hours before the learner arrives.
        modified: new Date(start - 6 * 3_600_000).toISOString(),
        text: [
          '#Software: Microsoft Internet Information Services 10.0',
          '#Version: 1.0',
          `#Date: ${since.slice(0, 10)} ${since.slice(11, 19)}`,
          `#Fields: ${fields.join(' ')} `,
          '',
        ].join('\r\n'),
      },
    ];
    return null;
  },
};

const EXTEND1 = 'C:\\Windows\\System32\\LogFiles\\SMTPSVC1\\extend1.log';

export function applyFault(world: WorldSpec, fault: Fault): FaultProblem | null {
  const apply = APPLIERS[fault.kind] as Applier<typeof fault.kind>;
  return apply(world, fault);
}

export const FAULT_KINDS = Object.keys(APPLIERS) as Fault['kind'][];
