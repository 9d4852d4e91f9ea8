/**
 * The fault library: every kind, applied to the contoso base world, makes exactly the documented
 * change; a fault that does not fit the world (missing host, wrong role, nothing to change) gives
 * a clear error naming the parameter; every kind is documented in docs/faults.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFault, FAULT_KINDS } from '../../../src/sim/scenario/faults';
import { parseBaseWorld } from '../../../src/sim/scenario/load';
import { faultSchema, type Fault, type WorldSpec } from '../../../src/sim/scenario/schema';
import { ROOT, readBases } from '../../../scripts/lib/scenarioFiles';

function base(): WorldSpec {
  const r = parseBaseWorld(readBases().contoso as string, 'contoso.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.world;
}

/** Parse the fault through the schema (defaults filled in), apply it, return the changed world. */
function applied(input: Record<string, unknown>, prepare?: (w: WorldSpec) => void): WorldSpec {
  const world = base();
  prepare?.(world);
  const problem = applyFault(world, faultSchema.parse(input));
  expect(problem).toBeNull();
  return world;
}

function problemOf(input: Record<string, unknown>, world = base()) {
  return applyFault(world, faultSchema.parse(input) as Fault);
}

const dnsOf = (w: WorldSpec, type: string, name: string) =>
  w.dns.filter((r) => r.type === type && r.name === name);

/** One case per kind: the fault and what must be true of the world afterwards. */
/** Basic outbound authentication to a smart host, which `outbound-auth-wrong` needs to break. */
const withSmartHostAuth = (w: WorldSpec) => {
  w.hosts.WEB01!.iis = {
    ...w.hosts.WEB01!.iis,
    smartHost: 'smtp.isp.example',
    outboundPort: 587,
    outboundSecurity: { auth: 'basic', user: 'contoso-web', password: 'right', tls: true },
  };
};
const policyOf = (w: WorldSpec, host: string) => w.hosts[host]!.receiver!.policy;
const NO_CHECKS = {
  requirePtr: false,
  requireFcrdns: false,
  dnsbl: [],
  spf: false,
  requireTls: false,
  requireFqdnHelo: false,
};

const CASES: Record<
  Fault['kind'],
  {
    fault: Record<string, unknown>;
    prepare?: (w: WorldSpec) => void;
    check: (w: WorldSpec, before: WorldSpec) => void;
  }
