/** The SPF evaluator (RFC 7208) over the world's DNS. */
import { describe, expect, it } from 'vitest';
import { Dns } from '../../../src/sim/dns/dns';
import { checkHost } from '../../../src/sim/smtp/spf';
import type { DnsFailure, DnsRecord } from '../../../src/sim/scenario/schema';

const txt = (name: string, value: string): DnsRecord => ({ type: 'TXT', name, value, ttl: 3600 });
const a = (name: string, value: string): DnsRecord => ({ type: 'A', name, value, ttl: 3600 });
const mx = (name: string, value: string): DnsRecord => ({
  type: 'MX',
  name,
  value,
  preference: 10,
  ttl: 3600,
});
const spf = (
  records: DnsRecord[],
  ip: string,
  domain = 'contoso.com',
  failures: DnsFailure[] = [],
) => checkHost(new Dns(records, failures).via(undefined), ip, domain);

describe('checkHost', () => {
  it('should pass an address listed with ip4 and fail others under -all', () => {
    const r = [txt('contoso.com', 'v=spf1 ip4:203.0.113.5 -all')];
    expect(spf(r, '203.0.113.5')).toBe('pass');
    expect(spf(r, '203.0.113.6')).toBe('fail');
  });

  it('should match ip4 networks and apply each qualifier', () => {
    expect(spf([txt('contoso.com', 'v=spf1 ip4:203.0.113.0/24 -all')], '203.0.113.77')).toBe(
      'pass',
    );
    expect(spf([txt('contoso.com', 'v=spf1 ~all')], '192.0.2.1')).toBe('softfail');
    expect(spf([txt('contoso.com', 'v=spf1 ?all')], '192.0.2.1')).toBe('neutral');
    expect(spf([txt('contoso.com', 'v=spf1 -ip4:192.0.2.1 +all')], '192.0.2.1')).toBe('fail');
  });

  it('should never match an IPv4 client with ip6', () => {
    expect(spf([txt('contoso.com', 'v=spf1 ip6:2001:db8::/32 -all')], '203.0.113.5')).toBe('fail');
  });

  it('should follow a, mx and include', () => {
    const r = [
      txt('contoso.com', 'v=spf1 a mx:contoso.net include:spf.hosted.example -all'),
      a('contoso.com', '203.0.113.10'),
      mx('contoso.net', 'mail.contoso.net'),
      a('mail.contoso.net', '203.0.113.20'),
      txt('spf.hosted.example', 'v=spf1 ip4:40.92.0.0/15 -all'),
    ];
    expect(spf(r, '203.0.113.10')).toBe('pass');
    expect(spf(r, '203.0.113.20')).toBe('pass');
    expect(spf(r, '40.93.1.2')).toBe('pass');
    expect(spf(r, '203.0.113.5')).toBe('fail');
  });

  it('should use redirect= when no mechanism matched', () => {
    expect(
      spf(
        [
          txt('contoso.com', 'v=spf1 redirect=_spf.contoso.com'),
          txt('_spf.contoso.com', 'v=spf1 ip4:203.0.113.5 -all'),
        ],
        '203.0.113.5',
      ),
    ).toBe('pass');
  });

  it('should say none without a record and permerror with two', () => {
    expect(spf([], '203.0.113.5')).toBe('none');
    expect(
      spf([txt('contoso.com', 'v=spf1 -all'), txt('contoso.com', 'v=spf1 +all')], '203.0.113.5'),
    ).toBe('permerror');
    expect(spf([txt('contoso.com', 'google-site-verification=abc')], '203.0.113.5')).toBe('none');
  });

  it('should stop after ten DNS lookups (RFC 7208 §4.6.4)', () => {
    const chain = Array.from({ length: 11 }, (_, i) =>
      txt(`s${i}.contoso.com`, `v=spf1 include:s${i + 1}.contoso.com -all`),
    );
    expect(
      spf(
        [
          txt('contoso.com', 'v=spf1 include:s0.contoso.com -all'),
          ...chain,
          txt('s11.contoso.com', 'v=spf1 +all'),
        ],
        '203.0.113.5',
      ),
    ).toBe('permerror');
  });

  it('should give temperror when the DNS fails and permerror for include of a domain without SPF', () => {
    expect(
      spf([txt('contoso.com', 'v=spf1 -all')], '203.0.113.5', 'contoso.com', [
        { name: 'contoso.com', query: 'TXT', error: 'servfail' },
      ]),
    ).toBe('temperror');
    expect(
      spf(
        [txt('contoso.com', 'v=spf1 include:nospf.example -all'), a('nospf.example', '192.0.2.1')],
        '203.0.113.5',
      ),
    ).toBe('permerror');
  });

  it('should call unknown mechanisms and macros a permerror', () => {
    expect(spf([txt('contoso.com', 'v=spf1 foo:bar -all')], '203.0.113.5')).toBe('permerror');
    expect(
      spf([txt('contoso.com', 'v=spf1 exists:%{i}.spf.contoso.com -all')], '203.0.113.5'),
    ).toBe('permerror');
  });
});
