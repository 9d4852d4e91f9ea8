/**
 * The IIS configuration model (reference §4): defaults of a fresh install, the mapping to the
 * protocol engine, and changes through configPatch (every setting; a bad value changes nothing).
 */
import { describe, expect, it, vi } from 'vitest';
import {
  defaultIisSettings,
  mergeSettings,
  settingsProblem,
  toSessionConfig,
  type IisSettings,
} from '../../../src/sim/smtp/iisSettings';
import { applyConfigPatch, SETTING_CHECKS } from '../../../src/sim/world/configPatch';
import { SETTING_NAMES } from '../../../src/sim/scenario/settingNames';
import type { IisServer } from '../../../src/sim/world/iisServer';

const fresh = () => defaultIisSettings('web01.contoso.com', 'WEB01', 540);

function server(settings: IisSettings = fresh()) {
  const settingsChanged = vi.fn();
  return { s: { settings, queue: { settingsChanged } } as unknown as IisServer, settingsChanged };
}

describe('defaults of a fresh virtual server (reference §4)', () => {
  const d = fresh();
  it.each([
    ['General: identity (All Unassigned):25', d.bindings, [{ ip: '', port: 25 }]],
    ['General: no connection limit', d.maxConnections, null],
    ['General: connection time-out 10 minutes', d.connectionTimeoutMin, 10],
    [
      'General: logging off, W3C, daily, UTC names',
      [d.logging.enabled, d.logging.format, d.logging.schedule, d.logging.localTimeNaming],
      [false, 'w3c', 'daily', false],
    ],
    [
      'General: default W3C fields',
      d.logging.fields,
      ['time', 'c-ip', 'cs-method', 'cs-uri-stem', 'sc-status'],
    ],
    [
      'Access: anonymous only',
      d.auth,
      {
        anonymous: true,
        basic: false,
        basicRequiresTls: false,
        defaultDomain: '',
        integrated: false,
      },
    ],
    ['Access: no certificate, TLS not required', d.tls, { certificate: false, required: false }],
    [
      'Access: connection control all except an empty list',
      d.connectionControl,
      { mode: 'allExceptList', list: [], domains: [] },
    ],
    [
      'Access: relay only an empty list, authenticated clients allowed',
      d.relay,
      { mode: 'onlyList', list: [], domains: [], allowAuthenticated: true },
    ],
    [
      'Messages: 2048 KB, 10240 KB session, 20 messages, 100 recipients',
      [d.maxMessageKb, d.maxSessionKb, d.maxMessagesPerConnection, d.maxRecipients],
      [2048, 10240, 20, 100],
    ],
    [
      'Messages: no NDR copy, Badmail folder',
      [d.ndrCopyTo, d.badmailDirectory],
      ['', 'C:\\Inetpub\\mailroot\\Badmail'],
    ],
    ['Delivery: retries 15/30/60/240 minutes', d.retryMinutes, [15, 30, 60, 240]],
    [
      'Delivery: delay 12 h, expiry 2 days, remote and local',
      [d.delayNotificationMin, d.expirationMin, d.localDelayNotificationMin, d.localExpirationMin],
      [720, 2880, 720, 2880],
    ],
    [
      'Delivery: anonymous outbound without TLS',
      d.outboundSecurity,
      { auth: 'anonymous', user: '', password: '', tls: false },
    ],
    [
      'Delivery: 1000 connections, 10 minutes, 100 per domain, port 25',
      [d.outboundConnections, d.outboundPort],
      [{ limit: 1000, timeoutMin: 10, perDomainLimit: 100 }, 25],
    ],
    [
      'Delivery: hop count 15, no masquerade, no smart host, no direct first, no reverse DNS',
      [
        d.maxHopCount,
        d.masqueradeDomain,
        d.smartHost,
        d.attemptDirectFirst,
        d.reverseDnsLookup,
        d.externalDnsServers,
      ],
      [15, '', '', false, false, []],
    ],
    [
      'Domains: the FQDN as default domain, no alias, no remote domain',
      [d.defaultLocalDomain, d.localDomains, d.remoteDomains],
      ['web01.contoso.com', [], []],
    ],
  ])('%s', (_, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});

describe('toSessionConfig', () => {
  it('should turn KB into bytes, minutes into ms, and remote relay domains into the relay policy', () => {
    const s = mergeSettings(fresh(), {
      maxSessionKb: 100,
      localDomains: ['contoso.com'],
      windowsAccounts: [{ user: 'alice', password: 'x' }],
      remoteDomains: [
        {
          name: 'partner.example',
          allowRelay: true,
          smartHost: '',
          outboundTls: false,
          sendHelo: false,
        },
        {
          name: 'other.example',
          allowRelay: false,
          smartHost: '[192.0.2.1]',
          outboundTls: true,
          sendHelo: true,
        },
      ],
    });
    const c = toSessionConfig(s);
    expect([c.maxMessageBytes, c.maxSessionBytes, c.connectionTimeoutMs]).toEqual([
      2_097_152, 102_400, 600_000,
    ]);
    expect(c.localDomains).toEqual(['web01.contoso.com', 'contoso.com']);
    expect(c.relay.relayDomains).toEqual(['partner.example']);
    expect(c.auth.accounts).toEqual([{ user: 'alice', password: 'x' }]);
    expect(c.defaultDomain).toBe('web01.contoso.com');
  });

  it('should map unchecked limits to null', () => {
    const c = toSessionConfig(
      mergeSettings(fresh(), { maxMessageKb: null, maxSessionKb: null, maxRecipients: null }),
    );
    expect([c.maxMessageBytes, c.maxSessionBytes, c.maxRecipients]).toEqual([null, null, null]);
  });
});

describe('mergeSettings and settingsProblem', () => {
  it('should merge nested groups one level deep and replace lists', () => {
    const s = mergeSettings(fresh(), { auth: { basic: true }, relay: { list: ['10.0.0.20'] } });
    expect(s.auth).toEqual({
      anonymous: true,
      basic: true,
      basicRequiresTls: false,
      defaultDomain: '',
      integrated: false,
    });
    expect(s.relay).toEqual({
      mode: 'onlyList',
      list: ['10.0.0.20'],
      domains: [],
      allowAuthenticated: true,
    });
  });

  it.each([
    [
      { maxMessageKb: 4096, maxSessionKb: 1024 },
      'maxSessionKb: the session size limit must not be smaller than the message size limit',
    ],
    [
      { tls: { certificate: false, required: true } },
      'tls.required: TLS can be required only when a certificate is installed',
    ],
    [
      { auth: { basicRequiresTls: true } },
      'auth.basicRequiresTls: TLS can be required only when a certificate is installed',
    ],
  ])('should report %j', (patch, problem) => {
    expect(settingsProblem(mergeSettings(fresh(), patch as never))).toBe(problem);
  });
});

/** One valid and one invalid value for every setting an administrator can change. */
const CASES: Record<string, [unknown, unknown]> = {
  fqdn: ['mail.contoso.com', 'not a host'],
  windowsAccounts: [[{ user: 'CONTOSO\\bob', password: 'p' }], [{ user: 'bob' }]],
  displayName: ['[Relay for apps]', ''],
  bindings: [[{ ip: '10.0.0.5', port: 2525 }], []],
  maxConnections: [50, 0],
  connectionTimeoutMin: [5, 0],
  'logging.enabled': [true, 'yes'],
  'logging.format': ['ncsa', 'csv'],
  'logging.schedule': ['hourly', 'yearly'],
  'logging.maxSizeMb': [100, -1],
  'logging.localTimeNaming': [true, 1],
  'logging.fields': [
    ['date', 'time'],
    ['date', 'cs-nonsense'],
  ],
  'auth.anonymous': [false, null],
  'auth.basic': [true, 'true'],
  'auth.basicRequiresTls': [false, 'no'],
  'auth.defaultDomain': ['CONTOSO', 'bad domain!'],
  'auth.integrated': [true, 0],
  'tls.certificate': [true, 'installed'],
  'tls.required': [false, 'always'],
  'connectionControl.mode': ['onlyList', 'denyAll'],
  'connectionControl.list': [['192.0.2.0/24'], ['192.0.2.0/33']],
  'connectionControl.domains': [['spam.example'], ['-bad-']],
  'relay.mode': ['allExceptList', 'open'],
  'relay.list': [['10.0.0.20', '10.0.1.0/24'], ['10.0.0.256']],
  'relay.domains': [['partner.example'], 'partner.example'],
  'relay.allowAuthenticated': [false, 'false'],
  maxMessageKb: [null, 1.5],
  maxSessionKb: [20480, 0],
  maxMessagesPerConnection: [150, 151],
  maxRecipients: [null, -5],
  ndrCopyTo: ['postmaster@contoso.com', 'postmaster'],
  badmailDirectory: ['D:\\mail\\Badmail', 'Badmail'],
  retryMinutes: [
    [10, 20, 40, 120],
    [10, 20, 40],
  ],
  delayNotificationMin: [60, 0],
  expirationMin: [4320, '2 days'],
  localDelayNotificationMin: [30, -30],
  localExpirationMin: [1440, null],
  'outboundSecurity.auth': ['basic', 'kerberos'],
  'outboundSecurity.user': ['relay@contoso.com', 42],
  'outboundSecurity.password': ['s3cret', null],
  'outboundSecurity.tls': [true, 'on'],
  'outboundConnections.limit': [null, 0],
  'outboundConnections.timeoutMin': [20, 0],
  'outboundConnections.perDomainLimit': [10, 'ten'],
  outboundPort: [587, 70000],
  maxHopCount: [30, 0],
  masqueradeDomain: ['contoso.com', 'contoso com'],
  smartHost: ['[192.0.2.10]', '[mail.example]'],
  attemptDirectFirst: [true, 'yes'],
  reverseDnsLookup: [true, 'yes'],
  externalDnsServers: [['192.0.2.53'], ['dns.example']],
  defaultLocalDomain: ['contoso.com', ''],
  localDomains: [['contoso.com', 'contoso.co.jp'], ['contoso..com']],
  remoteDomains: [
    [
      {
        name: '*.partner.example',
        allowRelay: true,
        smartHost: '',
        outboundTls: false,
        sendHelo: false,
      },
    ],
    [{ name: 'partner.example', allowRelay: true }],
  ],
};

describe('applyConfigPatch', () => {
  it('should cover every setting of the model, and nothing else', () => {
    expect(Object.keys(SETTING_CHECKS).sort()).toEqual([...SETTING_NAMES].sort());
    expect(Object.keys(CASES).sort()).toEqual([...SETTING_NAMES].sort());
  });

  for (const [key, [good, bad]] of Object.entries(CASES)) {
    it(`should set ${key} to a valid value`, () => {
      const { s } = server(
        mergeSettings(
          fresh(),
          key === 'tls.required' ? { tls: { certificate: true, required: true } } : {},
        ),
      );
      expect(applyConfigPatch(s, { [key]: good })).toBeNull();
      const value = key
        .split('.')
        .reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], s.settings);
      expect(value).toEqual(typeof good === 'string' ? good.trim() : good);
    });

    it(`should refuse a bad ${key} and change nothing`, () => {
      const { s } = server();
      const before = structuredClone(s.settings);
      const error = applyConfigPatch(s, { 'logging.enabled': true, [key]: bad });
      expect(error).toMatch(new RegExp(`^${key.replace(/\./g, '\\.')}: expected `));
      expect(s.settings).toEqual(before);
    });
  }

  it('should refuse an unknown setting', () => {
    const { s } = server();
    expect(applyConfigPatch(s, { maxMessageSize: 10 })).toBe('maxMessageSize: unknown setting');
    // A hostile patch (the UI and scenario files are untrusted input) must not reach the prototype.
    expect(applyConfigPatch(s, JSON.parse('{"__proto__": {"polluted": true}}'))).toBe(
      '__proto__: unknown setting',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('should refuse a patch that breaks a rule across settings, and apply one that keeps it', () => {
    const { s } = server();
    expect(applyConfigPatch(s, { 'tls.required': true })).toBe(
      'tls.required: TLS can be required only when a certificate is installed',
    );
    expect(s.settings.tls).toEqual({ certificate: false, required: false });
    expect(applyConfigPatch(s, { 'tls.certificate': true, 'tls.required': true })).toBeNull();
    expect(s.settings.tls).toEqual({ certificate: true, required: true });
    expect(applyConfigPatch(s, { maxSessionKb: 1000 })).toBe(
      'maxSessionKb: the session size limit must not be smaller than the message size limit',
    );
    expect(s.settings.maxSessionKb).toBe(10240);
  });

  it('should tell the queue when delay or expiry times change, and only then', () => {
    const { s, settingsChanged } = server();
    applyConfigPatch(s, { smartHost: 'relay.example.net' });
    expect(settingsChanged).not.toHaveBeenCalled();
    applyConfigPatch(s, { expirationMin: 60 });
    expect(settingsChanged).toHaveBeenCalledTimes(1);
  });
});
