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
  /** The position line of an error record; `char` counts from 1. */
  psAt: (char: number) => `At line:1 char:${char}`,
  psParamNotFound: (name: string) =>
    `A parameter cannot be found that matches parameter name '${name}'.`,
  psMissingMandatory: (names: string[]) =>
    `Cannot process command because of one or more missing mandatory parameters: ${names.join(' ')}.`,
  /** A value that is not a name of the parameter's enum type (the names follow on a new line). */
  psCannotConvertEnum: (param: string, value: string, type: string, names: string[]) =>
    `Cannot bind parameter '${param}'. Cannot convert value "${value}" to type "${type}". Error: "Unable to match the identifier name ${value} to a valid enumerator name. Specify one of the following enumerator names and try again:\n${names.join(', ')}"`,
  psValidateSet: (param: string, value: string, set: string[]) =>
    `Cannot validate argument on parameter '${param}'. The argument "${value}" does not belong to the set "${set.join(',')}" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.`,
  /** CategoryInfo as the record prints it (English everywhere). */
  psCategory: (category: string) => category,
  psWhatIfRemove: (path: string) =>
    `What if: Performing the operation "Remove File" on target "${path}".`,
  psItemExists: (path: string) => `An item with the specified name ${path} already exists.`,
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
  cmdDirNotFound: 'The system cannot find the path specified.',
  cmdSyntax: 'The syntax of the command is incorrect.',
  cmdExists: (name: string) => `A subdirectory or file ${name} already exists.`,
  cmdMoved: (n: number) => `        ${n} file(s) moved.`,
  firewallNoMatch: 'No rules match the specified criteria.',
  netshOk: 'Ok.',
  netshNotFound: (command: string) => `The following command was not found: ${command}.`,
  firewallUpdated: (n: number) => `Updated ${n} rule(s).`,
  firewallDeleted: (n: number) => `Deleted ${n} rule(s).`,
  /** Get-NetTCPConnection finds nothing (the CIM query's condition, e.g. `(LocalPort = 25)`). */
  psNoTcpConnection: (where: string) =>
    `Get-NetTCPConnection : No matching MSFT_NetTCPConnection objects found by CIM query for instances of the ROOT/StandardCimv2/MSFT_NetTCPConnection class on the  CIM server: SELECT * FROM MSFT_NetTCPConnection  WHERE (${where}). Verify query parameters and retry.`,
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
  psAt: (char) => `発生場所 行:1 文字:${char}`,
  psParamNotFound: (name) => `パラメーター名 '${name}' に一致するパラメーターが見つかりません。`,
  // Two spaces before the names, as Japanese Windows prints them.
  psMissingMandatory: (names) =>
    `コマンドを処理できません。次の 1 つ以上の必須パラメーターが指定されていません:  ${names.join(' ')}。`,
  psCannotConvertEnum: (param, value, type, names) =>
    `パラメーター '${param}' をバインドできません。値 "${value}" を型 "${type}" に変換できません。エラー: "識別子名 ${value} を有効な列挙子名に一致させることができません。次の列挙子名のいずれかを指定して、再試行してください:\n${names.join(', ')}"`,
  // The opening quote without its closing one is how Japanese Windows prints this message.
  psValidateSet: (param, value, set) =>
    `パラメーター '${param} の引数を確認できません。引数 "${value}" は、ValidateSet 属性で指定されたセット "${set.join(',')}" に属していません。セット内の引数を指定して、コマンドを再度実行してください。`,
  // Japanese Windows separates the exception type with 、 in some categories (seen for these three).
  psCategory: (category) =>
    /^(InvalidArgument|InvalidData|CloseError):/.test(category)
      ? category.replace('], ', ']、')
      : category,
  psWhatIfRemove: (path) =>
    `WhatIf: 対象 "${path}" に対して操作 "ファイルの削除" を実行しています。`,
  psItemExists: (path) => `指定された名前 ${path} の項目は既に存在します。`,
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
  cmdDirNotFound: '指定されたパスが見つかりません。',
  cmdSyntax: 'コマンドの構文が誤っています。',
  cmdExists: (name) => `サブディレクトリまたはファイル ${name} は既に存在します。`,
  cmdMoved: (n) => `        ${n} 個のファイルを移動しました。`,
  firewallNoMatch: '指定された条件に一致する規則はありません。',
  netshOk: 'OK',
  netshNotFound: (command) => `次のコマンドが見つかりませんでした: ${command}。`,
  firewallUpdated: (n) => `${n} 個の規則を更新しました。`,
  firewallDeleted: (n) => `${n} 個の規則を削除しました。`,
  psNoTcpConnection: (where) =>
    `Get-NetTCPConnection : 一致する MSFT_NetTCPConnection オブジェクトが見つかりませんでした (CIM サーバー上の ROOT/StandardCimv2/MSFT_NetTCPConnection クラスのインスタンスに対する CIM クエリ: SELECT * FROM MSFT_NetTCPConnection  WHERE (${where}))。クエリ パラメーターを確認してから、再試行してください。`,
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
 * underlined, then CategoryInfo and FullyQualifiedErrorId, which stay English on every locale
 * (Japanese Windows only writes `]、` before the exception type of some categories).
 * `at` is where the underline starts (0-based; the position line says `char:at+1`).
 */
