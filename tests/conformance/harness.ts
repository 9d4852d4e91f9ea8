/**
 * Conformance harness: a fresh world of the outbound-port-blocked scenario served on an ephemeral
 * loopback port, the protocol log lines written since, and a raw TCP client for framing tests.
 */
import net from 'node:net';
import { createScenarioWorld, type LoadedScenario, type World } from '../../src/sim/index';
import { loadScenarioFile } from '../../scripts/lib/scenarioFiles';
import {
  startSmtpAdapter,
  type AdapterOptions,
  type SmtpAdapter,
} from '../../scripts/smtp/adapter';

function loadScenario(): LoadedScenario {
  const result = loadScenarioFile('scenarios/connection/01-outbound-port-blocked.yaml');
  if (!result.ok) throw new Error(`scenario does not load: ${JSON.stringify(result.errors)}`);
  return result.scenario;
}
export const SCENARIO = loadScenario();

/** One W3C line as `{ 'c-ip': …, 'cs-method': …, … }`, keyed by the file's `#Fields:` header. */
export type W3cRecord = Record<string, string>;

export function w3cRecords(world: World, host = 'WEB01'): W3cRecord[] {
  const out: W3cRecord[] = [];
  for (const file of world.logFiles(host)) {
    let fields: string[] = [];
    for (const line of file.content.split('\r\n')) {
      if (line.startsWith('#Fields: ')) fields = line.slice('#Fields: '.length).trim().split(' ');
      else if (line !== '' && !line.startsWith('#')) {
        const values = line.split(' ');
        out.push(Object.fromEntries(fields.map((f, i) => [f, values[i] ?? ''])));
      }
    }
  }
  return out;
}

/** `EHLO 250`, `RCPT 550`…: the shape of a session in the protocol log. */
export const methodAndStatus = (records: W3cRecord[]) =>
  records.map((r) => `${r['cs-method']} ${r['sc-status']}`);

export interface Lab {
  world: World;
  adapter: SmtpAdapter;
  port: number;
  /** Protocol log lines written since the lab started. */
  newRecords(): W3cRecord[];
  close(): Promise<void>;
}

/** Serve WEB01 of a fresh scenario world to connections that come from `fromHost` (APP01). */
export async function startLab(
  options: Partial<Omit<AdapterOptions, 'world'>> & { world?: World } = {},
): Promise<Lab> {
  const world = options.world ?? createScenarioWorld(SCENARIO);
  const baseline = w3cRecords(world).length;
  const adapter = await startSmtpAdapter({
    fromHost: 'APP01',
    iisHost: 'WEB01',
    host: '127.0.0.1',
    port: 0,
    ...options,
    world,
  });
  return {
    world,
    adapter,
    port: adapter.address.port,
    newRecords: () => w3cRecords(world).slice(baseline),
    close: () => adapter.close(),
  };
}

/** Wait (really) until `condition` holds; fails after `timeoutMs` (generous: CI machines are busy). */
export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A bare TCP client: writes exact bytes, records every byte received and how the socket ended. */
export class RawClient {
  received = '';
  ended: 'open' | 'end' | 'reset' = 'open';
  readonly socket: net.Socket;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (d: Buffer) => (this.received += d.toString('latin1')));
    socket.on('end', () => {
      if (this.ended === 'open') this.ended = 'end';
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNRESET') this.ended = 'reset';
    });
    socket.on('close', () => {
      if (this.ended === 'open') this.ended = 'end';
    });
  }

  /** Resolves once connected, or once the server has already reset or closed the connection. */
  static async connect(port: number): Promise<RawClient> {
    const client = new RawClient(net.connect(port, '127.0.0.1'));
    await new Promise<void>((resolve) => {
      client.socket.once('connect', () => resolve());
      client.socket.once('close', () => resolve());
    });
    return client;
  }

  write(bytes: string): Promise<void> {
    return new Promise((resolve) =>
      this.socket.write(Buffer.from(bytes, 'latin1'), () => resolve()),
    );
  }

  /** Reply lines received so far. */
  lines(): string[] {
    return this.received.split('\r\n').slice(0, -1);
  }

  async waitForLines(count: number, timeoutMs = 10_000): Promise<string[]> {
    await until(() => this.lines().length >= count, timeoutMs);
    return this.lines();
  }

  async waitForClose(timeoutMs = 10_000): Promise<void> {
    await until(() => this.ended !== 'open', timeoutMs);
  }

  destroy(): void {
    this.socket.destroy();
  }
}
