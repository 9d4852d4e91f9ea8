/**
 * Searching files: Select-String (PowerShell) and findstr (cmd), the admin's way to find `550 5.7.1`
 * in the W3C logs or the queued messages of one sender (reference §8.7). Select-String's matches
 * can be piped to Remove-Item or Move-Item, which bind each match's Path, as in real PowerShell.
 */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { expandFiles, removeFiles } from './fileOps';
import { psNotFound, resolvePath } from './files';
import { cmdletClass, psBinding, psErrorRecord } from '../messages';
import type { VirtualFile } from '../../fs/virtualFs';

interface Match {
  file: VirtualFile;
  lineNo: number;
  text: string;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every matching line, or only the first per file with `list`. */
function search(files: VirtualFile[], test: (line: string) => boolean, list: boolean): Match[] {
  const out: Match[] = [];
  for (const file of files) {
    const lines = file.content.replace(/\r\n$/, '').split('\r\n');
    for (let i = 0; i < lines.length; i++) {
      if (!test(lines[i] as string)) continue;
      out.push({ file, lineNo: i + 1, text: lines[i] as string });
      if (list) break;
    }
  }
  return out;
}

/** `| Remove-Item` or `| Move-Item -Destination X` after Select-String. */
function pipeTo(env: CommandEnv, matches: Match[], stage: string[]): string[] | null {
  const [verb, ...rest] = stage;
  const files = [...new Map(matches.map((m) => [m.file.path, m.file])).values()];
  if (/^(Remove-Item|rm|del|ri)$/i.test(verb ?? ''))
    return removeFiles(env, files, 'Remove-Item', null).errors;
  if (/^(Move-Item|move|mv|mi)$/i.test(verb ?? '')) {
    const b = bindPs(rest, ['Destination'], ['Force']);
    const dest = (b.named.Destination as string | undefined) ?? b.positional[0];
    const dir = dest ? env.host.fs.dirPath(resolvePath(env.cwd, dest)) : null;
    if (!dir)
      return [`Move-Item : ${env.msg.pathNotFound(dest ? resolvePath(env.cwd, dest) : '')}`];
    return removeFiles(env, files, 'Move-Item', dir).errors;
  }
  return null;
}

export const selectString: Command = {
  names: ['Select-String', 'sls'],
  shells: ['powershell'],
  summary: {
    en: 'Find text in files (regular expression; -SimpleMatch for plain text, -List for one match per file). Pipe to Remove-Item or Move-Item.',
    ja: 'ファイル内の文字列を検索します (正規表現。-SimpleMatch で文字列そのまま、-List でファイルごとに 1 件)。Remove-Item や Move-Item にパイプできます。',
  },
  usage:
    'Select-String -Path C:\\Windows\\System32\\LogFiles\\SMTPSVC1\\*.log -Pattern "550 5.7.1"',
  run(args, env, line) {
    const bar = args.indexOf('|');
    const own = bar < 0 ? args : args.slice(0, bar);
    const b = bindPs(
      own,
      ['Pattern', 'Path'],
      ['SimpleMatch', 'List', 'CaseSensitive', 'NotMatch'],
    );
    const cmdlet = 'Select-String';
    const typed = bar < 0 ? line : line.slice(0, line.lastIndexOf('|')).trim();
    if (b.unknown) return psBinding.paramNotFound(env.msg, cmdlet, typed, b.unknown);
    const pattern = (b.named.Pattern as string | undefined) ?? b.positional[0];
    const path = (b.named.Path as string | undefined) ?? b.positional[b.named.Pattern ? 0 : 1];
    if (!pattern || !path)
      return psBinding.missingMandatory(env.msg, cmdlet, typed, [
        ...(pattern ? [] : ['Pattern']),
        ...(path ? [] : ['Path']),
      ]);
    const files = expandFiles(env, path);
    if (files.length === 0) return psNotFound(env, cmdlet, resolvePath(env.cwd, path), typed);
    let re: RegExp;
    try {
      re = new RegExp(
        b.named.SimpleMatch ? escapeRegex(pattern) : pattern,
        b.named.CaseSensitive ? '' : 'i',
      );
    } catch {
      return psErrorRecord(env.msg, {
        message: `${cmdlet} : ${
          env.locale === 'ja'
            ? `文字列 ${pattern} は有効な正規表現ではありません。`
            : `The string ${pattern} is not a valid regular expression.`
        }`,
        line: typed,
        category: `InvalidArgument: (:) [${cmdlet}], ArgumentException`,
        id: `InvalidRegex,${cmdletClass(cmdlet)}`,
      });
    }
    const matches = search(files, (l) => re.test(l) !== !!b.named.NotMatch, !!b.named.List);
    if (bar >= 0) {
      const piped = pipeTo(env, matches, args.slice(bar + 1));
      return (
        piped ?? [
          `${args[bar + 1] ?? ''} : ${env.locale === 'ja' ? 'このコンソールでは Select-String の結果を Remove-Item または Move-Item にのみパイプできます。' : 'This console can pipe Select-String only to Remove-Item or Move-Item.'}`,
        ]
      );
    }
    return matches.length === 0
      ? []
      : ['', ...matches.map((m) => `${m.file.path}:${m.lineNo}:${m.text}`), ''];
  },
};

export const findstr: Command = {
  names: ['findstr', 'findstr.exe'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'Find text in files: findstr /i /c:"550 5.7.1" file (use /m for file names only).',
    ja: 'ファイル内の文字列を検索します: findstr /i /c:"550 5.7.1" ファイル (/m でファイル名のみ)。',
  },
  usage: 'findstr /c:"OutboundConnectionResponse" C:\\Windows\\System32\\LogFiles\\SMTPSVC1\\*.log',
  run(args, env) {
    const flags = args.filter((a) => /^\/[a-z]$/i.test(a)).map((a) => a.slice(1).toLowerCase());
    const literal = args.find((a) => /^\/c:/i.test(a))?.slice(3);
    const rest = args.filter((a) => !/^\/[a-z]$/i.test(a) && !/^\/c:/i.test(a));
    const words =
      literal !== undefined ? [literal] : (rest.shift() ?? '').split(' ').filter(Boolean);
    const ja = env.locale === 'ja';
    if (words.length === 0 || rest.length === 0)
      return [ja ? 'FINDSTR: コマンド ラインが正しくありません' : 'FINDSTR: Bad command line'];
    const ci = flags.includes('i');
    const files = rest.flatMap((p) => expandFiles(env, p));
    if (files.length === 0)
      return rest.map((p) => (ja ? `FINDSTR: ${p} を開けません。` : `FINDSTR: Cannot open ${p}`));
    const test = (l: string) =>
      words.some((w) => (ci ? l.toLowerCase().includes(w.toLowerCase()) : l.includes(w)));
    const matches = search(files, test, flags.includes('m'));
    if (flags.includes('m')) return matches.map((m) => m.file.path);
    const prefix = files.length > 1 || rest.some((p) => p.includes('*'));
    return matches.map(
      (m) =>
        `${prefix ? `${m.file.path}:` : ''}${flags.includes('n') ? `${m.lineNo}:` : ''}${m.text}`,
    );
  },
};
