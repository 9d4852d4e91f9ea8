/**
 * Byte framing between a TCP stream and the SMTP engine, which speaks in lines without CRLF.
 * No protocol logic lives here: the engine decides what a line means (src/sim/smtp).
 *
 * - Only CRLF ends a line (RFC 5321 §2.3.8). A bare LF or bare CR stays inside the line, as IIS 6
 *   keeps bare LFs in message text (docs/fidelity.md, "Bare LF on the wire"). This also closes the
 *   door on end-of-data smuggling with `<LF>.<LF>` (reference §1.7).
 * - Bytes map one-to-one to characters (latin1), so the engine's octet limits — 512 per command
 *   line, 1000 per text line, SIZE — count octets, and any byte a reply echoes goes back unchanged.
 * - Long lines are passed on whole; the engine answers them (500 for a command line over 512).
 */
import { Buffer } from 'node:buffer';

const CR = 0x0d;
const LF = 0x0a;

/**
 * A partial line longer than this (no CRLF yet) is no longer a plausible SMTP client; the adapter
 * drops the connection rather than buffer without bound. RFC 5321 lines are 1000 octets at most.
 */
export const MAX_PENDING_BYTES = 1024 * 1024;

export class LineFramer {
  #pending: Buffer = Buffer.alloc(0);

  /** Feed a chunk; returns every line it completes, in order, without the CRLF. */
  push(chunk: Buffer): string[] {
    const data = this.#pending.length === 0 ? chunk : Buffer.concat([this.#pending, chunk]);
    const lines: string[] = [];
    let start = 0;
    // A CR that ended the previous chunk may pair with an LF at the start of this one.
    let from = Math.max(0, this.#pending.length - 1);
    for (;;) {
      const lf = data.indexOf(LF, from);
      if (lf < 0) break;
      if (lf > start && data[lf - 1] === CR) {
        lines.push(data.toString('latin1', start, lf - 1));
        start = lf + 1;
      }
      from = lf + 1;
    }
    this.#pending = start === 0 ? data : data.subarray(start);
    return lines;
  }

  /** Bytes received after the last CRLF. */
  get pendingBytes(): number {
    return this.#pending.length;
  }

  /**
   * Forget buffered input. After STARTTLS is accepted, plaintext that arrived before the handshake
   * must not be processed as if it came over TLS (RFC 3207 §4.2; the CVE-2011-0411 injection).
   */
  discard(): void {
    this.#pending = Buffer.alloc(0);
  }
}

/** Reply lines from the engine as wire bytes: each line followed by CRLF (RFC 5321 §4.2). */
export function encodeReply(lines: readonly string[]): Buffer {
  return Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'latin1');
}
