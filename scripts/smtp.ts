/**
 * `npm run smtp -- --scenario <id|file> [--port 2525] [--host 127.0.0.1] [--speed N] [--from HOST]
 *   [--to HOST] [--lang en|ja] [--tls-cert FILE --tls-key FILE] [--allow-remote]`
 *
 * Serves a scenario's IIS SMTP virtual server on a real local port so that real SMTP clients
 * (telnet, swaks, Send-MailMessage, an application) talk to the simulator. See docs/trainers.md.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createScenarioWorld } from '../src/sim/index';
import { CONNECT_TIMEOUT_MS } from '../src/sim/net/network';
import { isLoopbackAddress, startSmtpAdapter } from './smtp/adapter';
import { LogTail, localTime, type TailLine } from './smtp/logTail';
import { messages, type Lang } from './smtp/messages';
import { markdownToPlainText, terminalSafe } from './smtp/plainText';
import { findScenario, pickHosts, runClockInRealTime } from './smtp/scenarioWorld';
import { makeSelfSignedCert, type CertPair } from './smtp/selfSigned';

const USAGE = `Usage: npm run smtp -- --scenario <id|file.yaml> [options]
  --port N          real TCP port (default 2525; 0 = any free port)
  --host ADDR       address to listen on (default 127.0.0.1; loopback only)
  --allow-remote    permit a non-loopback --host (exposes the simulator to your network)
  --speed N         virtual seconds per real second (default 1)
  --from HOST       world host the connections come from (default: the scenario's app host)
  --to HOST         world host running IIS (default: the scenario's IIS host)
  --lang en|ja      language of the briefing and these messages (default en)
  --tls-cert FILE --tls-key FILE   certificate for the real TLS after STARTTLS (default: a
                    self-signed one via openssl, when the scenario's server has a certificate)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function readPem(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    return fail(`${flag}: cannot read ${path}: ${(err as Error).message}`);
  }
}

function parse() {
  try {
    return parseArgs({
      options: {
        scenario: { type: 'string' },
        port: { type: 'string', default: '2525' },
        host: { type: 'string', default: '127.0.0.1' },
        'allow-remote': { type: 'boolean', default: false },
        speed: { type: 'string', default: '1' },
        from: { type: 'string' },
        to: { type: 'string' },
        lang: { type: 'string', default: 'en' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    return fail(`${(err as Error).message}\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const args = parse();
  if (args.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (!args.scenario) fail(`--scenario is required\n${USAGE}`);
  const port = Number(args.port);
  const speed = Number(args.speed);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`--port: expected a whole number from 0 to 65535, got '${args.port}'`);
  if (!Number.isFinite(speed) || speed <= 0 || speed > 100_000)
    fail(`--speed: expected a number above 0 (up to 100000), got '${args.speed}'`);
  if (args.lang !== 'en' && args.lang !== 'ja')
    fail(`--lang: expected en or ja, got '${args.lang}'`);
  if (!isLoopbackAddress(args.host) && !args['allow-remote']) {
    fail(
      `Refusing to listen on ${args.host}: it is not a loopback address, so other machines could reach the simulator.\n` +
        `Use --host 127.0.0.1 (the default), or add --allow-remote if you really mean to expose it on your network.`,
    );
  }
  if (!!args['tls-cert'] !== !!args['tls-key']) fail('--tls-cert and --tls-key go together');
  const lang: Lang = args.lang;
  const t = messages[lang];

  const found = findScenario(args.scenario);
  if (!found.ok) fail(found.message);
  const { scenario } = found;
  const hosts = pickHosts(scenario, { from: args.from, to: args.to });
  if (!hosts.ok) fail(hosts.message);
  const world = createScenarioWorld(scenario, { locale: lang });
  const { ctx } = world.internals;
  const iis = ctx.hosts.get(hosts.iisHost)!;
  const from = ctx.hosts.get(hosts.fromHost)!;
  const offset = scenario.resolvedWorld.utcOffset;
  const now = () => localTime(ctx.clock.now(), ctx.utcOffsetMinutes);
  // Log lines echo what clients sent: show control characters rather than obey them.
  const print = (line: string) => process.stdout.write(`${terminalSafe(line)}\n`);

  // A certificate for the real socket is needed only when the simulated server has one.
  const offersTls = world.internals.iis.get(hosts.iisHost)?.settings.tls.certificate ?? false;
  const tlsPair: CertPair | null =
    args['tls-cert'] && args['tls-key']
      ? {
          cert: readPem(args['tls-cert'], '--tls-cert'),
          key: readPem(args['tls-key'], '--tls-key'),
        }
      : offersTls
        ? makeSelfSignedCert(iis.fqdn)
        : null;

  const tail = new LogTail(world, [hosts.iisHost]);
  const before = tail.skipExisting();
  const show = (l: TailLine) => {
    if (l.kind === 'w3c') print(`W3C    ${l.line}`);
    else {
      const e = l.entry;
      const [first, ...rest] = e.message.split(/\r?\n/).filter((x) => x !== '');
      print(
        `EVENT  ${l.host} ${e.log} ${e.level} ${e.source} ${e.eventId} ${localTime(e.time, ctx.utcOffsetMinutes)}  ${first ?? ''}`,
      );
      for (const r of rest) print(`       ${r}`);
    }
  };
  const flush = () => tail.poll().forEach(show);

  const adapter = await startSmtpAdapter({
    world,
    fromHost: hosts.fromHost,
    iisHost: hosts.iisHost,
    host: args.host,
    port,
    allowRemote: args['allow-remote'],
    tls: tlsPair ?? undefined,
    silentCloseMs: CONNECT_TIMEOUT_MS / speed,
    onActivity: flush,
    onNotice: (n) => print(`[${now()}] ${t.notice(n)}`),
  }).catch((err: Error) => fail(err.message));

  print(t.title);
  for (const line of t.intro({
    scenarioId: scenario.id,
    file: found.file,
    listen: `${adapter.address.host}:${adapter.address.port}`,
    iisHost: hosts.iisHost,
    iisIp: iis.ips[0] as string,
    fromHost: hosts.fromHost,
    fromIp: ctx.net.sourceIpFor(from, iis.ips[0] as string),
    clock: now(),
    offset,
    speed,
    w3cLines: before.w3cLines,
    events: before.events,
    tls: !offersTls ? 'notOffered' : tlsPair ? 'ready' : 'noCertificate',
  }))
    print(line);
  print('');
  print(`──── ${t.briefing}: ${scenario.title[lang]} ────`);
  process.stdout.write(`${markdownToPlainText(scenario.briefing[lang])}\n`);
  print('────────');

  const stopClock = runClockInRealTime(world, speed, flush);
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(130); // a second Ctrl+C does not wait
    stopping = true;
    stopClock();
    await adapter.close();
    flush();
    const queue = world.snapshot().queues[hosts.iisHost]?.length ?? 0;
    for (const line of t.stopped(adapter.stats, now(), queue, hosts.iisHost)) print(line);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
