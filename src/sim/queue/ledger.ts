/**
 * Where an IIS server's accepted mail went, for the invariant check (invariant.ts): what it
 * accepted, what it handed to another server (250 after DATA), which recipients an NDR answered,
 * and what it put in Badmail. Keys are (Message-ID, recipient) pairs; counts make them multisets,
 * so an application that reuses a Message-ID is still counted right.
 */
import { headerValue } from '../smtp/headers';

export const pairKey = (id: string, rcpt: string) => `${id}\u0000${rcpt.toLowerCase()}`;

const MESSAGE_ID = /^message-id:[ \t]*(.*)$/im;

/**
 * The Message-ID IIS guarantees on everything it accepts (it adds one when missing, §3.7). Called
 * for every queued message, so it reads only the header block with one precompiled pattern.
 */
export function messageIdOf(data: string): string {
  const end = data.indexOf('\r\n\r\n');
  const m = MESSAGE_ID.exec(end < 0 ? data : data.slice(0, end));
  if (!m) return '';
  const id = (m[1] as string).replace(/\r$/, '').trim();
  // A folded value (rare for Message-ID) continues on indented lines.
  return id !== '' ? id : headerValue(data, 'Message-ID');
}

function bump(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

export class MailLedger {
  readonly accepted = new Map<string, number>();
  /** Pair → destination host → count. */
  readonly handedOff = new Map<string, Map<string, number>>();
  /** Pair → count of failure NDRs that listed it, and the Message-IDs of those NDRs. */
  readonly answered = new Map<string, { count: number; ndrIds: string[] }>();
  /** Pairs of queue files the administrator deleted or moved away. */
  readonly discarded = new Map<string, number>();
  /** Badmail base path (without extension) → the message and recipients it holds. */
  readonly badmail = new Map<string, { id: string; rcpts: string[] }>();

  accept(id: string, rcpts: string[]): void {
    for (const r of rcpts) bump(this.accepted, pairKey(id, r));
  }

  handoff(id: string, rcpts: string[], host: string): void {
    for (const r of rcpts) {
      const key = pairKey(id, r);
      const byHost = this.handedOff.get(key) ?? new Map<string, number>();
      bump(byHost, host);
      this.handedOff.set(key, byHost);
    }
  }

  answer(id: string, rcpts: string[], ndrId: string): void {
    for (const r of rcpts) {
      const key = pairKey(id, r);
      const a = this.answered.get(key) ?? { count: 0, ndrIds: [] };
      a.count++;
      a.ndrIds.push(ndrId);
      this.answered.set(key, a);
    }
  }

  discard(id: string, rcpts: string[]): void {
    for (const r of rcpts) bump(this.discarded, pairKey(id, r));
  }

  toBadmail(base: string, id: string, rcpts: string[]): void {
    const existing = this.badmail.get(base);
    this.badmail.set(base, { id, rcpts: [...(existing?.rcpts ?? []), ...rcpts] });
  }
}
