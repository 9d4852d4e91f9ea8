/**
 * Mail that applications hand to SMTP servers on a schedule (the scenario's `traffic`). An app that
 * cannot submit writes an error to its own Application log, as a real web shop would.
 */
import { parseDuration } from '../clock/time';
import { runClientDialogue } from '../smtp/client';
import type { TrafficSpec } from '../scenario/schema';
import type { WorldContext } from './context';

export function durationMs(text: string): number {
  const negative = text.startsWith('-');
  const ms = parseDuration(negative ? text.slice(1) : text) ?? 0;
  return negative ? -ms : ms;
}

/** Every submission time (ms from the learner's start) of a traffic item. */
export function submissionTimes(t: TrafficSpec): number[] {
  const first = durationMs(t.at);
  if (!t.repeat) return [first];
  const every = durationMs(t.repeat.every);
  return Array.from({ length: t.repeat.count }, (_, i) => first + i * every);
}

let fillerCache = '';
/** Deterministic filler body of about `kb` kilobytes, in 76-character lines. */
function filler(kb: number): string {
  const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor';
  const lines = Math.ceil((kb * 1024) / (line.length + 2));
  if (fillerCache.length < lines * (line.length + 2))
    fillerCache = Array(lines).fill(line).join('\r\n');
  return fillerCache.slice(0, lines * (line.length + 2) - 2);
}

export function buildMessage(t: TrafficSpec, seq: number, dateHeader: string): string {
  return [
    `From: ${t.mailFrom}`,
    `To: ${t.rcptTo.join(', ')}`,
    `Subject: ${t.subject}${seq > 1 ? ` #${seq}` : ''}`,
    `Date: ${dateHeader}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    filler(t.sizeKb),
    '',
  ].join('\r\n');
}

/** Submit one message from `t.from` to `t.to` now. */
export function submit(ctx: WorldContext, t: TrafficSpec, seq: number, dateHeader: string): void {
  const from = ctx.hosts.get(t.from);
  const to = ctx.hosts.get(t.to);
  if (!from || !to) return;
  const ip = to.ips[0] as string;
  const opened = ctx.openSmtp(from, ip, t.port);
  const appError = (message: string) =>
    ctx.addEvent(from, {
      log: 'Application',
      source: 'ShopMailer',
      eventId: 1001,
      level: 'Error',
      time: ctx.clock.now(),
      message,
    });
  if (opened.kind !== 'open') {
    appError(
      `System.Net.Mail.SmtpException: Failure sending mail. ---> System.Net.Sockets.SocketException: ${
        opened.kind === 'refused'
          ? `No connection could be made because the target machine actively refused it ${ip}:${t.port}`
          : `A connection attempt failed because the connected party did not properly respond after a period of time ${ip}:${t.port}`
      }`,
    );
    return;
  }
  const data = buildMessage(t, seq, dateHeader);
  const result = runClientDialogue(opened.conn, {
    helo: from.name,
    from: t.mailFrom,
    rcpts: t.rcptTo,
    data,
  });
  for (const f of result.failed) {
    appError(
      `System.Net.Mail.SmtpFailedRecipientException: Mailbox unavailable. The server response was: ${f.reply.replace(/^\d{3} /, '')}`,
    );
  }
}
