/**
 * The event logs from PowerShell: Get-EventLog (classic) and Get-WinEvent, newest first, as an
 * administrator reads smtpsvc 4000/4006 and Service Control Manager 7036 entries (reference §6).
 * Add `| Format-List` (or `| fl`) to see whole messages instead of the truncated table column.
 */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { wallClock } from '../../clock/time';
import type { EventLogEntry } from '../../world/types';
import { cutCols, padEndCols } from '../columns';
import { cmdletClass, psBinding, psErrorRecord } from '../messages';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number) => String(n).padStart(2, '0');
/** Table message column: the first line, cut to this many console columns like PowerShell's table formatter. */
const MESSAGE_WIDTH = 90;

const LEVEL_JA: Record<EventLogEntry['level'], string> = {
  Information: '情報',
  Warning: '警告',
  Error: 'エラー',
};

/** Get-EventLog's Time column: en `Mar 05 09:15`, ja `3月 05 09:15` (the month name follows the culture). */
function eventLogTime(env: CommandEnv, ms: number): string {
  const w = wallClock(ms, env.ctx.utcOffsetMinutes);
  return `${env.locale === 'ja' ? `${w.month}月` : MONTHS[w.month - 1]} ${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** Full local date-time: en `3/5/2026 9:15:00 AM`, ja `2026/03/05 9:15:00`. */
function longTime(env: CommandEnv, ms: number): string {
  const w = wallClock(ms, env.ctx.utcOffsetMinutes);
  if (env.locale === 'ja')
    return `${w.year}/${pad(w.month)}/${pad(w.day)} ${w.hour}:${pad(w.minute)}:${pad(w.second)}`;
  const h12 = w.hour % 12 === 0 ? 12 : w.hour % 12;
  return `${w.month}/${w.day}/${w.year} ${h12}:${pad(w.minute)}:${pad(w.second)} ${w.hour < 12 ? 'AM' : 'PM'}`;
}

/** The cmdlets' own texts, which Japanese Windows localises. */
const TEXT = {
  en: {
    noEntries: 'No matches found',
    noEvents: 'No events were found that match the specified selection criteria.',
    noLog: (log: string) => `The event log '${log}' on computer '.' does not exist.`,
    noWinLog: (log: string) =>
      `There is not an event log on the localhost computer that matches "${log}".`,
  },
  ja: {
    noEntries: '一致する項目が見つかりません',
    noEvents: '指定した選択条件に一致するイベントは見つかりませんでした。',
    noLog: (log: string) => `コンピューター '.' にイベント ログ '${log}' は存在しません。`,
    noWinLog: (log: string) =>
      `localhost コンピューターに "${log}" と一致するイベント ログはありません。`,
  },
};

interface Selected {
  entries: { e: EventLogEntry; index: number }[];
  list: boolean;
  /** The error record to print instead. */
  error: string[] | null;
}

/** Filter the host's events; `| Format-List` / `| fl` switches to the list view. */
function select(
  env: CommandEnv,
  args: string[],
  line: string,
  cmdlet: 'Get-EventLog' | 'Get-WinEvent',
  countParam: string,
): Selected {
  const t = TEXT[env.locale];
  const logParam = 'LogName';
  const bar = args.indexOf('|');
  const list = bar >= 0 && /^(Format-List|fl)$/i.test(args[bar + 1] ?? '');
  const b = bindPs(
    bar >= 0 ? args.slice(0, bar) : args,
    [logParam, 'Source', 'ProviderName', countParam, 'EntryType', 'InstanceId', 'Id'],
    [],
  );
  // The record shows the command line as typed, up to a `| Format-List`.
  const own = line.replace(/\s*\|\s*(Format-List|fl)\s*$/i, '');
  const fail = (error: string[]): Selected => ({ entries: [], list, error });
  if (b.unknown) return fail(psBinding.paramNotFound(env.msg, cmdlet, own, b.unknown));
  const logName = (b.named[logParam] as string | undefined) ?? b.positional[0];
  const provider = (b.named.Source ?? b.named.ProviderName) as string | undefined;
  if (!logName && !provider)
    return fail(psBinding.missingMandatory(env.msg, cmdlet, own, ['LogName']));
  const log = logName
    ? (['Application', 'System'] as const).find((l) => l.toLowerCase() === logName.toLowerCase())
    : undefined;
  if (logName && !log)
    return fail(
      cmdlet === 'Get-EventLog'
        ? psErrorRecord(env.msg, {
            message: `${cmdlet} : ${t.noLog(logName)}`,
            line: own,
            category: `NotSpecified: (:) [${cmdlet}], InvalidOperationException`,
            id: `System.InvalidOperationException,${cmdletClass(cmdlet)}`,
          })
        : psErrorRecord(env.msg, {
            message: `${cmdlet} : ${t.noWinLog(logName)}`,
            line: own,
            category: `ObjectNotFound: (${logName}:String) [${cmdlet}], Exception`,
            id: `NoMatchingLogsFound,${cmdletClass(cmdlet)}`,
          }),
    );
  const all = env.ctx.hosts.get(env.host.name)?.events ?? [];
  const seen = { Application: 0, System: 0 };
  const indexed = all.map((e) => ({ e, index: ++seen[e.log] }));
  const level = (b.named.EntryType as string | undefined)?.toLowerCase();
  const id = Number(b.named.InstanceId ?? b.named.Id ?? NaN);
  const count = Number(b.named[countParam] ?? NaN);
  let entries = indexed
    .filter(
      ({ e }) =>
        (!log || e.log === log) && (!provider || e.source.toLowerCase() === provider.toLowerCase()),
    )
    .filter(({ e }) => !level || e.level.toLowerCase() === level)
    .filter(({ e }) => Number.isNaN(id) || e.eventId === id)
    .reverse();
  if (Number.isInteger(count) && count > 0) entries = entries.slice(0, count);
  if (entries.length === 0)
    return fail(
      cmdlet === 'Get-EventLog'
        ? psErrorRecord(env.msg, {
            message: `${cmdlet} : ${t.noEntries}`,
            line: own,
            category: `ObjectNotFound: (:) [${cmdlet}], ArgumentException`,
            id: `GetEventLogNoEntriesFound,${cmdletClass(cmdlet)}`,
          })
        : psErrorRecord(env.msg, {
            message: `${cmdlet} : ${t.noEvents}`,
            line: own,
            category: `ObjectNotFound: (:) [${cmdlet}], Exception`,
            id: `NoMatchingEventsFound,${cmdletClass(cmdlet)}`,
          }),
    );
  return { entries, list, error: null };
}

export const getEventLog: Command = {
  names: ['Get-EventLog'],
  shells: ['powershell'],
  summary: {
    en: 'Read an event log: Get-EventLog Application -Source smtpsvc -Newest 10 (| Format-List for whole messages).',
    ja: 'イベント ログを表示します: Get-EventLog Application -Source smtpsvc -Newest 10 (全文は | Format-List)。',
  },
  usage: 'Get-EventLog -LogName Application -Source smtpsvc -Newest 10',
  run(args, env, line) {
    const s = select(env, args, line, 'Get-EventLog', 'Newest');
    if (s.error) return s.error;
    if (s.list)
      return s.entries
        .flatMap(({ e, index }) => [
          '',
          `Index              : ${index}`,
          `EntryType          : ${e.level}`,
          `InstanceId         : ${e.eventId}`,
          `Message            : ${e.message.replace(/\r?\n/g, ' ').replace(/ +/g, ' ')}`,
          `Source             : ${e.source}`,
          `TimeGenerated      : ${longTime(env, e.time)}`,
        ])
        .concat(['']);
    return [
      '',
      '   Index Time          EntryType   Source                 InstanceID Message',
      '   ----- ----          ---------   ------                 ---------- -------',
      ...s.entries.map(
        ({ e, index }) =>
          `${String(index).padStart(8)} ${padEndCols(eventLogTime(env, e.time), 13)} ${e.level.padEnd(11)} ${padEndCols(cutCols(e.source, 22), 22)} ${String(e.eventId).padStart(10)} ${cutCols(e.message, MESSAGE_WIDTH)}`,
      ),
      '',
    ];
  },
};

export const getWinEvent: Command = {
  names: ['Get-WinEvent'],
  shells: ['powershell'],
  summary: {
    en: 'Read an event log: Get-WinEvent -LogName System -MaxEvents 10, or -ProviderName smtpsvc.',
    ja: 'イベント ログを表示します: Get-WinEvent -LogName System -MaxEvents 10、または -ProviderName smtpsvc。',
  },
  usage: 'Get-WinEvent -ProviderName smtpsvc -MaxEvents 10',
  run(args, env, line) {
    const s = select(env, args, line, 'Get-WinEvent', 'MaxEvents');
    if (s.error) return s.error;
    const level = (e: EventLogEntry) => (env.locale === 'ja' ? LEVEL_JA[e.level] : e.level);
    if (s.list)
      return s.entries
        .flatMap(({ e }) => [
          '',
          `TimeCreated  : ${longTime(env, e.time)}`,
          `ProviderName : ${e.source}`,
          `Id           : ${e.eventId}`,
          `Message      : ${e.message.replace(/\r?\n/g, ' ').replace(/ +/g, ' ')}`,
        ])
        .concat(['']);
    // PowerShell groups the table by provider whenever the provider changes.
    const out: string[] = [];
    let provider = '';
    for (const { e } of s.entries) {
      if (e.source !== provider) {
        provider = e.source;
        out.push(
          '',
          `   ProviderName: ${provider}`,
          '',
          'TimeCreated                     Id LevelDisplayName Message',
          '-----------                     -- ---------------- -------',
        );
      }
      out.push(
        `${longTime(env, e.time).padEnd(25)} ${String(e.eventId).padStart(8)} ${padEndCols(level(e), 16)} ${cutCols(e.message, MESSAGE_WIDTH)}`,
      );
    }
    return [...out, ''];
  },
};