> = {
  'firewall-block-outbound': {
    fault: {
      kind: 'firewall-block-outbound',
      host: 'WEB01',
      ruleName: 'Block SMTP Outbound (baseline)',
    },
    check: (w, b) => {
      expect(w.hosts.WEB01!.firewall!.rules.length).toBe(b.hosts.WEB01!.firewall!.rules.length + 1);
      expect(w.hosts.WEB01!.firewall!.rules.at(-1)).toEqual({
        name: 'Block SMTP Outbound (baseline)',
        displayName: 'Block SMTP Outbound (baseline)',
        direction: 'out',
        action: 'block',
        enabled: true,
        protocol: 'TCP',
        localPort: 'Any',
        remotePort: '25',
        remoteAddress: 'Any',
      });
    },
  },
  'firewall-inbound-closed': {
    fault: { kind: 'firewall-inbound-closed', host: 'WEB01' },
    check: (w) => {
      const smtpIn = w.hosts.WEB01!.firewall!.rules.find((r) => r.name === 'SMTP-In')!;
      expect(smtpIn.enabled).toBe(false);
      // Other inbound rules are untouched.
      expect(w.hosts.WEB01!.firewall!.rules.find((r) => r.localPort === '3389')!.enabled).toBe(
        true,
      );
    },
  },
  'perimeter-block-outbound': {
    fault: { kind: 'perimeter-block-outbound', from: 'WEB01' },
    check: (w) =>
      expect(w.perimeter).toEqual([
        {
          name: 'Deny SMTP from server segment',
          owner: 'perimeter',
          from: '10.0.0.5',
          to: '0.0.0.0/0',
          port: 25,
          action: 'block',
        },
      ]),
  },
  'isp-block-outbound': {
    fault: { kind: 'isp-block-outbound', from: 'WEB01' },
    check: (w) =>
      expect(w.perimeter).toEqual([
        {
          name: 'OP25B',
          owner: 'isp',
          from: '203.0.113.5',
          to: '0.0.0.0/0',
          port: 25,
          action: 'block',
        },
      ]),
  },
  'destination-down': {
    fault: { kind: 'destination-down', host: 'MX1' },
    check: (w) => {
      expect(w.hosts.MX1!.firewall).toEqual({ enabled: true, rules: [] });
      expect(w.hosts.MX1!.answersPing).toBe(false);
    },
  },
  'wrong-binding': {
    fault: { kind: 'wrong-binding', host: 'WEB01', ip: '10.0.0.6' },
    check: (w) => expect(w.hosts.WEB01!.iis!.bindings).toEqual([{ ip: '10.0.0.6', port: 25 }]),
  },
  'service-stopped': {
    fault: { kind: 'service-stopped', host: 'WEB01', startType: 'Disabled' },
    check: (w) => {
      expect(w.hosts.WEB01!.services!.SMTPSVC).toEqual({
        status: 'Stopped',
        startType: 'Disabled',
      });
      expect(w.hosts.WEB01!.services!.IISADMIN).toEqual({
        status: 'Running',
        startType: 'Automatic',
      });
    },
  },
  'relay-denied': {
    fault: { kind: 'relay-denied', host: 'WEB01', client: 'APP01' },
    check: (w) => expect(w.hosts.WEB01!.iis!.relay!.list).toEqual([]),
  },
  'open-relay': {
    fault: { kind: 'open-relay', host: 'WEB01' },
    check: (w) => expect(w.hosts.WEB01!.iis!.relay).toEqual({ mode: 'allExceptList', list: [] }),
  },
  'iis-size-limit': {
    fault: { kind: 'iis-size-limit', host: 'WEB01', maxKb: 1024 },
    check: (w) => expect(w.hosts.WEB01!.iis!.maxMessageKb).toBe(1024),
  },
  'wrong-smart-host': {
    fault: { kind: 'wrong-smart-host', host: 'WEB01', smartHost: 'relay-old.contoso.com' },
    check: (w) => expect(w.hosts.WEB01!.iis!.smartHost).toBe('relay-old.contoso.com'),
  },
  'wrong-fqdn': {
    fault: { kind: 'wrong-fqdn', host: 'WEB01', fqdn: 'WEB01' },
    check: (w) => expect(w.hosts.WEB01!.iis!.fqdn).toBe('WEB01'),
  },
  'anonymous-off': {
    fault: { kind: 'anonymous-off', host: 'WEB01' },
    check: (w) => expect(w.hosts.WEB01!.iis!.auth).toEqual({ anonymous: false, basic: true }),
  },
  'tls-required-inbound': {
    fault: { kind: 'tls-required-inbound', host: 'WEB01' },
    check: (w) => expect(w.hosts.WEB01!.iis!.tls).toEqual({ certificate: true, required: true }),
  },
  'outbound-auth-wrong': {
    fault: { kind: 'outbound-auth-wrong', host: 'WEB01', password: 'old-password' },
    prepare: withSmartHostAuth,
    check: (w) =>
      expect(w.hosts.WEB01!.iis!.outboundSecurity).toEqual({
        auth: 'basic',
        user: 'contoso-web',
        password: 'old-password',
        tls: true,
      }),
  },
  'logging-disabled': {
    fault: { kind: 'logging-disabled', host: 'WEB01' },
    check: (w, b) =>
      expect(w.hosts.WEB01!.iis!.logging).toEqual({
        ...b.hosts.WEB01!.iis!.logging,
        enabled: false,
      }),
  },
  'slow-retry': {
    fault: { kind: 'slow-retry', host: 'WEB01', retryMinutes: [240, 240, 240, 240] },
    check: (w) => expect(w.hosts.WEB01!.iis!.retryMinutes).toEqual([240, 240, 240, 240]),
  },
  'mail-loop': {
    fault: { kind: 'mail-loop', host: 'WEB01', domain: 'corp.contoso.com' },
    check: (w) => {
      expect(w.hosts.WEB01!.iis!.remoteDomains).toEqual([
        {
          name: 'corp.contoso.com',
          allowRelay: true,
          smartHost: '',
          outboundTls: false,
          sendHelo: false,
        },
      ]);
      expect(dnsOf(w, 'MX', 'corp.contoso.com').map((r) => r.value)).toEqual(['web01.contoso.com']);
    },
  },
  'receiver-requires-tls': {
    fault: { kind: 'receiver-requires-tls', host: 'MX1' },
    check: (w) => {
      expect(policyOf(w, 'MX1')).toEqual({ ...NO_CHECKS, requireTls: true });
      expect(w.hosts.MX1!.receiver!.tls).toBe(true);
    },
  },
  greylisting: {
    fault: { kind: 'greylisting', host: 'MX1', minutes: 10 },
    check: (w) => expect(policyOf(w, 'MX1')).toEqual({ ...NO_CHECKS, greylistMinutes: 10 }),
  },
  'receiver-rate-limit': {
    fault: { kind: 'receiver-rate-limit', host: 'MX1', max: 5 },
    check: (w) =>
      expect(policyOf(w, 'MX1')).toEqual({
        ...NO_CHECKS,
        rateLimit: { max: 5, windowMinutes: 60 },
      }),
  },
  blocklisted: {
    fault: { kind: 'blocklisted', host: 'WEB01' },
    check: (w, b) => {
      expect(w.dns.slice(b.dns.length)).toEqual([
        { type: 'A', name: '5.113.0.203.zen.spamhaus.org', value: '127.0.0.2', ttl: 300 },
        {
          type: 'TXT',
          name: '5.113.0.203.zen.spamhaus.org',
          value: 'https://check.spamhaus.org/listed/?searchterm=203.0.113.5',
          ttl: 300,
        },
      ]);
    },
  },
  'dns-refuses-tcp': {
    fault: { kind: 'dns-refuses-tcp', host: 'DC01' },
    check: (w) =>
      expect(w.hosts.DC01!.dnsServer).toEqual({ down: false, servfail: false, refusesTcp: true }),
  },
  'dns-server-down': {
    fault: { kind: 'dns-server-down', host: 'DC01' },
    check: (w) =>
      expect(w.hosts.DC01!.dnsServer).toEqual({ down: true, servfail: false, refusesTcp: false }),
  },
  'receiver-size-limit': {
    fault: { kind: 'receiver-size-limit', host: 'MX1', maxKb: 5000 },
    check: (w) => expect(w.hosts.MX1!.receiver!.maxMessageKb).toBe(5000),
  },
  'missing-mx': {
    fault: { kind: 'missing-mx', domain: 'example.net' },
    check: (w, b) => {
      expect(dnsOf(w, 'MX', 'example.net')).toEqual([]);
      expect(w.dns.length).toBe(b.dns.length - 1);
    },
  },
  'missing-ptr': {
    fault: { kind: 'missing-ptr', host: 'WEB01' },
    check: (w, b) => {
      expect(dnsOf(w, 'PTR', '203.0.113.5')).toEqual([]);
      expect(dnsOf(w, 'A', 'web01.contoso.com')).toEqual(dnsOf(b, 'A', 'web01.contoso.com'));
    },
  },
  'spf-mismatch': {
    fault: {
      kind: 'spf-mismatch',
      domain: 'contoso.com',
      record: 'v=spf1 include:spf.protection.outlook.com -all',
    },
    check: (w) =>
      expect(dnsOf(w, 'TXT', 'contoso.com').map((r) => r.value)).toEqual([
        'v=spf1 include:spf.protection.outlook.com -all',
      ]),
  },
  'port-in-use': {
    fault: { kind: 'port-in-use', host: 'WEB01' },
    check: (w, b) => {
      expect(w.hosts.WEB01!.services).toEqual({
        ...b.hosts.WEB01!.services,
        SMTPSVC: { status: 'Running', startType: 'Automatic' },
        hMailServer: { status: 'Running', startType: 'Automatic' },
      });
      expect(w.hosts.WEB01!.receiver).toEqual({
        dialect: 'hmailserver',
        domains: ['helpdesk.contoso.com'],
        ports: [25],
        tls: false,
        accounts: [],
        busy: false,
        service: 'hMailServer',
      });
    },
  },
  'disk-full': {
    fault: { kind: 'disk-full', host: 'WEB01', logGb: 38 },
    check: (w, b) => {
      expect(w.hosts.WEB01!.disk).toEqual({ sizeMb: 61_440, freeMb: 0 });
      expect(w.hosts.WEB01!.iis!.logging).toEqual({
        ...b.hosts.WEB01!.iis!.logging,
        enabled: true,
        schedule: 'unlimited',
      });
      expect(w.hosts.WEB01!.files?.map((f) => [f.path, f.sizeMb, f.modified])).toEqual([
        [
          'C:\\Windows\\System32\\LogFiles\\SMTPSVC1\\extend1.log',
          38 * 1024,
          '2026-03-04T18:30:00.000Z',
        ],
      ]);
      expect(w.hosts.WEB01!.files?.[0]?.text.split('\r\n').slice(0, 3)).toEqual([
        '#Software: Microsoft Internet Information Services 10.0',
        '#Version: 1.0',
        '#Date: 2023-03-06 00:30:00',
      ]);
    },
  },
};

