/**
 * The world's mail invariant (DESIGN.md): every message an IIS server accepted is, for each of
 * its recipients, in exactly one place: its Queue, its Drop folder, its Badmail folder, handed
 * to another server that really holds it, answered by an NDR the server accepted in turn, or
 * deleted from the Queue by the administrator. The places are read from the live world (queue
 * entries and their files, Drop, Badmail files, receivers' mailboxes); the ledger only says
 * what was accepted and where handed-off mail went. Tests call this after every step.
 * (Files waiting in Pickup are not accepted yet: the simulator does not process Pickup.)
 */
import type { IisServer } from '../world/iisServer';
import type { ReceiverServer } from '../world/receiver';
import { messageIdOf, pairKey } from './ledger';
import { QUEUE_DIR } from './queue';

export interface InvariantSubject {
  iis: Map<string, IisServer>;
  receivers: Map<string, ReceiverServer>;
}

const show = (key: string) => key.replace('\u0000', ' → ');

function add(
  map: Map<string, { n: number; where: string[] }>,
  key: string,
  where: string,
  n = 1,
): void {
  const e = map.get(key) ?? { n: 0, where: [] };
  e.n += n;
  e.where.push(where);
  map.set(key, e);
}

/** How many copies of (id, rcpt) a server holds now. */
function heldBy(world: InvariantSubject, host: string, key: string): number {
  const receiver = world.receivers.get(host);
  if (receiver) {
    let n = 0;
    for (const [rcpt, messages] of receiver.mailboxes)
      for (const m of messages) if (pairKey(messageIdOf(m.data), rcpt) === key) n++;
    for (const r of receiver.relayed)
      for (const rcpt of r.rcpts) if (pairKey(messageIdOf(r.message.data), rcpt) === key) n++;
    return n;
  }
  return world.iis.get(host)?.queue.ledger.accepted.get(key) ?? 0;
}

/** Every violation of the invariant, as readable lines; an empty list means it holds. */
export function checkMailInvariant(world: InvariantSubject): string[] {
  const problems: string[] = [];
  for (const [name, server] of world.iis) {
    const { ledger } = server.queue;
    const located = new Map<string, { n: number; where: string[] }>();
    for (const e of server.queue.entries.values()) {
      if (!server.host.fs.readFile(`${QUEUE_DIR}\\${e.fileName}`))
        problems.push(`${name}: queue entry ${e.fileName} has no file in the Queue folder`);
      for (const r of e.pending) add(located, pairKey(e.messageId, r), `Queue ${e.fileName}`);
    }
    for (const m of server.drop)
      for (const r of m.to) add(located, pairKey(messageIdOf(m.data), r), 'Drop');
    for (const [base, held] of ledger.badmail) {
      if (!server.host.fs.readFile(`${base}.BAD`)) problems.push(`${name}: ${base}.BAD is missing`);
      for (const r of held.rcpts) add(located, pairKey(held.id, r), `Badmail ${base}`);
    }
    for (const [key, byHost] of ledger.handedOff) {
      for (const [host, n] of byHost) {
        add(located, key, `handed to ${host}`, n);
        const held = heldBy(world, host, key);
        if (held < n)
          problems.push(
            `${name}: ${show(key)} was handed to ${host} ${n} time(s), but ${host} holds ${held}`,
          );
      }
    }
    const acceptedIds = new Set(
      [...ledger.accepted.keys()].map((k) => k.slice(0, k.indexOf('\u0000'))),
    );
    for (const [key, a] of ledger.answered) {
      add(located, key, 'answered by NDR', a.count);
      for (const id of a.ndrIds)
        if (!acceptedIds.has(id))
          problems.push(`${name}: the NDR ${id} answering ${show(key)} was never queued`);
    }
    for (const [key, n] of ledger.discarded) add(located, key, 'deleted by the administrator', n);
    for (const key of new Set([...ledger.accepted.keys(), ...located.keys()])) {
      const accepted = ledger.accepted.get(key) ?? 0;
      const found = located.get(key) ?? { n: 0, where: [] };
      if (accepted !== found.n)
        problems.push(
          `${name}: ${show(key)} accepted ${accepted} time(s) but found ${found.n} time(s)${found.where.length ? ` (${found.where.join(', ')})` : ''}`,
        );
    }
  }
  return problems;
}
