/**
 * The IIS Queue folder and its schedule (reference §4.4, §7.1, §9). Each message is one `.EML`
 * file; its recipients are grouped by remote domain, and each domain is tried on its own clock:
 * first about a second after arrival, then 15, 30, 60 and every 240 minutes after the previous
 * attempt (the Delivery tab's intervals). Messages of a domain that fall due together share
 * connections, up to "messages per connection" each. A delay DSN goes out at the delay-notification
 * time and an NDR (4.4.7) at the expiration time, both measured from arrival; 5xx means NDR now.
 */
import type { WorldContext } from '../world/context';
import type { HostRuntime } from '../world/host';
import type { AcceptedMessage } from '../smtp/sessionMachine';
import { domainOf } from '../smtp/commands';
import type { IisSettings } from '../smtp/iisSettings';
import type { W3cLog } from '../logs/w3c';
import { event4000, SMTP_REASONS } from '../logs/eventLog';
import { deliverDomain, type DeliveryEnv, type OutboundMail } from './delivery';
import { issueDsn, type DsnOwner, type DsnRecipient } from './dsn';
import { MailLedger, messageIdOf } from './ledger';
import { outboundConfig, retryDelayMs, type OutboundConfig } from './outbound';
import { TimerBuckets } from './buckets';

export const MAILROOT = 'C:\\inetpub\\mailroot';
export const QUEUE_DIR = `${MAILROOT}\\Queue`;
/** IIS picks up a newly queued message almost at once. */
export const FIRST_ATTEMPT_DELAY_MS = 1_000;

/** The recipients of one message for one remote domain, with their own retry state. */
export interface DomainItem {
  domain: string;
  rcpts: string[];
  /** Failed attempts so far (picks the retry interval). */
  failures: number;
  /** When the next attempt is due; null while none is scheduled (service stopped). */
  due: number | null;
}

export interface QueueEntry {
  fileName: string;
  message: AcceptedMessage;
  messageId: string;
  /** `Received:` headers in the message (hop count, reference §4.4). */
  hops: number;
  /** Recipients still to deliver, over all domains. */
  pending: string[];
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  delayNotified: boolean;
  items: Map<string, DomainItem>;
  /** When the delay DSN and the expiry are due (null: not scheduled). */
  delayDue: number | null;
  expiryDue: number | null;
}

export interface QueueOwner {
  ctx: WorldContext;
  host: HostRuntime;
  settings(): IisSettings;
  /** Is the SMTP service running (a stopped service delivers nothing)? */
  running(): boolean;
  writeLog: W3cLog;
  /** Hand a DSN to the virtual server's router (local sender → Drop, else Queue). */
  route(message: AcceptedMessage, rcpts: string[]): void;
}

/** The recipients still waiting, as a DSN lists them when time runs out (4.4.7, §7.3). */
function expired(entry: QueueEntry): DsnRecipient[] {
  return entry.pending.map((address) => ({ address, status: '4.4.7', diagnostic: null }));
}

const countReceived = (data: string) => {
  const end = data.indexOf('\r\n\r\n');
  return ((end < 0 ? data : data.slice(0, end)).match(/^Received:/gim) ?? []).length;
};

export class SmtpQueue {
  readonly entries = new Map<string, QueueEntry>();
  readonly ledger = new MailLedger();
  #counter = 0;
  #dsnNumber = 0;
  /** When the service last started; DSN numbering starts again with it. */
  #startedAt: number;
  /** Attempts by destination domain: the messages due together share connections. */
  readonly #attempts: TimerBuckets<QueueEntry>;
  /** Delay-notification and expiry checks. */
  readonly #lifetimes: TimerBuckets<QueueEntry>;
  readonly #dsnOwner: DsnOwner;