describe('fault library', () => {
  it('should have a test case for every fault kind', () => {
    expect(Object.keys(CASES).sort()).toEqual([...FAULT_KINDS].sort());
  });

  it('should document every fault kind in docs/faults.md', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'faults.md'), 'utf8');
    const headings = [...doc.matchAll(/^## `([a-z0-9-]+)`/gm)].map((m) => m[1]);
    expect(headings.sort()).toEqual([...FAULT_KINDS].sort());
  });

  for (const kind of FAULT_KINDS) {
    it(`should apply ${kind} to the base world as documented`, () => {
      const c = CASES[kind];
      const before = base();
      c.prepare?.(before);
      c.check(applied(c.fault, c.prepare), before);
    });
  }

  it('should name the missing host and list the hosts there are', () => {
    expect(problemOf({ kind: 'firewall-block-outbound', host: 'WEB02' })).toEqual({
      path: ['host'],
      message: "no host named 'WEB02' in the world (hosts: WEB01, APP01, DC01, MX1, WWW)",
    });
    expect(problemOf({ kind: 'relay-denied', host: 'WEB01', client: 'APP02' })?.path).toEqual([
      'client',
    ]);
    expect(problemOf({ kind: 'perimeter-block-outbound', from: 'NOPE' })?.path).toEqual(['from']);
  });

  it('should refuse a host of the wrong role', () => {
    expect(problemOf({ kind: 'open-relay', host: 'APP01' })).toEqual({
      path: ['host'],
      message: "host 'APP01' has role 'app'; this fault needs a host with role 'iis'",
    });
    expect(problemOf({ kind: 'receiver-size-limit', host: 'WEB01', maxKb: 10 })?.message).toBe(
      "host 'WEB01' has role 'iis'; this fault needs a host with role 'receiver'",
    );
  });

  it('should refuse a fault that would change nothing', () => {
    expect(problemOf({ kind: 'missing-mx', domain: 'contoso.com' })?.message).toBe(
      "the world's DNS has no MX record for 'contoso.com' to remove",
    );
    expect(problemOf({ kind: 'missing-ptr', host: 'APP01' })?.message).toBe(
      "the world's DNS has no PTR record for 10.0.0.20 (APP01) to remove",
    );
    expect(problemOf({ kind: 'relay-denied', host: 'WEB01', client: 'DC01' })?.message).toBe(
      "'DC01' is not on the relay list of 'WEB01': relay is already denied, so this fault would change nothing",
    );
    expect(problemOf({ kind: 'firewall-inbound-closed', host: 'WEB01', port: 587 })?.message).toBe(
      "host 'WEB01' has no enabled inbound allow rule for port 587 to disable",
    );
    expect(problemOf({ kind: 'service-stopped', host: 'APP01', service: 'SMTPSVC' })?.message).toBe(
      "host 'APP01' has no service 'SMTPSVC'",
    );
  });

  it('should refuse IIS and DNS faults that would change nothing', () => {
    expect(problemOf({ kind: 'wrong-binding', host: 'WEB01', ip: '10.0.0.5' })?.path).toEqual([
      'ip',
    ]);
    expect(problemOf({ kind: 'outbound-auth-wrong', host: 'WEB01', password: 'x' })?.message).toBe(
      "host 'WEB01' has no Basic outbound authentication to break; set iis.outboundSecurity (auth: basic, user, password) in the world first",
    );
    const w = base();
    withSmartHostAuth(w);
    expect(
      problemOf({ kind: 'outbound-auth-wrong', host: 'WEB01', password: 'right' }, w)?.path,
    ).toEqual(['password']);
    const once = applied({ kind: 'blocklisted', host: 'WEB01' });
    expect(problemOf({ kind: 'blocklisted', host: 'WEB01' }, once)?.message).toBe(
      '203.0.113.5 is already listed in zen.spamhaus.org',
    );
    const quiet = applied({ kind: 'logging-disabled', host: 'WEB01' });
    expect(problemOf({ kind: 'logging-disabled', host: 'WEB01' }, quiet)?.message).toBe(
      "logging on 'WEB01' is already off (the IIS default), so this fault would change nothing",
    );
    expect(problemOf({ kind: 'dns-refuses-tcp', host: 'WEB01' })?.message).toBe(
      "host 'WEB01' has role 'iis'; this fault needs a host with role 'dns'",
    );
    expect(problemOf({ kind: 'greylisting', host: 'WWW' })?.message).toBe(
      "host 'WWW' has role 'web'; this fault needs a host with role 'receiver'",
    );
  });

  it('should point a dangling MX only at a name that does not resolve', () => {
    expect(
      problemOf({ kind: 'missing-mx', domain: 'example.net', danglingTo: 'www.example.com' })?.path,
    ).toEqual(['danglingTo']);
    const w = applied({
      kind: 'missing-mx',
      domain: 'example.net',
      danglingTo: 'mail.example.net',
    });
    expect(dnsOf(w, 'MX', 'example.net').map((r) => r.value)).toEqual(['mail.example.net']);
  });

  it('should let an ISP block keep exceptions in front of the block', () => {
    const w = applied({ kind: 'isp-block-outbound', from: 'WEB01', allowTo: ['MX1'] });
    expect(w.perimeter.map((r) => [r.to, r.action])).toEqual([
      ['198.51.100.25', 'allow'],
      ['0.0.0.0/0', 'block'],
    ]);
    expect(
      problemOf({ kind: 'isp-block-outbound', from: 'WEB01', allowTo: ['NOPE'] })?.path,
    ).toEqual(['allowTo', 0]);
  });

  it('should leave a stale address on the relay list when asked', () => {
    const w = applied({
      kind: 'relay-denied',
      host: 'WEB01',
      client: 'APP01',
      staleIp: '10.0.0.21',
    });
    expect(w.hosts.WEB01!.iis!.relay!.list).toEqual(['10.0.0.21']);
  });

  it('should stop SMTPSVC with IIS Admin, its dependency', () => {
    const w = applied({ kind: 'service-stopped', host: 'WEB01', service: 'IISADMIN' });
    expect(w.hosts.WEB01!.services!.IISADMIN!.status).toBe('Stopped');
    expect(w.hosts.WEB01!.services!.SMTPSVC!.status).toBe('Stopped');
  });

  it('should give schema errors that say what is expected', () => {
    const r = faultSchema.safeParse({ kind: 'iis-size-limit', host: 'WEB01', maxKb: 0 });
    expect(r.success ? [] : r.error.issues.map((i) => i.message)).toEqual([
      'expected a size in KB of at least 1',
    ]);
    const s = faultSchema.safeParse({
      kind: 'wrong-smart-host',
      host: 'WEB01',
      smartHost: 'bad host',
    });
    expect(s.success ? [] : s.error.issues.map((i) => i.message)).toEqual([
      'expected a host name like relay.example.net or an address in brackets like [192.0.2.10]',
    ]);
    const t = faultSchema.safeParse({
      kind: 'spf-mismatch',
      domain: 'contoso.com',
      record: 'spf1 -all',
    });
    expect(t.success ? [] : t.error.issues.map((i) => i.message)).toEqual([
      "expected an SPF record starting with 'v=spf1'",
    ]);
  });
});
