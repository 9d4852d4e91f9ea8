/** Texts of the terminal player (`scenario play`), in Japanese and English. */
import type { Locale } from '../../src/sim/index';

const en = {
  intro: (host: string) =>
    `You are at the console of ${host}. Type console commands as on the server; meta-commands start with ':' (:help).`,
  help: [
    'Console commands work as on the server (PowerShell, cmd, telnet host 25 …).',
    'Meta-commands:',
    '  :advance 15m     advance the virtual clock (s, m, h, d; 1h30m)',
    '  :step            jump to the next scheduled event',
    '  :status          virtual time and objectives (met / unmet)',
    '  :queue           the Queue folder of the IIS servers',
    '  :events [n]      the last n events of this host (default 10)',
    "  :log [n]         the last n lines of this host's newest W3C log (default 20)",
    '  :hint            the next hint',
    '  :host NAME       switch to the console of another host',
    '  :interrupt       Ctrl+] / Ctrl+C: leave telnet',
    '  :debrief         the debrief (after solving)',
    '  :quit            leave',
    '  ::text           send a line that starts with ":" to the console',
  ],
  solved: 'Solved! All objectives hold. (:debrief shows the debrief)',
  unsolvedAgain: 'An objective no longer holds.',
  time: (t: string, next: string | null) =>
    `Virtual time: ${t}${next ? `; next event: ${next}` : '; nothing scheduled'}`,
  objectives: 'Objectives:',
  safety: 'safety',
  queueEmpty: (h: string) => `${h}: the Queue folder is empty.`,
  noEvents: 'No events.',
  noLog: (h: string) => `${h} has no W3C log file (is logging enabled?).`,
  hint: (n: number, total: number) => `Hint ${n}/${total}:`,
  noMoreHints: 'There are no more hints.',
  unknownMeta: (c: string) => `Unknown meta-command ${c}. Type :help.`,
  badDuration: 'Expected a duration like 90s, 15m, 2h, 1d or 1h30m.',
  badHost: (h: string, allowed: string[]) =>
    `No console on '${h}' in this scenario. Consoles: ${allowed.join(', ')}.`,
  switched: (h: string) => `Now at the console of ${h}.`,
  nothingScheduled: 'Nothing is scheduled.',
  advanced: (t: string) => `Clock is now ${t}.`,
  notSolvedYet: 'Solve the scenario first.',
  bye: 'Bye.',
};

const ja: typeof en = {
  intro: (host) =>
    `${host} のコンソールです。サーバーと同じようにコマンドを入力してください。「:」で始まるメタ コマンドは :help で確認できます。`,
  help: [
    'コンソール コマンドはサーバー上と同じように使えます (PowerShell、cmd、telnet ホスト 25 など)。',
    'メタ コマンド:',
    '  :advance 15m     仮想時計を進める (s、m、h、d。1h30m も可)',
    '  :step            次に予定されているイベントまで進める',
    '  :status          仮想時刻と目標の達成状況',
    '  :queue           IIS サーバーの Queue フォルダー',
    '  :events [n]      このホストの最新イベント n 件 (既定 10)',
    '  :log [n]         このホストの最新 W3C ログの末尾 n 行 (既定 20)',
    '  :hint            次のヒント',
    '  :host 名前       別のホストのコンソールに切り替える',
    '  :interrupt       Ctrl+] / Ctrl+C と同じ: telnet を終了する',
    '  :debrief         解説 (解決後)',
    '  :quit            終了',
    '  ::文字列         「:」で始まる行をそのままコンソールに送る',
  ],
  solved: '解決しました! すべての目標を達成しています。(:debrief で解説を表示)',
  unsolvedAgain: '達成済みだった目標が満たされなくなりました。',
  time: (t, next) =>
    `仮想時刻: ${t}${next ? `、次のイベント: ${next}` : '、予定されているイベントはありません'}`,
  objectives: '目標:',
  safety: '安全条件',
  queueEmpty: (h) => `${h}: Queue フォルダーは空です。`,
  noEvents: 'イベントはありません。',
  noLog: (h) => `${h} には W3C ログ ファイルがありません (ログ記録は有効ですか)。`,
  hint: (n, total) => `ヒント ${n}/${total}:`,
  noMoreHints: 'これ以上のヒントはありません。',
  unknownMeta: (c) => `不明なメタ コマンドです: ${c}。:help を入力してください。`,
  badDuration: '90s、15m、2h、1d、1h30m のような時間を指定してください。',
  badHost: (h, allowed) =>
    `このシナリオでは '${h}' のコンソールは使えません。使えるコンソール: ${allowed.join('、')}`,
  switched: (h) => `${h} のコンソールに切り替えました。`,
  nothingScheduled: '予定されているイベントはありません。',
  advanced: (t) => `仮想時刻は ${t} になりました。`,
  notSolvedYet: '先にシナリオを解決してください。',
  bye: '終了します。',
};

export type ReplText = typeof en;
export const replText = (locale: Locale): ReplText => (locale === 'ja' ? ja : en);
