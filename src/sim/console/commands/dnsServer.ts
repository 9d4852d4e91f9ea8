/**
 * The DnsServer module against the company's Windows DNS server (run remotely with -ComputerName,
 * as admins do from a member server): Get-DnsServerResourceRecord and Add-DnsServerResourceRecord
 * A / MX / Ptr. The server hosts only the company's own zones: the reverse zone of a public address
 * belongs to the ISP, so a public PTR cannot be added here (reference §9.1).
 */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { psBinding } from '../messages';
import type { DnsRecord } from '../../scenario/schema';
import type { HostRuntime } from '../../world/host';
import { reverseName } from '../../dns/dns';

const ORG_ROLES = ['iis', 'app', 'dns', 'client'];
const isPrivate = (ip: string) => /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip);

/** Zones the company's DNS server holds: its hosts' domains and the reverse zones of their private /24s. */
export function hostedZones(env: CommandEnv): string[] {
  const zones = new Set<string>();
  for (const h of env.ctx.hosts.values()) {
    if (!ORG_ROLES.includes(h.role)) continue;
    const dot = h.fqdn.indexOf('.');
    if (dot > 0) zones.add(h.fqdn.slice(dot + 1).toLowerCase());
    for (const ip of h.ips.filter(isPrivate))
      zones.add(`${ip.split('.').slice(0, 3).reverse().join('.')}.in-addr.arpa`);
  }
  return [...zones];
}

function psError(
  env: CommandEnv,
  cmdlet: string,
  line: string,
  message: string,
  category: string,
  id: string,
): string[] {
  return [
    `${cmdlet} : ${message}`,
    env.msg.psAtLine,
    `+ ${line}`,
    `+ ${'~'.repeat(Math.max(1, line.length))}`,
    `    + CategoryInfo          : ${category}`,
    `    + FullyQualifiedErrorId : ${id},${cmdlet}`,
    '',
  ];
}

/** The DNS server and zone a command targets, or the error it prints. */
function target(
  env: CommandEnv,
  cmdlet: string,
  line: string,
  named: Record<string, string | true>,
): { server: HostRuntime; zone: string } | string[] {
  const serverName = String(named.ComputerName ?? env.host.name);
  const zone = String(named.ZoneName ?? '')
    .toLowerCase()
    .replace(/\.$/, '');
  const server = [...env.ctx.hosts.values()].find(
    (h) =>
      h.name.toLowerCase() === serverName.toLowerCase() ||
      h.fqdn.toLowerCase() === serverName.toLowerCase(),
  );
  const fail = (code: number) =>
    psError(
      env,
      cmdlet,
      line,
      env.locale === 'ja'
        ? `サーバー ${serverName} 上の ${zone} のゾーン情報を取得できませんでした。`
        : `Failed to get the zone information for ${zone} on server ${serverName}.`,
      `ObjectNotFound: (${zone}:root/Microsoft/...rverResourceRecord) [${cmdlet}], CimException`,
      `WIN32 ${code}`,
    );
  if (!zone) return psBinding.missingMandatory(env.msg, cmdlet, line, ['ZoneName'], cmdlet);
  if (!server || server.role !== 'dns') return fail(1722);
  if (!hostedZones(env).includes(zone)) return fail(9601);
  return { server, zone };
}

/** `@`/`.` means the zone apex; other names are relative to the zone. */
function ownerName(name: string, zone: string): string {
  return name === '@' || name === '.' || name === ''
    ? zone
    : name.toLowerCase().endsWith(`.${zone}`)
      ? name
      : `${name}.${zone}`;
}

function relativeName(name: string, zone: string): string {
  const n = name.toLowerCase();
  if (n === zone) return '@';
  return n.endsWith(`.${zone}`) ? name.slice(0, name.length - zone.length - 1) : name;
}

