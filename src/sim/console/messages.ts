/**
 * Console texts that Japanese Windows localises (ja-terms §6). Protocol text, property names and
 * most command output stay English on Japanese Windows and are not listed here.
 */
import type { Locale } from '../world/types';

const en = {
  warning: 'WARNING:',
  psNotRecognized: (name: string) =>
    `${name} : The term '${name}' is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.`,
  psAtLine: 'At line:1 char:1',
  cmdNotRecognized: (name: string) => [
    `'${name}' is not recognized as an internal or external command,`,
    'operable program or batch file.',
  ],
  telnetConnecting: (host: string) => `Connecting To ${host}...`,
  telnetFailed: (port: number) =>
    `Could not open connection to the host, on port ${port}: Connect failed`,
  telnetLost: 'Connection to host lost.',
  nslookupServer: 'Server:',
  nslookupDefaultServer: 'Default Server:',
  nslookupNonAuth: 'Non-authoritative answer:',
  nslookupName: 'Name:',
  nslookupCantFind: (server: string, name: string, reason: string) =>
    `*** ${server} can't find ${name}: ${reason}`,
  nslookupInvalidOption: (option: string) => `*** Invalid option: ${option}`,
  nslookupNotSimulated: (command: string) =>
    `*** The simulator does not support '${command}' in nslookup; type a name to look it up, set type=MX, set vc or exit.`,
  dirVolume: ' Volume in drive C has no label.',
  dirSerial: ' Volume Serial Number is 1A2B-3C4D',
  dirOf: (path: string) => ` Directory of ${path}`,
  dirFiles: (n: number, bytes: string) =>
    `${String(n).padStart(16)} File(s) ${bytes.padStart(14)} bytes`,
  dirDirs: (n: number, free: string) => `${String(n).padStart(16)} Dir(s)  ${free} bytes free`,
  fileNotFound: 'File Not Found',
  pathNotFound: (p: string) => `Cannot find path '${p}' because it does not exist.`,
  cmdPathNotFound: 'The system cannot find the file specified.',
  firewallNoMatch: 'No rules match the specified criteria.',
  netshOk: 'Ok.',
  netshNotFound: (command: string) => `The following command was not found: ${command}.`,
  firewallUpdated: (n: number) => `Updated ${n} rule(s).`,
  firewallDeleted: (n: number) => `Deleted ${n} rule(s).`,
  psNoRule: (name: string) =>
    `Get-NetFirewallRule : No MSFT_NetFirewallRule objects found with property 'DisplayName' equal to '${name}'.  Verify the value of the property and retry.`,
  psNoService: (name: string) => `Cannot find any service with service name '${name}'.`,
  tooLong: 'The command line is too long.',
};

export type ConsoleMessages = typeof en;

const ja: ConsoleMessages = {
  warning: '警告:',
  psNotRecognized: (name) =>
    `${name} : 用語 '${name}' は、コマンドレット、関数、スクリプト ファイル、または操作可能なプログラムの名前として認識されません。名前が正しく記述されていることを確認し、パスが含まれている場合はそのパスが正しいことを確認してから、再試行してください。`,
  psAtLine: '発生場所 行:1 文字:1',
  cmdNotRecognized: (name) => [
    `'${name}' は、内部コマンドまたは外部コマンド、`,
    '操作可能なプログラムまたはバッチ ファイルとして認識されていません。',
  ],
  telnetConnecting: (host) => `接続中: ${host}...`,
  telnetFailed: (port) => `ホストへの接続を開けませんでした。 ポート ${port}: 接続に失敗しました`,
  telnetLost: 'ホストとの接続が切断されました。',
  nslookupServer: 'サーバー:',
  nslookupDefaultServer: '既定のサーバー:',
  nslookupNonAuth: '権限のない回答:',
  nslookupName: '名前:',
  nslookupCantFind: (server, name, reason) =>
    `*** ${server} が ${name} を見つけられません: ${reason}`,
  nslookupInvalidOption: (option) => `*** 無効なオプション: ${option}`,
  nslookupNotSimulated: (command) =>
    `*** このシミュレーターの nslookup では '${command}' は使えません。名前を入力して照会するか、set type=MX、set vc、exit を使ってください。`,
  dirVolume: ' ドライブ C のボリューム ラベルがありません。',
  dirSerial: ' ボリューム シリアル番号は 1A2B-3C4D です',
  dirOf: (path) => ` ${path} のディレクトリ`,
  dirFiles: (n, bytes) => `${String(n).padStart(16)} 個のファイル ${bytes.padStart(19)} バイト`,
  dirDirs: (n, free) => `${String(n).padStart(16)} 個のディレクトリ  ${free} バイトの空き領域`,
  fileNotFound: 'ファイルが見つかりません',
  pathNotFound: (p) => `パス '${p}' が存在しないため検出できません。`,
  cmdPathNotFound: '指定されたファイルが見つかりません。',
  firewallNoMatch: '指定された条件に一致する規則はありません。',
  netshOk: 'OK',
  netshNotFound: (command) => `次のコマンドが見つかりませんでした: ${command}。`,
  firewallUpdated: (n) => `${n} 個の規則を更新しました。`,
  firewallDeleted: (n) => `${n} 個の規則を削除しました。`,
  psNoRule: (name) =>
    `Get-NetFirewallRule : プロパティ 'DisplayName' が '${name}' に等しい MSFT_NetFirewallRule オブジェクトが見つかりません。プロパティの値を確認してから、再試行してください。`,
  psNoService: (name) => `サービス名 '${name}' のサービスが見つかりません。`,
  tooLong: 'コマンド ラインが長すぎます。',
};

export function consoleMessages(locale: Locale): ConsoleMessages {
  return locale === 'ja' ? ja : en;
}

/**
 * A Windows PowerShell 5.1 error record as the console prints it: the message (already prefixed
 * with `<cmdlet> : `), the position (`At line:1 char:1` / `発生場所 行:1 文字:1`), the command line
 * underlined, then CategoryInfo and FullyQualifiedErrorId, which stay English on every locale.
 */
export function psErrorRecord(
  msg: ConsoleMessages,
  e: { message: string; line: string; underline?: number; category: string; id: string },
): string[] {
  return [
    e.message,
    msg.psAtLine,
    `+ ${e.line}`,
    `+ ${'~'.repeat(e.underline ?? e.line.length)}`,
    `    + CategoryInfo          : ${e.category}`,
    `    + FullyQualifiedErrorId : ${e.id}`,
    '',
  ];
}
