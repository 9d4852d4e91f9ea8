/**
 * Mail that applications hand to SMTP servers on a schedule (the scenario's `traffic`). An app that
 * cannot submit writes an error to its own Application log, as a real web shop would.
 */
import { runClientDialogue, type RcptOutcome } from '../smtp/client';
import { connectionClosedText, smtpExceptionText } from '../smtp/systemNetMail';
import type { TrafficSpec } from '../scenario/schema';
import type { WorldContext } from './context';
import { durationMs, submissionTimes } from './schedule';

export { durationMs, submissionTimes };

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
  // Applications submit with System.Net.Mail: no SIZE=, so an oversize message is refused after DATA.
  const result = runClientDialogue(opened.conn, {
    helo: from.name,
    from: t.mailFrom,
    rcpts: t.rcptTo,
    data,
    app: true,
  });
  for (const message of appFailures(result.failed)) appError(message);
}

/**
 * What the application logs for the failures of one submission: an SmtpFailedRecipientException
 * per refused recipient, or one SmtpException when the whole message failed (greeting, MAIL, DATA).
 * The app's own log is in English (the .NET texts of src/sim/smtp/systemNetMail.ts).
 */
export function appFailures(failed: RcptOutcome[]): string[] {
  const closed = `System.Net.Mail.SmtpException: Failure sending mail. ---> System.IO.IOException: ${connectionClosedText('en')}`;
  const whole = failed.find((f) => f.stage !== 'RCPT');
  if (whole)
    return [
      whole.code === 0
        ? closed
        : `System.Net.Mail.SmtpException: ${smtpExceptionText(whole.code, whole.reply, 'en')}`,
    ];
  return failed.map((f) =>
    f.code === 0
      ? closed
      : `System.Net.Mail.SmtpFailedRecipientException: ${smtpExceptionText(f.code, f.reply, 'en')}`,
  );
}
