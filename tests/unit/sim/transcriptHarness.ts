/**
 * Transcript tests kept as data: `C:` lines are sent to a session, `S:` lines are the exact replies
 * expected, in order. The session runs on a virtual clock fixed at 2026-03-05 00:30:00 UTC.
 *
 * A case may set `config:` (SessionConfig keys; `relay`, `auth`, `tls` and `connectionControl` merge
 * into the defaults one level deep), `client:` / `clientName:` (the client's IP and PTR name),
 * `admission:` (paused / tooManyConnections), `idleMs:` (advance the clock after the last line) and
 * `closed:` (how the session must have ended: quit, timeout, client or server).
 * In `C:` lines, `{{x*600}}` stands for 600 `x` characters (long-line tests stay readable).
 */
import { createActor } from 'xstate';
import {
  lineEvent,
  sendToSession,
  sessionMachine,
  type Admission,
  type SessionCloseReason,
  type SessionEmitted,
  type SessionEnv,
} from '../../../src/sim/smtp/sessionMachine';
import { dialects } from '../../../src/sim/smtp/dialects';
import { VirtualClock } from '../../../src/sim/clock/virtualClock';
import { defaultIisSettings, toSessionConfig } from '../../../src/sim/smtp/iisSettings';
import type { SessionConfig } from '../../../src/sim/smtp/policy';

type Nested = 'relay' | 'auth' | 'tls' | 'connectionControl';
export type ConfigPatch = Partial<Omit<SessionConfig, Nested>> & {
  [K in Nested]?: Partial<SessionConfig[K]>;
};

export interface TranscriptCase {
  name: string;
  dialect?: string;
  client?: string;
  clientName?: string | null;
  admission?: Admission;
  config?: ConfigPatch;
  /** Advance the clock by this many ms after the last line (idle-timeout tests). */
  idleMs?: number;
  closed?: SessionCloseReason | 'open';
  exchange: string;
}

export const START = Date.UTC(2026, 2, 5, 0, 30, 0);

/** Windows accounts every IIS case can use once Basic or Integrated authentication is enabled. */
export const ACCOUNTS = [
  { user: 'alice', password: 'Passw0rd!' },
  { user: 'CONTOSO\\bob', password: 'Secret#123' },
];

export function baseConfig(dialect: string): SessionConfig {
  const settings = defaultIisSettings('web01.contoso.com', 'WEB01', 540);
  settings.windowsAccounts = ACCOUNTS;
  const iis = toSessionConfig(settings);
  if (dialect === 'iis') return { ...iis, relay: { ...iis.relay, list: ['10.0.0.20'] } };
  return {
    ...iis,
    fqdn: 'mx1.example.net',
    computerName: 'MX1',
    localDomains: ['example.net'],
    defaultDomain: 'mx1.example.net',
    mailboxes: ['taro.yamada@example.net', 'postmaster@example.net'],
    relay: { mode: 'onlyList', list: [], domains: [], allowAuthenticated: false, relayDomains: [] },
    maxMessageBytes: 10_240_000,
    maxRecipients: 1000,
    maxSessionBytes: null,
    connectionTimeoutMs: 300_000,
  };
}

export function configFor(c: Pick<TranscriptCase, 'dialect' | 'config'>): SessionConfig {
  const base = baseConfig(c.dialect ?? 'iis');
  const p = c.config ?? {};
  return {
    ...base,
    ...p,
    relay: { ...base.relay, ...p.relay },
    auth: { ...base.auth, ...p.auth },
    tls: { ...base.tls, ...p.tls },
    connectionControl: { ...base.connectionControl, ...p.connectionControl },
  } as SessionConfig;
}

export interface TranscriptRun {
  expected: string[];
  actual: string[];
  events: SessionEmitted[];
  closedBy: SessionCloseReason | 'open';
}

/**
 * The session actor a case describes, on its own virtual clock; `policy` plays a remote receiver's
 * checks (receiverPolicy.ts), none by default.
 */
export function startSession(
  c: Omit<TranscriptCase, 'name' | 'exchange'>,
  policy?: SessionEnv['policy'],
) {
  const dialectName = c.dialect ?? 'iis';
  const dialect = dialects[dialectName];
  if (!dialect) throw new Error(`unknown dialect ${dialectName}`);
  const clock = new VirtualClock(START);
  let counter = 0;
  const actor = createActor(sessionMachine, {
    clock,
    input: {
      config: configFor(c),
      dialect,
      clientIp: c.client ?? '10.0.0.20',
      serverIp: '10.0.0.5',
      clientName: c.clientName ?? null,
      admission: c.admission ?? 'accept',
      env: {
        clock,
        newQueueId: (style) =>
          style === 'iis'
            ? `<WEB01Ab3xQ7LmN2pR${(++counter).toString(16).toUpperCase().padStart(8, '0')}@web01.contoso.com>`
            : `4F2A81C0A${++counter}`,
        ...(policy ? { policy } : {}),
      },
    },
  });
  return { actor, clock };
}

/** `{{x*600}}` → 600 × `x`. */
export const expand = (line: string) =>
  line.replace(/\{\{(.)\*(\d+)\}\}/g, (_, ch: string, n: string) => ch.repeat(Number(n)));

/** Run a case; returns expected and actual `S:` lines for a whole-transcript comparison. */
export function runTranscript(c: TranscriptCase): TranscriptRun {
  const { actor, clock } = startSession(c);
  const actual: string[] = [];
  const events: SessionEmitted[] = [];
  let closedBy: TranscriptRun['closedBy'] = 'open';
  actor.on('*', (e) => {
    events.push(e as SessionEmitted);
    if (e.type === 'reply') actual.push(...(e as { lines: string[] }).lines);
    if (e.type === 'closed') closedBy = (e as { reason: SessionCloseReason }).reason;
  });
  actor.start();
  const lines = c.exchange.replace(/\n$/, '').split('\n');
  const expected: string[] = [];
  for (const raw of lines) {
    if (raw.startsWith('S: ') || raw === 'S:') expected.push(raw.slice(3));
    else if (raw.startsWith('C: ') || raw === 'C:')
      sendToSession(actor, lineEvent(expand(raw.slice(3))));
    else throw new Error(`transcript line must start with "C: " or "S: ": ${JSON.stringify(raw)}`);
  }
  if (c.idleMs) clock.advanceBy(c.idleMs);
  return { expected, actual, events, closedBy };
}
