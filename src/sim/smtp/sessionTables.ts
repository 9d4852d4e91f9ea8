/**
 * One rule holds for every command handler, so it is added here instead of being written into each
 * of the command states' ~90 transitions: with "Requires TLS encryption" on a clear channel, only
 * EHLO, NOOP, STARTTLS and QUIT are answered; any other command gets 530 first (RFC 3207 §4). A
 * well-formed BDAT's chunk is still read (and dropped) before that 530 (RFC 3030 §2).
 * The tables keep the types XState checks them with; only the added entries are not in them.
 * (The other rule for every line, that it restarts the connection time-out, is `sendToSession`'s.)
 */
import { say } from './sessionSetup';
import type { CommandState } from './sessionTypes';

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
const tlsFirstChunk = (from: CommandState): Transition => ({
  guard: 'needsStartTlsForChunk',
  target: 'chunk',
  actions: { type: 'beginChunk', params: { discard: 'tlsRequired', from } },
});

/** The `on` table of the command state `state` (`line.<VERB>` handlers), the TLS rule added. */
export function commandHandlers<const T extends object>(state: CommandState, table: T): T {
  const out: Record<string, Transition[]> = {};
  for (const [type, handler] of Object.entries(table)) {
    const list = (Array.isArray(handler) ? handler : [handler]) as Transition[];
    const prefix = UNGATED.has(type)
      ? []
      : type === 'line.BDAT'
        ? [tlsFirstChunk(state), tlsFirst]
        : [tlsFirst];
    out[type] = [...prefix, ...list];
  }
  return out as T;
}
