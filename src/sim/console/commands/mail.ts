/**
 * Send-MailMessage: the quickest test an administrator has ("does the server take my mail?").
 * It speaks SMTP through the same client as applications do, and reports failures with the
 * System.Net.Mail exception texts PowerShell 5.1 shows (reference §8.7; wording in docs/fidelity.md).
 */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { psBinding } from '../messages';
import { runClientDialogue } from '../../smtp/client';
import { rfc5322Date } from '../../clock/time';
import { connectionClosedText, smtpExceptionText } from '../../smtp/systemNetMail';

/** Send-MailMessage's class is named without the usual `Command` suffix. */
const SEND_CLASS = 'Microsoft.PowerShell.Commands.SendMailMessage';

function psError(env: CommandEnv, line: string, message: string, exception: string): string[] {
  return [
    `Send-MailMessage : ${message}`,
    env.msg.psAtLine,
    `+ ${line}`,
    `+ ${'~'.repeat(Math.max(1, line.length))}`,
    `    + CategoryInfo          : InvalidOperation: (System.Net.Mail.SmtpClient:SmtpClient) [Send-MailMessage], ${exception}`,
    `    + FullyQualifiedErrorId : SmtpException,${SEND_CLASS}`,
    '',
  ];
}

export const sendMailMessage: Command = {
  names: ['Send-MailMessage'],
  shells: ['powershell'],
  summary: {
    en: 'Send a test mail through an SMTP server.',
    ja: 'SMTP サーバー経由でテスト メールを送信します。',
  },
  usage:
    'Send-MailMessage -SmtpServer localhost -From test@contoso.com -To user@example.net -Subject Test -Body Test',
  run(args, env, line) {
    const b = bindPs(
      args,
      ['To', 'Subject', 'Body', 'SmtpServer', 'From', 'Port', 'Cc', 'Encoding', 'Priority'],
      ['UseSsl', 'BodyAsHtml'],
    );
    if (b.unknown)
      return psBinding.paramNotFound(env.msg, 'Send-MailMessage', line, b.unknown, SEND_CLASS);
    const to = String(b.named.To ?? b.positional[0] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const from = String(b.named.From ?? '');
    const subject = String(b.named.Subject ?? b.positional[1] ?? '');
    if (!from || to.length === 0)
      return psBinding.missingMandatory(
        env.msg,
        'Send-MailMessage',
        line,
        [...(from ? [] : ['From']), ...(to.length > 0 ? [] : ['To'])],
        SEND_CLASS,
      );
    const ja = env.locale === 'ja';
    const server = String(b.named.SmtpServer ?? 'localhost');
    const port = Number(b.named.Port ?? 25);
    const answer = env.ctx.dns.a(server);
    const ip =
      server.toLowerCase() === 'localhost'
        ? '127.0.0.1'
        : answer.kind === 'answer'
          ? (answer.records[0]?.ip ?? null)
          : null;
    if (ip === null)
      return psError(
        env,
        line,
        ja
          ? `リモート名を解決できませんでした。: '${server}'`
          : `The remote name could not be resolved: '${server}'`,
        'SmtpException',
      );
    const opened = env.ctx.openSmtp(env.host, ip, port);
    if (opened.kind !== 'open') {
      // A dropped SYN costs the client its connect timeout before it gives up.
      if (opened.kind === 'timedOut' || opened.kind === 'unreachable')
        env.ctx.clock.advanceBy(21_000);
      return psError(
        env,
        line,
        ja ? 'リモート サーバーに接続できません。' : 'Unable to connect to the remote server',
        'SmtpException',
      );
    }
    const data = [
      'MIME-Version: 1.0',
      `From: ${from}`,
      `To: ${to.join(', ')}`,
      `Date: ${rfc5322Date(env.ctx.clock.now(), env.ctx.utcOffsetMinutes)}`,
      `Subject: ${subject}`,
      'Content-Type: text/plain; charset=us-ascii',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      String(b.named.Body ?? ''),
      '',
    ].join('\r\n');
    // System.Net.Mail introduces itself with the computer name.
    const result = runClientDialogue(opened.conn, {
      helo: env.host.name,
      from,
      rcpts: to,
      data,
      app: true,
    });
    const failed = result.failed[0];
    if (!failed) return [];
    // The server hung up without a greeting (Connection control denied us, or it is shutting down).
    if (failed.stage === 'CONNECT' && failed.reply === '')
      return psError(env, line, connectionClosedText(env.locale), 'SmtpException');
    return psError(
      env,
      line,
      smtpExceptionText(failed.code, failed.reply, env.locale),
      failed.stage === 'RCPT' ? 'SmtpFailedRecipientException' : 'SmtpException',
    );
  },
};
