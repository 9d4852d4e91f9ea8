/** dir / Get-ChildItem, type / Get-Content, cd on the host's files (reference §8.7, ja-terms §6.7). */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { cmdletClass, psBinding, psErrorRecord } from '../messages';
import { dirDate, psDate } from '../../clock/time';
import { fileSize } from '../../fs/virtualFs';

const thousands = (n: number) => n.toLocaleString('en-US');

/** Make a path absolute against the current directory; `..` and `.` are resolved. */
export function resolvePath(cwd: string, input: string): string {
  let p = input.replace(/\//g, '\\').replace(/^"|"$/g, '');
  p = p.replace(/%SystemRoot%|\$env:SystemRoot|\$env:windir|%windir%/gi, 'C:\\Windows');
  if (!/^[A-Za-z]:/.test(p)) p = p.startsWith('\\') ? `C:${p}` : `${cwd}\\${p}`;
  const parts: string[] = [];
  for (const part of p.split('\\')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 1) parts.pop();
    } else parts.push(part);
  }
  return parts.length === 1 ? `${parts[0]}\\` : parts.join('\\');
}

function cmdDir(env: CommandEnv, target: string): string[] {
  const fs = env.host.fs;
  const dir = fs.dirPath(target);
  const m = env.msg;
  if (!dir) {
    const file = fs.readFile(target);
    if (!file) return [m.dirVolume, m.dirSerial, '', m.fileNotFound];
  }
  const path = dir ?? target.slice(0, target.lastIndexOf('\\'));
  const files = dir ? fs.list(path) : [fs.readFile(target)!];
  const dirs = dir ? fs.listDirs(path) : [];
  const now = env.ctx.clock.now();
  const off = env.ctx.utcOffsetMinutes;
  const when = (t: number) => dirDate(t, off, env.locale);
  const total = files.reduce((n, f) => n + fileSize(f), 0);
  return [
    m.dirVolume,
    m.dirSerial,
    '',
    m.dirOf(path),
    '',
    ...(dir ? [`${when(now)}    <DIR>          .`, `${when(now)}    <DIR>          ..`] : []),
    ...dirs.map((d) => `${when(now)}    <DIR>          ${d.slice(d.lastIndexOf('\\') + 1)}`),
    ...files.map(
      (f) =>
        `${when(f.mtime)} ${thousands(fileSize(f)).padStart(17)} ${f.path.slice(f.path.lastIndexOf('\\') + 1)}`,
    ),
    m.dirFiles(files.length, thousands(total)),
    m.dirDirs(dirs.length + (dir ? 2 : 0), thousands(env.host.freeBytes())),
  ];
}

function psDir(env: CommandEnv, target: string, line: string): string[] {
  const fs = env.host.fs;
  const dir = fs.dirPath(target);
  if (!dir) {
    const file = fs.readFile(target);
    if (!file) return psNotFound(env, 'Get-ChildItem', target, line);
  }
  const path = dir ?? target.slice(0, target.lastIndexOf('\\'));
  const files = dir ? fs.list(path) : [fs.readFile(target)!];
  const dirs = dir ? fs.listDirs(path) : [];
  if (files.length === 0 && dirs.length === 0) return [];
  const off = env.ctx.utcOffsetMinutes;
  const now = env.ctx.clock.now();
  const when = (t: number) => psDate(t, off, env.locale).padStart(20);
  return [
    '',
    `    ${env.locale === 'ja' ? 'ディレクトリ' : 'Directory'}: ${path}`,
    '',
    '',
    'Mode                 LastWriteTime         Length Name',
    '----                 -------------         ------ ----',
    ...dirs.map(
      (d) => `d-----        ${when(now)}                ${d.slice(d.lastIndexOf('\\') + 1)}`,
    ),
    ...files.map(
      (f) =>
        `-a----        ${when(f.mtime)} ${String(fileSize(f)).padStart(14)} ${f.path.slice(f.path.lastIndexOf('\\') + 1)}`,
    ),
    '',
    '',
  ];
}

