/** nslookup: one-shot lookups and its interactive `> ` prompt (reference §8.3). */
import type { Command, CommandEnv, InteractivePrompt } from '../command';
import { consoleMessages } from '../messages';
import { ptrAddress, reverseName } from '../../dns/dns';
import { soaLines } from './soa';

/** nslookup's query options: `-type=` / `set type=`, and `-vc` / `set vc` (TCP). */
interface NslookupOptions {
  type: string;
  tcp: boolean;
}

/** The DNS server nslookup talks to, as it names it (reference §8.3). */
function nslookupServer(env: CommandEnv, tcp: boolean) {
  const resolver = env.ctx.dns.via(env.host.spec.dns);
  const serverIp = env.host.spec.dns ?? '10.0.0.2';
  const down = resolver.serverFailure({ tcp });
  // nslookup first asks the server for its own name; a server that does not answer is "UnKnown" (§8.3).
  const server = down === 'timeout' || down === 'refused' ? 'UnKnown' : env.ctx.dnsServerName;
  return { resolver, serverIp, down, server };
}

const TIMED_OUT = ['DNS request timed out.', '    timeout was 2 seconds.'];

/** What one lookup prints, server lines first: the same on the command line and at the `> ` prompt. */
function nslookupQuery(env: CommandEnv, name: string, o: NslookupOptions): string[] {
  // The language is read at each query: the learner may switch it while nslookup runs.
  const msg = consoleMessages(env.ctx.locale());
  const { resolver, serverIp, down, server } = nslookupServer(env, o.tcp);
  const opts = { tcp: o.tcp };
  const type = o.type;
  const timedOut = TIMED_OUT;
  const head = [
    ...(down === 'timeout' ? timedOut : []),
    `${msg.nslookupServer}  ${server}`,
    `Address:  ${serverIp}`,
    '',
  ];
  const fail = (kind: string) =>
    kind === 'timeout'
      ? [...head, ...timedOut, ...timedOut, `*** Request to ${server} timed-out`]
      : [
          ...head,
          msg.nslookupCantFind(
            server,
            name,
            kind === 'servfail'
              ? 'Server failed'
              : kind === 'refused'
                ? 'No response from server'
                : kind === 'nodata'
                  ? 'No records'
                  : 'Non-existent domain',
          ),
        ];
  const isIp = /^\d+\.\d+\.\d+\.\d+$/.test(name);
  if (isIp || type === 'PTR') {
    const ip = ptrAddress(name);
    const r = resolver.ptr(ip, opts);
    if (r.kind !== 'answer') return fail(r.kind);
    if (type === 'PTR')
      return [...head, ...r.records.map((p) => `${reverseName(ip).padEnd(30)} name = ${p.host}`)];
    return [...head, `${msg.nslookupName}    ${r.records[0]?.host}`, `Address:  ${ip}`, ''];
  }
  if (type === 'MX') {
    const r = resolver.mx(name, opts);
    // A name without MX records: nslookup shows the zone's SOA from the authority section.
    if (r.kind !== 'answer')
      return r.kind === 'nodata' ? [...head, ...soaLines(env, name)] : fail(r.kind);
    const glue = r.records.flatMap((mx) => {
      const a = resolver.a(mx.exchange, opts);
      return a.kind === 'answer'
        ? a.records.map((x) => `${mx.exchange.padEnd(15)} internet address = ${x.ip}`)
        : [];
    });
    return [
      ...head,
      msg.nslookupNonAuth,
      ...r.records.map(
        (mx) =>
          `${name.padEnd(15)} MX preference = ${mx.preference}, mail exchanger = ${mx.exchange}`,
      ),
      '',
      ...glue,
      ...(glue.length ? [''] : []),
    ];
  }
  if (type === 'TXT') {
    const r = resolver.txt(name, opts);
    if (r.kind !== 'answer')
      return r.kind === 'nodata' ? [...head, ...soaLines(env, name)] : fail(r.kind);
    return [
      ...head,
      msg.nslookupNonAuth,
      ...r.records.flatMap((t) => [`${name}\ttext =`, '', `\t"${t.text}"`]),
      '',
    ];
  }
  const r = resolver.a(name, opts);
  if (r.kind !== 'answer') return fail(r.kind);
  const addrs = r.records.map((x) => x.ip);
  return [
    ...head,
    msg.nslookupNonAuth,
    `${msg.nslookupName}    ${name}`,
    addrs.length > 1 ? `Addresses:  ${addrs.join('\n          ')}` : `Address:  ${addrs[0]}`,
    '',
  ];
}