export function psErrorRecord(
  msg: ConsoleMessages,
  e: {
    message: string;
    line: string;
    underline?: number;
    at?: number;
    category: string;
    id: string;
  },
): string[] {
  const at = e.at ?? 0;
  return [
    e.message,
    msg.psAt(at + 1),
    `+ ${e.line}`,
    `+ ${' '.repeat(at)}${'~'.repeat(Math.max(1, e.underline ?? e.line.length - at))}`,
    `    + CategoryInfo          : ${msg.psCategory(e.category)}`,
    `    + FullyQualifiedErrorId : ${e.id}`,
    '',
  ];
}

/**
 * Where `token` was typed in the line (0-based): its last occurrence as a whole word after the
 * command name (after a space, `:` or a quote), or 0 when it is not there.
 */
export function tokenAt(line: string, token: string): number {
  const start = line.search(/\s|$/);
  for (let i = line.lastIndexOf(token); i > start; i = line.lastIndexOf(token, i - 1)) {
    if (/[\s:'"]/.test(line[i - 1] ?? '')) return i;
  }
  return 0;
}

/** The .NET name of a cmdlet's class: `Set-Service` → `Microsoft.PowerShell.Commands.SetServiceCommand`. */
export function cmdletClass(cmdlet: string): string {
  return `Microsoft.PowerShell.Commands.${cmdlet.replace('-', '')}Command`;
}

/** The parameter binder's errors, which every cmdlet shares (ParameterBindingException). */
export const psBinding = {
  /** `-Bogus`: no such parameter; underlined where it was typed. */
  paramNotFound(
    msg: ConsoleMessages,
    cmdlet: string,
    line: string,
    name: string,
    id = cmdletClass(cmdlet),
  ): string[] {
    const at = tokenAt(line, `-${name}`);
    return psErrorRecord(msg, {
      message: `${cmdlet} : ${msg.psParamNotFound(name)}`,
      line,
      at,
      underline: name.length + 1,
      category: `InvalidArgument: (:) [${cmdlet}], ParameterBindingException`,
      id: `NamedParameterNotFound,${id}`,
    });
  },
  /** A mandatory parameter left out (the console cannot prompt for it); the whole command is underlined. */
  missingMandatory(
    msg: ConsoleMessages,
    cmdlet: string,
    line: string,
    names: string[],
    id = cmdletClass(cmdlet),
  ): string[] {
    return psErrorRecord(msg, {
      message: `${cmdlet} : ${msg.psMissingMandatory(names)}`,
      line,
      category: `InvalidArgument: (:) [${cmdlet}], ParameterBindingException`,
      id: `MissingMandatoryParameter,${id}`,
    });
  },
  /** A value that is not one of the enum's names; the value is underlined. */
  cannotConvertEnum(
    msg: ConsoleMessages,
    cmdlet: string,
    line: string,
    p: { param: string; value: string; type: string; names: string[] },
    id = cmdletClass(cmdlet),
  ): string[] {
    const at = tokenAt(line, p.value);
    const [first, ...rest] = msg
      .psCannotConvertEnum(p.param, p.value, p.type, p.names)
      .split('\n') as [string, ...string[]];
    const record = psErrorRecord(msg, {
      message: `${cmdlet} : ${first}`,
      line,
      at,
      underline: Math.max(1, p.value.length),
      category: `InvalidArgument: (:) [${cmdlet}], ParameterBindingException`,
      id: `CannotConvertArgumentNoMessage,${id}`,
    });
    return [record[0] as string, ...rest, ...record.slice(1)];
  },
  /** A value outside the parameter's ValidateSet; the value is underlined. */
  validateSet(
    msg: ConsoleMessages,
    cmdlet: string,
    line: string,
    p: { param: string; value: string; set: string[] },
    id = cmdletClass(cmdlet),
  ): string[] {
    return psErrorRecord(msg, {
      message: `${cmdlet} : ${msg.psValidateSet(p.param, p.value, p.set)}`,
      line,
      at: tokenAt(line, p.value),
      underline: Math.max(1, p.value.length),
      category: `InvalidData: (:) [${cmdlet}], ParameterBindingValidationException`,
      id: `ParameterArgumentValidationError,${id}`,
    });
  },
};
