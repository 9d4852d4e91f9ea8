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
import { deliverDomain, type DeliveryEnv, type MailOutcome, type OutboundMail } from './delivery';
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
  /** The message they belong to (the attempt timers hold items). */
  readonly entry: QueueEntry;
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
  /** Hand a DSN and its Message-ID to the virtual server's router (local sender → Drop, else Queue). */
  route(message: AcceptedMessage, rcpts: string[], messageId: string): void;
}

/** The recipients still waiting, as a DSN lists them when time runs out (4.4.7, §7.3). */
function expired(entry: QueueEntry): DsnRecipient[] {
  return entry.pending.map((address) => ({ address, status: '4.4.7', diagnostic: null }));
}

const countReceived = (data: string) => {
  const end = data.indexOf('\r\n\r\n');
  return ((end < 0 ? data : data.slice(0, end)).match(/^Received:/gim) ?? []).length;
};

/** One message's part in an attempt for a domain: the mail to send, and where its outcome goes. */
interface Attempt extends OutboundMail {
  entry: QueueEntry;
  item: DomainItem;
  /** Recipients refused for good (the failure NDR lists them). */
  failed: DsnRecipient[] | null;
}

/**
 * The item's part in the attempt due at `due`, or null if it was rescheduled, delivered or removed
 * since: all of these move its due time or clear it (lazy cancelling).
 */
function take(item: DomainItem, due: number): Attempt | null {
  if (item.due !== due) return null;
  item.due = null;
  const { entry } = item;
  const { message } = entry;
  return {
    id: entry.messageId,
    from: message.from,
    rcpts: item.rcpts,
    data: message.data,
    entry,
    item,
    failed: null,
  };
}

/** Too many hops: the message is not sent, and its recipients get an NDR 5.4.6. */
function loopDetected(a: Attempt): void {
  a.failed = a.item.rcpts.map((address) => ({ address, status: '5.4.6', diagnostic: null }));
  a.item.rcpts = [];
}

/** Does `entry.pending` list its items' recipients, in order? */
function samePending(entry: QueueEntry): boolean {
  const { pending } = entry;
  let i = 0;
  for (const item of entry.items.values())
    for (const r of item.rcpts) if (pending[i++] !== r) return false;
  return i === pending.length;
}

export class SmtpQueue {
  readonly entries = new Map<string, QueueEntry>();
  readonly ledger = new MailLedger();
  #counter = 0;
  #dsnNumber = 0;
  /** When the service last started; DSN numbering starts again with it. */
  #startedAt: number;
  /** Attempts by destination domain: the messages due together share connections. */
  readonly #attempts: TimerBuckets<DomainItem>;
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
      route: (m, r, id) => owner.route(m, r, id),
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
  enqueue(
    message: AcceptedMessage,
    rcpts: string[],
    messageId = messageIdOf(message.data),
  ): QueueEntry {
    const { ctx } = this.owner;
    const fileName = `NTFS_${ctx.rng.string(16, '0123456789abcdef')}${(++this.#counter).toString(16).padStart(8, '0')}.EML`;
    const entry: QueueEntry = {
      fileName,
      message,
      messageId,
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
      else entry.items.set(d, { entry, domain: d, rcpts: [r], failures: 0, due: null });
    }
    this.owner.host.fs.writeFile(`${QUEUE_DIR}\\${fileName}`, message.data, ctx.clock.now());
    this.entries.set(fileName, entry);
    for (const item of entry.items.values()) this.#arm(item, FIRST_ATTEMPT_DELAY_MS);
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
      for (const item of e.items.values()) this.#arm(item, FIRST_ATTEMPT_DELAY_MS);
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

  #arm(item: DomainItem, delayMs: number): void {
    item.due = this.#clock.now() + delayMs;
    this.#attempts.add(item.domain, item.due, item);
  }

