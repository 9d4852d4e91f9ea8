/**
 * What IIS does with a delivery failure or delay (reference §4.3, §4.9, §7.1): a DSN from
 * postmaster to the original sender (plus a copy of every NDR to "Send copy of Non-Delivery
 * Report to"), routed like any other message; a DSN that itself cannot be delivered is not
 * bounced again (RFC 5321 §6.1) but moved to Badmail as .BAD/.BDP/.BDR.
 */
import type { WorldContext } from '../world/context';
import type { HostRuntime } from '../world/host';
import type { AcceptedMessage } from '../smtp/sessionMachine';
import { SMTP_REASONS, type SmtpReason } from '../logs/eventLog';
import { buildDsn, dsnMessageId } from './ndr';
import type { MailLedger } from './ledger';
import type { OutboundConfig } from './outbound';

export const BADMAIL_DIR = 'C:\\inetpub\\mailroot\\Badmail';

export interface DsnRecipient {
  address: string;
  status: string;
  diagnostic: string | null;
}

export interface DsnOwner {
  ctx: WorldContext;
  host: HostRuntime;
  ledger: MailLedger;
  /** Hand a new message and its Message-ID to the virtual server's router (Drop for local recipients, else Queue). */
  route(message: AcceptedMessage, rcpts: string[], messageId: string): void;
  /** A per-server counter for DSN boundaries and ids. */
  nextDsnNumber(): number;
  /** When SMTPSVC last started. */
  serviceStart(): number;
}

/**
 * The .BDR text (reference §4.9): `Unable to deliver this message because the following error
 * was encountered: <reason text> Specific error code was 0x<HRESULT>.`
 */
export function badmailReason(reason: SmtpReason): string {
  const r = SMTP_REASONS[reason];
  return `Unable to deliver this message because the following error was encountered: ${r.text} Specific error code was 0x${r.hresult.toString(16).toUpperCase()}.\r\n`;
}

/** Write the Badmail trio named after the queue file, and record what it holds. */
export function moveToBadmail(
  owner: DsnOwner,
  fileName: string,
  message: AcceptedMessage,
  messageId: string,
  rcpts: string[],
  reason: SmtpReason,
): void {
  const base = `${BADMAIL_DIR}\\${fileName.replace(/\.EML$/i, '')}`;
  const now = owner.ctx.clock.now();
  owner.host.fs.writeFile(`${base}.BAD`, message.data, now);
  // The real .BDP is binary envelope data; its contents are not modelled.
  owner.host.fs.writeFile(`${base}.BDP`, '', now);
  owner.host.fs.writeFile(`${base}.BDR`, badmailReason(reason), now);
  owner.ledger.toBadmail(base, messageId, rcpts);
  owner.ctx.changed();
}

/** Issue a failure NDR or a delay DSN for some recipients of a queued message. */
export function issueDsn(
  owner: DsnOwner,
  cfg: OutboundConfig,
  kind: 'failure' | 'delay',
  entry: { fileName: string; message: AcceptedMessage; messageId: string },
  recipients: DsnRecipient[],
): void {
  const original = entry.message;
  if (recipients.length === 0) return;
  if (original.from === '') {
    // A DSN that cannot be delivered goes to Badmail; a delayed one just keeps waiting.
    if (kind === 'failure')
      moveToBadmail(
        owner,
        entry.fileName,
        original,
        entry.messageId,
        recipients.map((r) => r.address),
        'ndrUndeliverable',
      );
    return;
  }
  const now = owner.ctx.clock.now();
  const counter = owner.nextDsnNumber();
  const id = dsnMessageId(owner.ctx.rng, counter, cfg.fqdn);
  const data = buildDsn({
    kind,
    fqdn: cfg.fqdn,
    postmasterDomain: cfg.defaultDomain,
    originalSender: original.from,
    originalHelo: original.helo,
    arrivalDate: original.receivedAt,
    now,
    utcOffsetMinutes: owner.ctx.utcOffsetMinutes,
    recipients,
    original: original.data,
    rng: owner.ctx.rng,
    counter,
    serviceStart: owner.serviceStart(),
    id,
  });
  const to = [original.from];
  if (
    kind === 'failure' &&
    cfg.sendNdrTo &&
    cfg.sendNdrTo.toLowerCase() !== original.from.toLowerCase()
  )
    to.push(cfg.sendNdrTo);
  const dsn: AcceptedMessage = {
    from: '',
    to,
    data,
    size: data.length,
    helo: cfg.fqdn,
    clientIp: '127.0.0.1',
    queueId: id,
    receivedAt: now,
  };
  if (kind === 'failure')
    owner.ledger.answer(
      entry.messageId,
      recipients.map((r) => r.address),
      id,
    );
  owner.route(dsn, to, id);
}
