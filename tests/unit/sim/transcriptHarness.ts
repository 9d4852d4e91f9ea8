/**
 * Transcript tests kept as data: `C:` lines are sent to a session, `S:` lines are the exact replies
 * expected, in order. The session runs on a virtual clock fixed at 2026-03-05 00:30:00 UTC.
 */
import { createActor } from 'xstate';
import { sessionMachine, type SessionEmitted } from '../../../src/sim/smtp/sessionMachine';
import { dialects } from '../../../src/sim/smtp/dialects';
import { VirtualClock } from '../../../src/sim/clock/virtualClock';
import { defaultIisSettings, toSessionConfig } from '../../../src/sim/smtp/iisSettings';
import type { SessionConfig } from '../../../src/sim/smtp/policy';

export interface TranscriptCase {
  name: string;
  dialect?: string;
  client?: string;
  config?: Partial<Omit<SessionConfig, 'relay'>> & { relay?: Partial<SessionConfig['relay']> };
  /** Advance the clock by this many ms after the last line (idle-timeout tests). */
  idleMs?: number;
  exchange: string;
}

export const START = Date.UTC(2026, 2, 5, 0, 30, 0);

export function baseConfig(dialect: string): SessionConfig {
  const iis = toSessionConfig(defaultIisSettings('web01.contoso.com', 'WEB01', 540));
  if (dialect === 'iis') return { ...iis, relay: { ...iis.relay, list: ['10.0.0.20'] } };
  return {
    ...iis,
    fqdn: 'mx1.example.net',
    computerName: 'MX1',
    localDomains: ['example.net'],
    mailboxes: ['taro.yamada@example.net', 'postmaster@example.net'],
    relay: { mode: 'onlyList', list: [], allowAuthenticated: false, relayDomains: [] },
    maxMessageBytes: 10_240_000,
    maxRecipients: 1000,
    connectionTimeoutMs: 300_000,
  };
}

export interface TranscriptRun {
  expected: string[];
  actual: string[];
  events: SessionEmitted[];
}

/** Run a case; returns expected and actual `S:` lines for a whole-transcript comparison. */
export function runTranscript(c: TranscriptCase): TranscriptRun {
  const dialectName = c.dialect ?? 'iis';
  const dialect = dialects[dialectName];
  if (!dialect) throw new Error(`unknown dialect ${dialectName}`);
  const base = baseConfig(dialectName);
  const config: SessionConfig = { ...base, ...c.config, relay: { ...base.relay, ...c.config?.relay } } as SessionConfig;
  const clock = new VirtualClock(START);
  let counter = 0;
  const actor = createActor(sessionMachine, {
    clock,
    input: {
      config,
      dialect,
      clientIp: c.client ?? '10.0.0.20',
      serverIp: '10.0.0.5',
      env: {
        now: () => clock.now(),
        newQueueId: (style) =>
          style === 'iis'
            ? `<WEB01Ab3xQ7LmN2pR${(++counter).toString(16).toUpperCase().padStart(8, '0')}@web01.contoso.com>`
            : `4F2A81C0A${++counter}`,
      },
    },
  });
  const actual: string[] = [];
  const events: SessionEmitted[] = [];
  actor.on('*', (e) => {
    events.push(e as SessionEmitted);
    if (e.type === 'reply') actual.push(...e.lines);
  });
  actor.start();
  const lines = c.exchange.replace(/\n$/, '').split('\n');
  const expected: string[] = [];
  for (const raw of lines) {
    if (raw.startsWith('S: ') || raw === 'S:') expected.push(raw.slice(3));
    else if (raw.startsWith('C: ') || raw === 'C:') actor.send({ type: 'client.line', line: raw.slice(3) });
    else throw new Error(`transcript line must start with "C: " or "S: ": ${JSON.stringify(raw)}`);
  }
  if (c.idleMs) clock.advanceBy(c.idleMs);
  return { expected, actual, events };
}