  /**
   * One attempt for a domain: every message due at this instant, over shared connections. A run
   * handles thousands of messages in a few calls, so the work per message is in small methods that
   * the JIT optimises on their own (a long loop in a rarely called method runs unoptimised).
   */
  #flush(domain: string, due: number, list: DomainItem[]): void {
    const { ctx } = this.owner;
    if (!this.owner.running()) return;
    const work: Attempt[] = [];
    for (const item of list) {
      const attempt = take(item, due);
      if (attempt) work.push(attempt);
    }
    if (work.length === 0) return;
    const cfg = this.#cfg();
    // Hop count (reference §4.4): more Received: lines than allowed means a loop; NDR 5.4.6.
    const sending = work.filter((a) => a.entry.hops <= cfg.maxHopCount);
    if (sending.length < work.length) {
      for (const a of work) if (a.entry.hops > cfg.maxHopCount) loopDetected(a);
      ctx.addEvent(this.owner.host, event4000(ctx.clock.now(), domain, 'hopCount'));
    }
    const env: DeliveryEnv = {
      ctx,
      host: this.owner.host,
      cfg,
      log: this.owner.writeLog,
      handoff: (mail, rcpts, destHost) => this.ledger.handoff(mail.id, rcpts, destHost),
    };
    const outcomes = sending.length > 0 ? deliverDomain(env, domain, sending) : [];
    for (let i = 0; i < sending.length; i++)
      this.#settle(sending[i] as Attempt, outcomes[i] as MailOutcome, cfg);
    for (const a of work) this.#conclude(a, domain, cfg);
    ctx.changed();
  }

  /** What the attempt gave: refusals for good go in the NDR, everything else is retried later. */
  #settle(a: Attempt, out: MailOutcome, cfg: OutboundConfig): void {
    if (out.permanent.length > 0)
      a.failed = out.permanent.map((p) => ({
        address: p.rcpt,
        status: p.status,
        diagnostic: p.diagnostic,
      }));
    // Whatever was neither delivered nor refused for good stays for the next retry.
    const { item, entry } = a;
    const transient = out.transient;
    item.rcpts = transient?.rcpts ?? [];
    if (transient) {
      item.failures++;
      entry.lastError = transient.detail || SMTP_REASONS[transient.reason].text;
      this.#arm(item, retryDelayMs(cfg, item.failures));
    }
  }

  /** After the attempt: the failure NDR, and the message leaves the queue once nothing is left. */
  #conclude(a: Attempt, domain: string, cfg: OutboundConfig): void {
    const { entry, item } = a;
    if (item.rcpts.length === 0) entry.items.delete(domain);
    entry.attempts++;
    if (a.failed) issueDsn(this.#dsnOwner, cfg, 'failure', entry, a.failed);
    if (entry.items.size === 0) this.#remove(entry);
    else this.#refresh(entry);
  }

  /**
   * Delay and expiry checks, measured from arrival with the current Delivery-tab values. A time
   * that has not changed is already in its bucket (after the delay DSN the expiry stays as it was).
   */
  #armLifetime(entry: QueueEntry, cfg: OutboundConfig): void {
    const arrived = entry.message.receivedAt;
    const expiryDue = arrived + cfg.expirationMin * 60_000;
    if (expiryDue !== entry.expiryDue) this.#lifetimes.add('expiry', expiryDue, entry);
    entry.expiryDue = expiryDue;
    const delayDue = entry.delayNotified ? null : arrived + cfg.delayNotificationMin * 60_000;
    if (delayDue !== null && delayDue !== entry.delayDue)
      this.#lifetimes.add('delay', delayDue, entry);
    entry.delayDue = delayDue;
  }

  #lifetimeDue(kind: string, due: number, list: QueueEntry[]): void {
    if (!this.owner.running()) return;
    const cfg = this.#cfg();
    for (const entry of list) {
      const current = kind === 'expiry' ? entry.expiryDue : entry.delayDue;
      // A removed message has neither time left (#remove).
      if (current !== null && Math.max(current, due) === due) this.#lifetimeCheck(entry, cfg);
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
    let next: number | null = null;
    for (const item of entry.items.values())
      if (item.due !== null && (next === null || item.due < next)) next = item.due;
    entry.nextAttemptAt = next;
    // Most refreshes follow an attempt that left the recipients as they were: a new array for
    // each of thousands of messages per retry would only give the garbage collector work.
    if (!samePending(entry)) entry.pending = [...entry.items.values()].flatMap((i) => i.rcpts);
  }

  #remove(entry: QueueEntry): void {
    // Items still waiting in an attempt timer are skipped there by their due time.
    for (const item of entry.items.values()) item.due = null;
    entry.items.clear();
    entry.pending = [];
    entry.nextAttemptAt = entry.delayDue = entry.expiryDue = null;
    this.entries.delete(entry.fileName);
    this.owner.host.fs.remove(`${QUEUE_DIR}\\${entry.fileName}`);
  }
}