/**
 * `Cannot find path '…' because it does not exist.` with its error record. The message starts with
 * the name as typed (`cd : …`, `dir : …`), the record names the cmdlet.
 */
export function psNotFound(env: CommandEnv, cmdlet: string, path: string, line: string): string[] {
  const typed = line.split(/\s/, 1)[0] || cmdlet;
  return psErrorRecord(env.msg, {
    message: `${typed} : ${env.msg.pathNotFound(path)}`,
    line,
    category: `ObjectNotFound: (${path}:String) [${cmdlet}], ItemNotFoundException`,
    id: `PathNotFound,${cmdletClass(cmdlet)}`,
  });
}

export const dir: Command = {
  names: ['dir', 'ls', 'Get-ChildItem', 'gci'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: 'List a folder (e.g. the mail queue).',
    ja: 'フォルダーの内容を一覧表示します (キューなど)。',
  },
  usage: 'dir C:\\inetpub\\mailroot\\Queue',
  run(args, env, line) {
    if (env.shell === 'cmd') {
      const target = args.find((a) => !a.startsWith('/'));
      return cmdDir(env, resolvePath(env.cwd, target ?? '.'));
    }
    const b = bindPs(args, ['Path', 'Filter'], ['Recurse', 'Force', 'Name']);
    const target = (b.named.Path as string | undefined) ?? b.positional[0] ?? '.';
    return psDir(env, resolvePath(env.cwd, target), line);
  },
};

export const type: Command = {
  names: ['type', 'cat', 'gc', 'Get-Content'],
  shells: ['powershell', 'cmd'],
  summary: {
    en: "Show a file (e.g. today's SMTP log). PowerShell: -Tail N.",
    ja: 'ファイルの内容を表示します (当日の SMTP ログなど)。PowerShell では -Tail N も使えます。',
  },
  usage: 'type C:\\Windows\\System32\\LogFiles\\SMTPSVC1\\ex260305.log',
  run(args, env, line) {
    const b = bindPs(args, ['Path', 'Tail', 'TotalCount', 'Head'], ['Wait']);
    const target = (b.named.Path as string | undefined) ?? b.positional[0];
    if (!target)
      return env.shell === 'cmd'
        ? [env.msg.cmdSyntax]
        : psBinding.missingMandatory(env.msg, 'Get-Content', line, ['Path']);
    const path = resolvePath(env.cwd, target);
    const file = env.host.fs.readFile(path);
    if (!file)
      return env.shell === 'cmd'
        ? [env.msg.cmdPathNotFound]
        : psNotFound(env, 'Get-Content', path, line);
    let lines = file.content.replace(/\r\n$/, '').split('\r\n');
    const tail = Number(b.named.Tail ?? NaN);
    const head = Number(b.named.TotalCount ?? b.named.Head ?? NaN);
    if (Number.isInteger(tail) && tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
    if (Number.isInteger(head) && head >= 0) lines = lines.slice(0, head);
    return lines;
  },
};

export const cd: Command = {
  names: ['cd', 'chdir', 'Set-Location', 'sl'],
  shells: ['powershell', 'cmd'],
  summary: { en: 'Change the current folder.', ja: 'カレント フォルダーを変更します。' },
  usage: 'cd C:\\inetpub\\mailroot',
  run(args, env, line) {
    const target = args.find((a) => !a.startsWith('/'));
    if (!target) return env.shell === 'cmd' ? [env.cwd] : [];
    const path = resolvePath(env.cwd, target);
    const found = env.host.fs.dirPath(path) ?? (/^[A-Za-z]:\\$/.test(path) ? path : null);
    if (!found)
      return env.shell === 'cmd'
        ? [env.msg.cmdDirNotFound]
        : psNotFound(env, 'Set-Location', path, line);
    env.setCwd(found);
    return [];
  },
};