  constructor(private readonly owner: QueueOwner) {
    this.#startedAt = owner.ctx.clock.now();
    this.#attempts = new TimerBuckets(owner.ctx.clock, (domain, due, list) =>
      this.#flush(domain, due, list),
    );
    this.#lifetimes = new TimerBuckets(owner.ctx.clock, (kind, due, list) =>
      this.#lifetimeDue(kind, due, list),
    );
    this.#dsnOwner = {
      ctx: owner.ctx,
      host: owner.host,
      ledger: this.ledger,
      route: (m, r) => owner.route(m, r),
      nextDsnNumber: () => ++this.#dsnNumber,
      serviceStart: () => this.#startedAt,
    };
  }

  get #clock() {
    return this.owner.ctx.clock;
  }

  #cfg(): OutboundConfig {
    return outboundConfig(this.owner.settings());
  }

  /** Write the message to the Queue folder and schedule its first attempt per domain. */
  enqueue(message: AcceptedMessage, rcpts: string[]): QueueEntry {
    const { ctx } = this.owner;
    const fileName = `NTFS_${ctx.rng.string(16, '0123456789abcdef')}${(++this.#counter).toString(16).padStart(8, '0')}.EML`;
    const entry: QueueEntry = {
      fileName,
      message,
      messageId: messageIdOf(message.data),
      hops: countReceived(message.data),
      pending: [...rcpts],
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      delayNotified: false,
      items: new Map(),
      delayDue: null,
      expiryDue: null,
    };
    for (const r of rcpts) {
      const d = domainOf(r);
      const item = entry.items.get(d);
      if (item) item.rcpts.push(r);
      else entry.items.set(d, { domain: d, rcpts: [r], failures: 0, due: null });
    }
    this.owner.host.fs.writeFile(`${QUEUE_DIR}\\${fileName}`, message.data, ctx.clock.now());
    this.entries.set(fileName, entry);
    for (const item of entry.items.values()) this.#arm(entry, item, FIRST_ATTEMPT_DELAY_MS);
    this.#armLifetime(entry, this.#cfg());
    this.#refresh(entry);
    ctx.changed();
    return entry;
  }

  /** Service stopped: every timer is dropped; the files stay in the folder. */
  suspend(): void {
    this.#attempts.clear();
    this.#lifetimes.clear();
    for (const e of this.entries.values()) {
      for (const item of e.items.values()) item.due = null;
      e.delayDue = e.expiryDue = null;
      this.#refresh(e);
    }
  }

  /** Service started: the Queue folder is enumerated again; overdue DSNs go out, the rest is retried soon. */
  resume(): void {
    this.#startedAt = this.#clock.now();
    this.#dsnNumber = 0;
    const cfg = this.#cfg();
    for (const e of [...this.entries.values()]) {
      if (!this.#lifetimeCheck(e, cfg)) continue;
      for (const item of e.items.values()) this.#arm(e, item, FIRST_ATTEMPT_DELAY_MS);
      this.#refresh(e);
    }
  }

  /** Delivery-tab times changed: delay and expiry are measured from arrival with the new values. */
  settingsChanged(): void {
    if (!this.owner.running()) return;
    const cfg = this.#cfg();
    for (const e of this.entries.values()) this.#armLifetime(e, cfg);
  }

  /**
   * The administrator deleted (or moved away) a queue file while the service was stopped: the
   * server forgets the message. Returns the entry, or null if no such file is queued.
   */
  discard(fileName: string): QueueEntry | null {
    const entry = [...this.entries.values()].find(
      (e) => e.fileName.toLowerCase() === fileName.toLowerCase(),
    );
    if (!entry) return null;
    this.ledger.discard(entry.messageId, entry.pending);
    this.#remove(entry);
    this.owner.ctx.changed();
    return entry;
  }

  #arm(entry: QueueEntry, item: DomainItem, delayMs: number): void {
    item.due = this.#clock.now() + delayMs;
    this.#attempts.add(item.domain, item.due, entry);
  }

  /** One attempt for a domain: every message due at this instant, over shared connections. */
  #flush(domain: string, due: number, list: QueueEntry[]): void {
    const { ctx } = this.owner;
    if (!this.owner.running()) return;
    const work: { entry: QueueEntry; item: DomainItem }[] = [];
    for (const entry of list) {
      const item = entry.items.get(domain);
      // Skip what was rescheduled, delivered or removed since (lazy cancelling).
      if (!item || item.due !== due || !this.entries.has(entry.fileName)) continue;
      item.due = null;
      work.push({ entry, item });
    }
    if (work.length === 0) return;
    const cfg = this.#cfg();
    const failed = new Map<QueueEntry, DsnRecipient[]>();
    const fail = (e: QueueEntry, r: DsnRecipient[]) =>
      failed.set(e, [...(failed.get(e) ?? []), ...r]);
    // Hop count (reference §4.4): more Received: lines than allowed means a loop; NDR 5.4.6.
    const sending: typeof work = [];
    for (const w of work) {
      if (w.entry.hops <= cfg.maxHopCount) {
        sending.push(w);
        continue;
      }
      fail(
        w.entry,
        w.item.rcpts.map((address) => ({ address, status: '5.4.6', diagnostic: null })),
      );
      w.item.rcpts = [];
    }
    if (sending.length < work.length)
      ctx.addEvent(this.owner.host, event4000(ctx.clock.now(), domain, 'hopCount'));
    const env: DeliveryEnv = {
      ctx,
      host: this.owner.host,
      cfg,
      log: this.owner.writeLog,
      handoff: (mail, rcpts, destHost) => this.ledger.handoff(mail.id, rcpts, destHost),
    };
    const mails: OutboundMail[] = sending.map((w) => ({
      id: w.entry.messageId,
      from: w.entry.message.from,
      rcpts: w.item.rcpts,
      data: w.entry.message.data,
    }));
    const outcomes = mails.length > 0 ? deliverDomain(env, domain, mails) : [];
    sending.forEach((w, i) => {
      const out = outcomes[i]!;
      if (out.permanent.length > 0)
        fail(
          w.entry,
          out.permanent.map((p) => ({
            address: p.rcpt,
            status: p.status,
            diagnostic: p.diagnostic,
          })),
        );
      // Whatever was neither delivered nor refused for good stays for the next retry.
      w.item.rcpts = out.transient?.rcpts ?? [];
      if (out.transient) {
        w.item.failures++;
        w.entry.lastError = out.transient.detail || SMTP_REASONS[out.transient.reason].text;
        this.#arm(w.entry, w.item, retryDelayMs(cfg, w.item.failures));
      }
    });
    for (const { entry, item } of work) {
      if (item.rcpts.length === 0) entry.items.delete(domain);
      entry.attempts++;
      const f = failed.get(entry);
      if (f) issueDsn(this.#dsnOwner, cfg, 'failure', entry, f);
      if (entry.items.size === 0) this.#remove(entry);
      else this.#refresh(entry);
    }
    ctx.changed();
  }

  /** Delay and expiry checks, measured from arrival with the current Delivery-tab values. */
  #armLifetime(entry: QueueEntry, cfg: OutboundConfig): void {
    const arrived = entry.message.receivedAt;
    entry.expiryDue = arrived + cfg.expirationMin * 60_000;
    this.#lifetimes.add('expiry', entry.expiryDue, entry);
    entry.delayDue = entry.delayNotified ? null : arrived + cfg.delayNotificationMin * 60_000;
    if (entry.delayDue !== null) this.#lifetimes.add('delay', entry.delayDue, entry);
  }

  #lifetimeDue(kind: string, due: number, list: QueueEntry[]): void {
    if (!this.owner.running()) return;
    const cfg = this.#cfg();
    for (const entry of list) {
      const current = kind === 'expiry' ? entry.expiryDue : entry.delayDue;
      if (this.entries.has(entry.fileName) && current !== null && Math.max(current, due) === due)
        this.#lifetimeCheck(entry, cfg);
    }
    this.owner.ctx.changed();
  }

  /**
   * Expire the message (NDR 4.4.7) or send its one delay DSN when their time has come, then
   * schedule what remains. Returns false when the message left the queue.
   */
  #lifetimeCheck(entry: QueueEntry, cfg: OutboundConfig): boolean {
    const age = this.#clock.now() - entry.message.receivedAt;
    if (age >= cfg.expirationMin * 60_000) {
      issueDsn(this.#dsnOwner, cfg, 'failure', entry, expired(entry));
      this.#remove(entry);
      return false;
    }
    if (!entry.delayNotified && age >= cfg.delayNotificationMin * 60_000) {
      entry.delayNotified = true;
      issueDsn(this.#dsnOwner, cfg, 'delay', entry, expired(entry));
    }
    this.#armLifetime(entry, cfg);
    return true;
  }

  #refresh(entry: QueueEntry): void {
    const pending: string[] = [];
    let next: number | null = null;
    for (const item of entry.items.values()) {
      pending.push(...item.rcpts);
      if (item.due !== null && (next === null || item.due < next)) next = item.due;
    }
    entry.pending = pending;
    entry.nextAttemptAt = next;
  }

  #remove(entry: QueueEntry): void {
    entry.items.clear();
    entry.pending = [];
    entry.nextAttemptAt = entry.delayDue = entry.expiryDue = null;
    this.entries.delete(entry.fileName);
    this.owner.host.fs.remove(`${QUEUE_DIR}\\${entry.fileName}`);
  }
}
