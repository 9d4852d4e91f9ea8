/**
 * Two rules hold for every handler of a client line, so they are added here instead of being
 * written into each of the session machine's ~80 transitions:
 * - every line restarts the connection time-out (`noteActivity`, RFC 5321 §4.5.3.2);
 * - in the command states, with "Requires TLS encryption" on a clear channel, only EHLO, NOOP,
 *   STARTTLS and QUIT are answered; any other command gets 530 first (RFC 3207 §4). A well-formed
 *   BDAT's chunk is still read (and dropped) before that 530 (RFC 3030 §2).
 * The tables keep the types XState checks them with; only the added entries are not in them.
 */
import { say } from './sessionSetup';

interface Transition {
  guard?: unknown;
  target?: string;
  actions?: unknown;
}

/** Commands that are answered on a clear channel even when TLS is required, and non-commands. */
const UNGATED = new Set([
  'line.EHLO',
  'line.NOOP',
  'line.STARTTLS',
  'line.QUIT',
  'line.unknown',
  'line.tooLong',
]);
const tlsFirst: Transition = { guard: 'needsStartTls', actions: say('tlsRequired') };
const tlsFirstChunk: Transition = {
  guard: 'needsStartTlsForChunk',
  target: '#smtpSession.chunk',
  actions: { type: 'beginChunk', params: { discard: 'tlsRequired' } },
};

function counted(t: Transition): Transition {
  const actions = t.actions === undefined ? [] : Array.isArray(t.actions) ? t.actions : [t.actions];
  return { ...t, actions: ['noteActivity', ...actions] };
}

function mapTable<const T extends object>(table: T, prefix: (type: string) => Transition[]): T {
  const out: Record<string, Transition[]> = {};
  for (const [type, handler] of Object.entries(table)) {
    const list = (Array.isArray(handler) ? handler : [handler]) as Transition[];
    out[type] = [...prefix(type), ...list].map(counted);
  }
  return out as T;
}

/** The `on` table of a command state (`line.<VERB>` handlers). */
export const commandHandlers = <const T extends object>(table: T): T =>
  mapTable(table, (type) =>
    UNGATED.has(type) ? [] : type === 'line.BDAT' ? [tlsFirstChunk, tlsFirst] : [tlsFirst],
  );

/** The `on` table of a state that reads raw lines (DATA text, BDAT chunk, AUTH answers). */
export const lineHandlers = <const T extends object>(table: T): T => mapTable(table, () => []);
