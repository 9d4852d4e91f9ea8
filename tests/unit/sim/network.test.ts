/**
 * The network's outcomes and the evidence each leaves (reference §8.1, §8.2, §9.7): refused
 * (nothing listens), timed out (a firewall, the perimeter or the ISP drops the SYN), unreachable
 * (no host at the address). Perimeter and ISP rules are ordered lists applied to traffic leaving
 * the site, matched on the private or the public (NAT) address.
 */
import { describe, expect, it } from 'vitest';
import { advance, at, baseWorld, events, mailWorld, send, START } from './mailWorld';

const run = (w: ReturnType<typeof mailWorld>, line: string, host = 'WEB01') =>
  w.send({ type: 'console.line', host, line }).output;
const tnc = (w: ReturnType<typeof mailWorld>, target: string, port: number) =>
  run(w, `Test-NetConnection ${target} -Port ${port}`);
const relay = {
  fqdn: 'smtp.isp.example',
  role: 'receiver',
  ips: ['198.51.100.50'],
  receiver: { dialect: 'postfix', domains: ['isp.example'], ports: [25, 587] },
};
const isp = (rules: Record<string, unknown>[]) => ({
  hosts: { RELAY: relay },
  perimeter: rules,
  dns: [...baseWorld.dns, { type: 'A', name: 'smtp.isp.example', value: '198.51.100.50' }],
});
const fourThousandSix = (w: ReturnType<typeof mailWorld>) =>
  events(w)
    .filter((e) => e.eventId === 4006)
    .map((e) => e.message.replace(/^.*for the following reason: /, ''));

describe('ISP and perimeter rules', () => {
  it('should drop outbound 25 from the public address while 587 passes (OP25B)', () => {
    const w = mailWorld(
      isp([{ name: 'OP25B', owner: 'isp', from: '203.0.113.5', port: 25, action: 'block' }]),
    );
    expect(tnc(w, 'mx1.example.net', 25).at(-2)).toBe('TcpTestSucceeded       : False');
    expect(tnc(w, 'smtp.isp.example', 587).at(-2)).toBe('TcpTestSucceeded : True');
    // Traffic inside the site never crosses the ISP: APP01 still reaches WEB01 on 25.
    expect(run(w, 'Test-NetConnection web01.contoso.com -Port 25', 'APP01')).toContain(
      'TcpTestSucceeded : True',
    );
  });

  it('should match a rule written for the private address too', () => {
    const w = mailWorld(
      isp([
        { name: 'Deny SMTP', owner: 'perimeter', from: '10.0.0.0/24', port: 25, action: 'block' },
      ]),
    );
    expect(tnc(w, 'mx1.example.net', 25).at(-2)).toBe('TcpTestSucceeded       : False');
  });

  it('should let the first matching rule decide (an allow before a block)', () => {
    const w = mailWorld(
      isp([
        {
          name: 'Allow relay',
          owner: 'perimeter',
          from: '10.0.0.5',
          to: '198.51.100.50',
          port: 25,
          action: 'allow',
        },
        { name: 'Deny SMTP', owner: 'perimeter', from: '10.0.0.0/24', port: 25, action: 'block' },
      ]),
    );
    expect(tnc(w, 'smtp.isp.example', 25).at(-2)).toBe('TcpTestSucceeded : True');
    expect(tnc(w, 'mx1.example.net', 25).at(-2)).toBe('TcpTestSucceeded       : False');
  });
});

describe('evidence of each outcome', () => {
  it('refused: fails at once, ping works, event 4006 "Unable to make a connection"', () => {
    const w = mailWorld({ hosts: { MX1: { receiver: { ports: [587] } } } });
    const before = at(w);
    expect(tnc(w, 'mx1.example.net', 25).slice(0, 3)).toEqual([
      'WARNING: TCP connect to (198.51.100.25 : 25) failed',
      '',
      '',
    ]);
    expect(tnc(w, 'mx1.example.net', 25)).toContain('PingSucceeded          : True');
    expect(run(w, 'telnet mx1.example.net 25')).toEqual([
      'Connecting To mx1.example.net...',
      'Could not open connection to the host, on port 25: Connect failed',
    ]);
    expect(at(w)).toBe(before);
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(fourThousandSix(w)).toEqual(['Unable to make a connection to the destination server.']);
  });

  it('timed out: a dropped SYN costs about 21 seconds, ping times out, event 4006 "did not respond"', () => {
    const w = mailWorld({
      hosts: { MX1: { firewall: { enabled: true, rules: [] }, answersPing: false } },
    });
    const out = tnc(w, 'mx1.example.net', 25);
    expect(out.slice(0, 2)).toEqual([
      'WARNING: TCP connect to (198.51.100.25 : 25) failed',
      'WARNING: Ping to 198.51.100.25 failed with status: TimedOut',
    ]);
    expect(at(w)).toBe(START + 21_000);
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(fourThousandSix(w)).toEqual([
      'The remote server did not respond to a connection attempt.',
    ]);
  });

  it('unreachable: no host at the address; on the local subnet ping says DestinationHostUnreachable', () => {
    const w = mailWorld({
      dns: [
        ...baseWorld.dns.filter((r) => r.name !== 'mx1.example.net'),
        { type: 'A', name: 'mx1.example.net', value: '198.51.100.99' },
      ],
    });
    expect(tnc(w, 'mx1.example.net', 25)[1]).toBe(
      'WARNING: Ping to 198.51.100.99 failed with status: TimedOut',
    );
    expect(tnc(w, '10.0.0.77', 25)[1]).toBe(
      'WARNING: Ping to 10.0.0.77 failed with status: DestinationHostUnreachable',
    );
    send(w, ['taro@example.net']);
    advance(w, 2_000);
    expect(fourThousandSix(w)).toEqual([
      'The remote server did not respond to a connection attempt.',
    ]);
  });

  it('should put the Japanese warning prefix on Test-NetConnection and keep the rest English (ja-terms §6.2)', () => {
    const w = mailWorld({
      hosts: { MX1: { firewall: { enabled: true, rules: [] }, answersPing: false } },
    });
    w.send({ type: 'world.locale', locale: 'ja' });
    expect(tnc(w, 'mx1.example.net', 25).slice(0, 2)).toEqual([
      '警告: TCP connect to (198.51.100.25 : 25) failed',
      '警告: Ping to 198.51.100.25 failed with status: TimedOut',
    ]);
  });
});
