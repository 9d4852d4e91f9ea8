/**
 * Follows the world's logs like `Get-Content -Wait`: W3C protocol log lines of the IIS host and
 * new event log entries of every host, each reported once, in the order they were written.
 */
import type { EventLogEntry, World } from '../../src/sim/index';
import { wallClock } from '../../src/sim/clock/time';

export type TailLine =
  | { kind: 'w3c'; host: string; file: string; line: string }
  | { kind: 'event'; host: string; entry: EventLogEntry };

export class LogTail {
  /** Characters of each log file already reported. */
  #w3cSeen = new Map<string, number>();
  #eventsSeen = new Map<string, number>();

  constructor(
    private readonly world: World,
    private readonly w3cHosts: string[],
  ) {}

  /** Mark everything written so far as seen; returns how many lines and events that was. */
  skipExisting(): { w3cLines: number; events: number } {
    let w3cLines = 0;
    let events = 0;
    for (const l of this.poll()) {
      if (l.kind === 'w3c') w3cLines++;
      else events++;
    }
    return { w3cLines, events };
  }

  /** Everything new since the last call. */
  poll(): TailLine[] {
    const out: TailLine[] = [];
    for (const host of this.w3cHosts) {
      for (const file of this.world.logFiles(host)) {
        const seen = this.#w3cSeen.get(file.path) ?? 0;
        const end = file.content.lastIndexOf('\r\n') + 2;
        if (end <= seen) continue;
        for (const line of file.content.slice(seen, end - 2).split('\r\n'))
          out.push({ kind: 'w3c', host, file: file.path, line });
        this.#w3cSeen.set(file.path, end);
      }
    }
    for (const [name, host] of this.world.internals.ctx.hosts) {
      const seen = this.#eventsSeen.get(name) ?? 0;
      for (const entry of host.events.slice(seen)) out.push({ kind: 'event', host: name, entry });
      this.#eventsSeen.set(name, host.events.length);
    }
    return out;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Local wall-clock time of the world, `2026-03-05 09:41:07`. */
export function localTime(ms: number, offsetMinutes: number): string {
  const w = wallClock(ms, offsetMinutes);
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}
