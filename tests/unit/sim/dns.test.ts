/** DNS failure modes and how IIS and the console show them (reference §3.8, §6.2, §8.3, §8.4). */
import { describe, expect, it } from 'vitest';
import { Dns, dnsServersOf } from '../../../src/sim/dns/dns';
import {
  advance,
  events,
  invariant,
  mailbox,
  mailWorld,
  queueOf,
  send,
  worldSpec,
} from './mailWorld';

const console = (w: ReturnType<typeof mailWorld>, line: string) =>
  w.send({ type: 'console.line', host: 'WEB01', line }).output;

describe('resolver', () => {
  const spec = worldSpec({
    hosts: {
      DC02: {
        fqdn: 'dc02.contoso.local',
        role: 'dns',
        ips: ['10.0.0.3'],
        dnsServer: { refusesTcp: true },
      },
    },
  });
  const dns = new Dns(
    spec.dns,
    [{ name: 'broken.example', query: 'MX', error: 'servfail' }],
    dnsServersOf(spec.hosts),
  );

  it('should tell a missing name from a name without records of the type', () => {
    expect(dns.mx('nosuch.example').kind).toBe('nxdomain');
    expect(dns.mx('web01.contoso.com').kind).toBe('nodata');
    // contoso.com exists only because names below it have records (RFC 8020).
    expect(dns.a('contoso.com').kind).toBe('nodata');
  });

  it('should fail a broken name for its query type only, for every resolver', () => {
    expect(dns.mx('broken.example').kind).toBe('servfail');
    expect(dns.a('broken.example').kind).toBe('nxdomain');
    expect(dns.via('10.0.0.2').mx('broken.example').kind).toBe('servfail');
  });

  it('should refuse TCP queries only at a server that resets TCP', () => {
    expect(dns.via('10.0.0.3').mx('example.net').kind).toBe('answer');
    expect(dns.via('10.0.0.3').mx('example.net', { tcp: true }).kind).toBe('refused');
    expect(dns.via('10.0.0.2').mx('example.net', { tcp: true }).kind).toBe('answer');
  });

  it('should time out at an address where no DNS server runs, and fail over to the next server', () => {
    expect(dns.via('10.0.0.99').a('mx1.example.net').kind).toBe('timeout');
    expect(dns.viaAny(['10.0.0.99', '10.0.0.2']).a('mx1.example.net')).toEqual({
      kind: 'answer',
      records: [{ name: 'mx1.example.net', ip: '198.51.100.25', ttl: 3600 }],
    });
  });
});

describe('IIS and a DNS server that resets TCP (KB 263237)', () => {
  const world = () => mailWorld({ hosts: { DC01: { dnsServer: { refusesTcp: true } } } });

  it('should keep the mail queued and log event 4000 with 0xC00402E7', () => {
    const w = world();
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(events(w).map((e) => e.message)).toEqual([
      "Message delivery to the remote domain 'example.net' failed for the following reason: An internal DNS error caused a failure to find the remote server.\r\n\r\nData: 0000: c00402e7",
    ]);
    expect(queueOf(w)[0]!.lastError).toBe(
      'An internal DNS error caused a failure to find the remote server.',
    );
    expect(invariant(w)).toEqual([]);
  });

  it('should answer nslookup over UDP but not with -vc (TCP)', () => {
    const w = world();
    expect(console(w, 'nslookup -type=mx example.net')).toEqual([
      'Server:  dc01.contoso.local',
      'Address:  10.0.0.2',
      '',
      'Non-authoritative answer:',
      'example.net     MX preference = 10, mail exchanger = mx1.example.net',
      '',
      'mx1.example.net internet address = 198.51.100.25',
      '',
    ]);
    expect(console(w, 'nslookup -vc -type=mx example.net')).toEqual([
      'Server:  UnKnown',
      'Address:  10.0.0.2',
      '',
      "*** UnKnown can't find example.net: No response from server",
    ]);
  });

  it('should deliver once IIS is given external DNS servers that answer over TCP', () => {
    const w = mailWorld({
      hosts: {
        DC01: { dnsServer: { refusesTcp: true } },
        DC02: { fqdn: 'dc02.contoso.local', role: 'dns', ips: ['10.0.0.3'] },
      },
    });
    w.send({ type: 'config.set', host: 'WEB01', patch: { externalDnsServers: ['10.0.0.3'] } });
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(mailbox(w, 'taro@example.net')).toHaveLength(1);
  });
});