const TYPE_CODE: Record<DnsRecord['type'], number> = { A: 1, PTR: 12, MX: 15, TXT: 16 };
const ttlText = (s: number) =>
  `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;

/** Records of a zone as the server stores them (PTR records are keyed by IP in the world). */
function zoneRecords(env: CommandEnv, zone: string): { host: string; r: DnsRecord }[] {
  return env.ctx.dns.records.flatMap((r): { host: string; r: DnsRecord }[] => {
    if (r.type === 'PTR') {
      const rev = reverseName(r.name);
      return rev.endsWith(`.${zone}`) ? [{ host: relativeName(rev, zone), r }] : [];
    }
    const n = r.name.toLowerCase();
    return n === zone || n.endsWith(`.${zone}`) ? [{ host: relativeName(r.name, zone), r }] : [];
  });
}

function recordData(r: DnsRecord): string {
  if (r.type === 'MX') return `[${r.preference}][${r.value}.]`;
  if (r.type === 'PTR') return `${r.value}.`;
  return r.value;
}

export const getDnsServerResourceRecord: Command = {
  names: ['Get-DnsServerResourceRecord'],
  shells: ['powershell'],
  summary: {
    en: 'List records of a zone on the DNS server (-ComputerName DC01 -ZoneName contoso.com -RRType MX).',
    ja: 'DNS サーバーのゾーンのレコードを表示します (-ComputerName DC01 -ZoneName contoso.com -RRType MX)。',
  },
  usage: 'Get-DnsServerResourceRecord -ComputerName DC01 -ZoneName contoso.com -RRType MX',
  run(args, env, line) {
    const b = bindPs(args, ['ZoneName', 'ComputerName', 'RRType', 'Name'], []);
    if (b.unknown)
      return psBinding.paramNotFound(
        env.msg,
        'Get-DnsServerResourceRecord',
        line,
        b.unknown,
        'Get-DnsServerResourceRecord',
      );
    const t = target(env, 'Get-DnsServerResourceRecord', line, {
      ...b.named,
      ZoneName: b.named.ZoneName ?? b.positional[0] ?? '',
    });
    if (Array.isArray(t)) return t;
    const type = (b.named.RRType as string | undefined)?.toUpperCase();
    const rows = zoneRecords(env, t.zone).filter(({ r }) => !type || r.type === type);
    return [
      '',
      'HostName                  RecordType Type       Timestamp            TimeToLive      RecordData',
      '--------                  ---------- ----       ---------            ----------      ----------',
      ...rows.map(
        ({ host, r }) =>
          `${host.padEnd(25)} ${r.type.padEnd(10)} ${String(TYPE_CODE[r.type]).padEnd(10)} ${'0'.padEnd(20)} ${ttlText(r.ttl).padEnd(15)} ${recordData(r)}`,
      ),
      '',
    ];
  },
};

function adder(
  cmdlet: string,
  params: string[],
  /** The record to add, or the mandatory parameters left out. */
  build: (named: Record<string, string | true>, zone: string) => DnsRecord | { missing: string[] },
): Command['run'] {
  return (args, env, line) => {
    const b = bindPs(
      args,
      ['ZoneName', 'ComputerName', 'Name', 'TimeToLive', ...params],
      ['PassThru', 'CreatePtr'],
    );
    if (b.unknown) return psBinding.paramNotFound(env.msg, cmdlet, line, b.unknown, cmdlet);
    const t = target(env, cmdlet, line, b.named);
    if (Array.isArray(t)) return t;
    const record = build(b.named, t.zone);
    if ('missing' in record)
      return psBinding.missingMandatory(env.msg, cmdlet, line, record.missing, cmdlet);
    const exists = env.ctx.dns.records.some(
      (r) =>
        r.type === record.type &&
        r.name.toLowerCase() === record.name.toLowerCase() &&
        r.value.toLowerCase() === record.value.toLowerCase(),
    );
    const owner = relativeName(
      record.type === 'PTR' ? reverseName(record.name) : record.name,
      t.zone,
    );
    if (exists)
      return psError(
        env,
        cmdlet,
        line,
        env.locale === 'ja'
          ? `サーバー ${t.server.name} 上の ${t.zone} ゾーンにリソース レコード ${owner} を作成できませんでした。`
          : `Failed to create resource record ${owner} in ${t.zone} zone on server ${t.server.name}.`,
        `ResourceExists: (${owner}:root/Microsoft/...rverResourceRecord) [${cmdlet}], CimException`,
        'WIN32 9711',
      );
    env.ctx.dns.records.push(record);
    env.ctx.changed();
    return [];
  };
}

export const addDnsServerResourceRecordMX: Command = {
  names: ['Add-DnsServerResourceRecordMX'],
  shells: ['powershell'],
  summary: {
    en: 'Add an MX record: -ComputerName DC01 -ZoneName contoso.com -Name "." -MailExchange host -Preference 10.',
    ja: 'MX レコードを追加します: -ComputerName DC01 -ZoneName contoso.com -Name "." -MailExchange ホスト -Preference 10。',
  },
  usage:
    'Add-DnsServerResourceRecordMX -ComputerName DC01 -ZoneName contoso.com -Name "." -MailExchange mail.contoso.com -Preference 10',
  run: adder('Add-DnsServerResourceRecordMX', ['MailExchange', 'Preference'], (n, zone) => {
    const exchange = String(n.MailExchange ?? '').replace(/\.$/, '');
    const preference = Number(n.Preference ?? NaN);
    if (!exchange || !Number.isInteger(preference) || preference < 0 || preference > 65535)
      return { missing: ['MailExchange', 'Preference'] };
    return {
      type: 'MX',
      name: ownerName(String(n.Name ?? '.'), zone),
      value: exchange,
      preference,
      ttl: 3600,
    };
  }),
};

export const addDnsServerResourceRecordA: Command = {
  names: ['Add-DnsServerResourceRecordA'],
  shells: ['powershell'],
  summary: {
    en: 'Add an A record: -ComputerName DC01 -ZoneName contoso.com -Name relay -IPv4Address 10.0.0.9.',
    ja: 'A レコードを追加します: -ComputerName DC01 -ZoneName contoso.com -Name relay -IPv4Address 10.0.0.9。',
  },
  usage:
    'Add-DnsServerResourceRecordA -ComputerName DC01 -ZoneName contoso.com -Name relay -IPv4Address 10.0.0.9',
  run: adder('Add-DnsServerResourceRecordA', ['IPv4Address'], (n, zone) => {
    const ip = String(n.IPv4Address ?? '');
    if (!/^(\d{1,3}\.){3}\d{1,3}$/.test(ip) || !n.Name) return { missing: ['Name', 'IPv4Address'] };
    return { type: 'A', name: ownerName(String(n.Name), zone), value: ip, ttl: 3600 };
  }),
};

export const addDnsServerResourceRecordPtr: Command = {
  names: ['Add-DnsServerResourceRecordPtr'],
  shells: ['powershell'],
  summary: {
    en: 'Add a PTR record in a reverse zone the DNS server hosts: -ZoneName 0.0.10.in-addr.arpa -Name 5 -PtrDomainName host.',
    ja: 'DNS サーバーが持つ逆引きゾーンに PTR レコードを追加します: -ZoneName 0.0.10.in-addr.arpa -Name 5 -PtrDomainName ホスト。',
  },
  usage:
    'Add-DnsServerResourceRecordPtr -ComputerName DC01 -ZoneName 0.0.10.in-addr.arpa -Name 5 -PtrDomainName web01.contoso.com',
  run: adder('Add-DnsServerResourceRecordPtr', ['PtrDomainName'], (n, zone) => {
    const target = String(n.PtrDomainName ?? '').replace(/\.$/, '');
    const host = String(n.Name ?? '');
    // Zone 0.0.10.in-addr.arpa + name 5 → 10.0.0.5.
    const octets = [
      ...zone
        .replace(/\.in-addr\.arpa$/, '')
        .split('.')
        .reverse(),
      ...host.split('.').reverse(),
    ];
    if (!target || !/^\d{1,3}(\.\d{1,3})*$/.test(host) || octets.length !== 4)
      return { missing: ['Name', 'PtrDomainName'] };
    return { type: 'PTR', name: octets.join('.'), value: target, ttl: 3600 };
  }),
};