/** nslookup's `set` options that exist but change nothing the simulator shows. */
const QUIET_OPTIONS =
  /^(no)?(debug|d2|defname|search|recurse|ignoretc|msxfr)$|^(all|class|domain|port|retry|root|srchlist|timeout|ixfrver)(=.*)?$/i;

/**
 * `nslookup` without a name: interactive mode with its `> ` prompt, as on Windows (reference §8.3:
 * `set q=mx`, `set vc`, `exit`). Names are looked up with the options set so far.
 */
function nslookupPrompt(env: CommandEnv, options: NslookupOptions): InteractivePrompt {
  const o = { ...options };
  return {
    prompt: '> ',
    line(text) {
      const msg = consoleMessages(env.ctx.locale());
      const words = text
        .trim()
        .split(/\s+/)
        .filter((w) => w !== '');
      const first = (words[0] ?? '').toLowerCase();
      if (words.length === 0) return { output: [], done: false };
      if (first === 'exit') return { output: [], done: true };
      if (first === 'set') {
        const option = words[1] ?? 'all';
        const type = /^(?:type|q|querytype)=(\w+)$/i.exec(option);
        if (type) o.type = (type[1] as string).toUpperCase();
        else if (/^vc$/i.test(option)) o.tcp = true;
        else if (/^novc$/i.test(option)) o.tcp = false;
        else if (!QUIET_OPTIONS.test(option))
          return { output: [msg.nslookupInvalidOption(option)], done: false };
        return { output: [], done: false };
      }
      if (/^(server|lserver|ls|finger|root|view|help|\?)$/.test(first))
        return { output: [msg.nslookupNotSimulated(words[0] as string)], done: false };
      const parsed = nslookupArgs(words);
      const name = parsed.names[0];
      if (!name) return { output: [], done: false };
      return { output: nslookupQuery(env, name, { ...o, ...parsed.options }), done: false };
    },
  };
}

/** `-type=mx`, `-vc` and names, from nslookup's command line. */
function nslookupArgs(args: string[]): { options: Partial<NslookupOptions>; names: string[] } {
  const options: Partial<NslookupOptions> = {};
  const names: string[] = [];
  for (const a of args) {
    const m = /^[-/](?:type|q|querytype)=(\w+)$/i.exec(a);
    if (m) options.type = (m[1] as string).toUpperCase();
    // `-vc` = "virtual circuit": query over TCP, as IIS SMTP does (KB 263237).
    else if (/^[-/]vc$/i.test(a)) options.tcp = true;
    else names.push(a);
  }
  return { options, names };
}

export const nslookup: Command = {
  names: ['nslookup', 'nslookup.exe'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'Query DNS: A, MX, PTR or TXT records (without a name: interactive, exit leaves).',
    ja: 'DNS を照会します (A、MX、PTR、TXT レコード。名前なしで対話モード、exit で終了)。',
  },
  usage: 'nslookup -type=mx example.net',
  run(args, env) {
    const { options, names } = nslookupArgs(args);
    const o: NslookupOptions = { type: 'A', tcp: false, ...options };
    const name = names[0];
    if (name) return nslookupQuery(env, name, o);
    // No name: the prompt, after the default server's name and address.
    const { down, server, serverIp } = nslookupServer(env, o.tcp);
    env.enterPrompt(nslookupPrompt(env, o));
    return [
      ...(down === 'timeout' ? TIMED_OUT : []),
      `${env.msg.nslookupDefaultServer}  ${server}`,
      `Address:  ${serverIp}`,
      '',
    ];
  },
};
