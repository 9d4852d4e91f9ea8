/**
 * The texts of System.Net.Mail (the .NET SMTP client that applications and Send-MailMessage use)
 * for a refused reply. SmtpException's message is chosen by the reply code (GetMessageForStatus
 * in System.Net.Mail, resource strings Smtp*), followed by "The server response was: " and the
 * reply without its code. The Japanese texts are our renderings (docs/fidelity.md).
 */
import type { Locale } from '../world/types';

const STATUS: Record<number, { en: string; ja: string }> = {
  421: {
    en: 'Service not available, closing transmission channel.',
    ja: 'サービスは利用できません。伝送チャネルを閉じています。',
  },
  450: { en: 'Mailbox unavailable.', ja: 'メールボックスは使用できません。' },
  451: { en: 'Error in processing.', ja: '処理中にエラーが発生しました。' },
  452: { en: 'Insufficient system storage.', ja: 'システムの記憶域が不足しています。' },
  454: {
    en: 'Client does not have permission to submit mail to this server.',
    ja: 'クライアントには、このサーバーにメールを送信するアクセス許可がありません。',
  },
  500: {
    en: 'Syntax error, command unrecognized.',
    ja: '構文エラーです。コマンドを認識できません。',
  },
  501: {
    en: 'Syntax error in parameters or arguments.',
    ja: 'パラメーターまたは引数の構文エラーです。',
  },
  502: { en: 'Command not implemented.', ja: 'コマンドは実装されていません。' },
  503: { en: 'Bad sequence of commands.', ja: 'コマンドのシーケンスが正しくありません。' },
  504: {
    en: 'Command parameter not implemented.',
    ja: 'コマンド パラメーターは実装されていません。',
  },
  530: {
    en: 'The SMTP server requires a secure connection or the client was not authenticated.',
    ja: 'SMTP サーバーにセキュリティで保護された接続が必要か、またはクライアントが認証されていません。',
  },
  550: { en: 'Mailbox unavailable.', ja: 'メールボックスは使用できません。' },
  551: {
    en: 'User not local; please try a different path.',
    ja: 'ユーザーはローカルではありません。別のパスを試してください。',
  },
  552: { en: 'Exceeded storage allocation.', ja: 'ストレージの割り当てを超えました。' },
  553: { en: 'Mailbox name not allowed.', ja: 'メールボックス名は使用できません。' },
  554: { en: 'Transaction failed.', ja: 'トランザクションが失敗しました。' },
};

/** `Exceeded storage allocation. The server response was: 5.3.4 Message size exceeds …`. */
export function smtpExceptionText(code: number, reply: string, locale: Locale): string {
  // Codes .NET has no name for fall back to its "unrecognized" text, as GetMessageForStatus does.
  const status = STATUS[code] ?? STATUS[500]!;
  const serverSaid = reply.replace(/^\d{3}[ -]/, '');
  return locale === 'ja'
    ? `${status.ja} サーバーの応答: ${serverSaid}`
    : `${status.en} The server response was: ${serverSaid}`;
}

/** The server closed the connection without a reply (net_io_readfailure + net_io_connectionclosed). */
export function connectionClosedText(locale: Locale): string {
  return locale === 'ja'
    ? 'トランスポート接続からデータを読み取れません: net_io_connectionclosed。'
    : 'Unable to read data from the transport connection: net_io_connectionclosed.';
}
