/**
 * The IIS Queue folder and its retry schedule (reference §4.4, §7.1): each message is a file in
 * `mailroot\Queue`; failed attempts retry after 15, 30, 60, then every 240 minutes; a delay DSN
 * goes out at the delay-notification time and an NDR at expiry. 5xx replies produce an NDR at once.
 */
import type { WorldContext } from '../world/context';
import type { AcceptedMessage } from '../smtp/sessionMachine';
import { domainOf } from '../smtp/commands';
import { retryDelayMs, type IisSettings } from '../smtp/iisSettings';
import { attemptDelivery } from './delivery';
import { statusFromReply } from './ndr';
import { event4000, SMTP_REASONS, type SmtpReason } from '../logs/eventLog';

export const MAILROOT = 'C:\\inetpub\\mailroot';
export const QUEUE_DIR = `${MAILROOT}\\Queue`;
/** IIS picks up a newly queued message almost at once. */
const FIRST_ATTEMPT_DELAY_MS = 1_000;

export interface QueueEntry {
  fileName: string;
  message: AcceptedMessage;
  pending: string[];
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  delayNotified: boolean;
  timer: unknown;
}

export interface QueueOwner {
  ctx: WorldContext;
  settings(): IisSettings;
  /** Is the SMTP service running (a stopped service delivers nothing)? */
  running(): boolean;
  writeLog: Parameters<typeof attemptDelivery>[3];
  host: Parameters<typeof attemptDelivery>[1];
  /** Send a DSN to the original sender. */
  notify(kind: 'failure' | 'delay', entry: QueueEntry, recipients: { address: string; status: string; diagnostic: string | null }[]): void;
}

export class SmtpQueue {
  readonly entries = new Map<string, QueueEntry>();
  #counter = 0;

  constructor(private readonly owner: QueueOwner) {}

  /** Write the message to the Queue folder and schedule its first attempt. */
  enqueue(message: AcceptedMessage, rcpts: string[]): QueueEntry {
    const { ctx } = this.owner;
    const fileName = `NTFS_${ctx.rng.string(16, '0123456789abcdef')}${(++this.#counter).toString(16).padStart(8, '0')}.EML`;
    const entry: QueueEntry = {
      fileName,
      message,
      pending: [...rcpts],
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      delayNotified: false,
      timer: null,
    };
    this.owner.host.fs.writeFile(`${QUEUE_DIR}\\${fileName}`, message.data, ctx.clock.now());
    this.entries.set(fileName, entry);
    this.#schedule(entry, FIRST_ATTEMPT_DELAY_MS);
    ctx.changed();
    return entry;
  }

  /** Service stopped: pending timers are dropped; files stay in the folder. */
  suspend(): void {
    for (const e of this.entries.values()) {
      this.owner.ctx.clock.clearTimeout(e.timer);
      e.timer = null;
      e.nextAttemptAt = null;
    }
  }

  /** Service started: the Queue folder is enumerated again and every message retried soon. */
  resume(): void {
    for (const e of this.entries.values()) this.#schedule(e, FIRST_ATTEMPT_DELAY_MS);
  }

  #schedule(entry: QueueEntry, delayMs: number): void {
    const { ctx } = this.owner;
    ctx.clock.clearTimeout(entry.timer);
    entry.nextAttemptAt = ctx.clock.now() + delayMs;
    entry.timer = ctx.clock.setTimeout(() => this.#attempt(entry), delayMs);
  }

  #remove(entry: QueueEntry): void {
    this.owner.ctx.clock.clearTimeout(entry.timer);
    this.entries.delete(entry.fileName);
    this.owner.host.fs.remove(`${QUEUE_DIR}\\${entry.fileName}`);
  }

  #attempt(entry: QueueEntry): void {
    const { ctx } = this.owner;
    entry.timer = null;
    entry.nextAttemptAt = null;
    if (!this.owner.running()) return;
    const settings = this.owner.settings();
    const byDomain = new Map<string, string[]>();
    for (const r of entry.pending) {
      const d = domainOf(r);
      byDomain.set(d, [...(byDomain.get(d) ?? []), r]);
    }
    const stillPending: string[] = [];
    const failed: { address: string; status: string; diagnostic: string | null }[] = [];
    let lastReason: SmtpReason | null = null;
    let lastDetail = '';
    for (const [domain, rcpts] of byDomain) {
      const result = attemptDelivery(ctx, this.owner.host, settings, this.owner.writeLog, {
        from: entry.message.from,
        rcpts,
        data: entry.message.data,
        domain,
      });
      for (const p of result.permanent) {
        failed.push({
          address: p.rcpt,
          status: statusFromReply(p.reply, p.code >= 500 ? '5.5.0' : '4.0.0'),
          diagnostic: p.reply || null,
        });
      }
      if (result.transient) {
        stillPending.push(...result.transient.rcpts);
        lastReason = result.transient.reason;
        lastDetail = result.transient.detail;
        if (result.transient.reason !== 'protocolError' || result.transient.detail === '')
          ctx.addEvent(this.owner.host, event4000(ctx.clock.now(), domain, result.transient.reason));
      }
    }
    entry.attempts++;
    entry.pending = stillPending;
    if (failed.length > 0) this.owner.notify('failure', entry, failed);
    if (stillPending.length === 0) {
      this.#remove(entry);
      ctx.changed();
      return;
    }
    entry.lastError = lastDetail || (lastReason ? SMTP_REASONS[lastReason].text : null);
    const age = ctx.clock.now() - entry.message.receivedAt;
    if (age >= settings.expirationMin * 60_000) {
      this.owner.notify(
        'failure',
        entry,
        stillPending.map((address) => ({ address, status: '4.4.7', diagnostic: null })),
      );
      this.#remove(entry);
      ctx.changed();
      return;
    }
    if (!entry.delayNotified && age >= settings.delayNotificationMin * 60_000) {
      entry.delayNotified = true;
      this.owner.notify('delay', entry, stillPending.map((address) => ({ address, status: '4.4.7', diagnostic: null })));
    }
    const untilExpiry = entry.message.receivedAt + settings.expirationMin * 60_000 - ctx.clock.now();
    this.#schedule(entry, Math.min(retryDelayMs(settings, entry.attempts), Math.max(untilExpiry, 0)));
    ctx.changed();
  }
}