describe('a DNS server that is down', () => {
  const world = (locale: 'en' | 'ja' = 'en') => {
    const w = mailWorld({ hosts: { DC01: { dnsServer: { down: true } } } });
    w.send({ type: 'world.locale', locale });
    return w;
  };

  it('should log 4000 with 0xC00402F2 and keep retrying', () => {
    const w = world();
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(events(w)[0]!.message).toBe(
      "Message delivery to the remote domain 'example.net' failed for the following reason: SMTP could not connect to any DNS server.\r\n\r\nData: 0000: c00402f2",
    );
    expect(queueOf(w)[0]!.nextAttemptAt).not.toBeNull();
  });

  it('should show nslookup timing out as in §8.3, in English and Japanese', () => {
    const timedOut = ['DNS request timed out.', '    timeout was 2 seconds.'];
    expect(console(world(), 'nslookup example.net')).toEqual([
      ...timedOut,
      'Server:  UnKnown',
      'Address:  10.0.0.2',
      '',
      ...timedOut,
      ...timedOut,
      '*** Request to UnKnown timed-out',
    ]);
    expect(console(world('ja'), 'nslookup example.net')).toEqual([
      ...timedOut,
      'サーバー:  UnKnown',
      'Address:  10.0.0.2',
      '',
      ...timedOut,
      ...timedOut,
      '*** Request to UnKnown timed-out',
    ]);
  });

  it('should localise the Win32 message of Resolve-DnsName in Japanese and keep the ids', () => {
    const out = console(world('ja'), 'Resolve-DnsName example.net -Type MX');
    expect([out[0], out[1], out[5]]).toEqual([
      'Resolve-DnsName : example.net : タイムアウト期間が経過したため、この操作は終了しました',
      '発生場所 行:1 文字:1',
      '    + FullyQualifiedErrorId : ERROR_TIMEOUT,Microsoft.DnsClient.Commands.ResolveDnsName',
    ]);
  });

  it('should show Resolve-DnsName timing out', () => {
    const out = console(world(), 'Resolve-DnsName example.net -Type MX');
    expect([out[0], out[4], out[5]]).toEqual([
      'Resolve-DnsName : example.net : This operation returned because the timeout period expired',
      '    + CategoryInfo          : OperationTimeout: (example.net:String) [Resolve-DnsName], Win32Exception',
      '    + FullyQualifiedErrorId : ERROR_TIMEOUT,Microsoft.DnsClient.Commands.ResolveDnsName',
    ]);
  });
});

describe('a broken zone', () => {
  const world = () =>
    mailWorld({ dnsFailures: [{ name: 'example.net', query: 'MX', error: 'servfail' }] });

  it('should be a transient DNS error for IIS', () => {
    const w = world();
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(events(w)[0]!.message).toContain(
      'An internal DNS error caused a failure to find the remote server.',
    );
    expect(queueOf(w)).toHaveLength(1);
  });

  it('should show "Server failed" in nslookup and "DNS server failure" in Resolve-DnsName', () => {
    const w = world();
    expect(console(w, 'nslookup -type=mx example.net')).toEqual([
      'Server:  dc01.contoso.local',
      'Address:  10.0.0.2',
      '',
      "*** dc01.contoso.local can't find example.net: Server failed",
    ]);
    expect(console(w, 'Resolve-DnsName example.net -Type MX')[0]).toBe(
      'Resolve-DnsName : example.net : DNS server failure',
    );
    // Other record types of the same name still resolve.
    expect(console(w, 'nslookup mx1.example.net').at(-2)).toBe('Address:  198.51.100.25');
  });
});
