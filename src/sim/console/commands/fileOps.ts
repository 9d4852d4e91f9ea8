/**
 * Deleting and moving files: Remove-Item / del, Move-Item / move, mkdir. The Queue folder is special:
 * SMTPSVC keeps its .EML files open while it runs (so they cannot be deleted until the service is
 * stopped), and a file removed from Queue is a message the server will never send (reference §4.9).
 */
import type { Command, CommandEnv } from '../command';
import { bindPs } from '../args';
import { psNotFound, resolvePath } from './files';
import { psBinding, psErrorRecord } from '../messages';
import { QUEUE_DIR } from '../../queue/queue';
import type { VirtualFile } from '../../fs/virtualFs';
import { psDate } from '../../clock/time';

/** Wildcard match as Windows does for file names (`*`, `?`), case-insensitive. */
export function wildcard(name: string, pattern: string): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.') +
      '$',
    'i',
  );
  return re.test(name);
}

const parentOf = (path: string) => path.slice(0, path.lastIndexOf('\\'));
const nameOf = (path: string) => path.slice(path.lastIndexOf('\\') + 1);

/** Files a path names: one file, every file of a folder pattern like `Queue\*.EML`, or none. */
export function expandFiles(env: CommandEnv, input: string): VirtualFile[] {
  const path = resolvePath(env.cwd, input);
  const pattern = nameOf(path);
  if (!/[*?]/.test(pattern)) {
    const f = env.host.fs.readFile(path);
    return f ? [f] : [];
  }
  return env.host.fs.list(parentOf(path)).filter((f) => wildcard(nameOf(f.path), pattern));
}

const inQueue = (path: string) => parentOf(path).toLowerCase() === QUEUE_DIR.toLowerCase();

/** A queued message file, or the W3C log file being written, is locked while SMTPSVC runs. */
function locked(env: CommandEnv, file: VirtualFile): boolean {
  if (env.iis === null || !env.iis.running()) return false;
  if (inQueue(file.path)) return true;
  const current = env.iis.log.fileNameFor(env.ctx.clock.now());
  return env.iis.settings.logging.enabled && file.path.toLowerCase() === current.toLowerCase();
}

/** Take a message out of the queue along with its file, so the server forgets it too. */
function dropFromQueue(env: CommandEnv, file: VirtualFile): void {
  if (!inQueue(file.path) || !env.iis) return;
  env.iis.queue.discard(nameOf(file.path));
}

/** Remove or move the files; returns the error lines for locked files and how many were done. */
export function removeFiles(
  env: CommandEnv,
  files: VirtualFile[],
  cmdlet: 'Remove-Item' | 'Move-Item',
  destination: string | null,
): { errors: string[]; done: number } {
  const ja = env.locale === 'ja';
  const errors: string[] = [];
  let done = 0;
  for (const f of files) {
    if (locked(env, f)) {
      if (env.shell === 'cmd') {
        errors.push(
          ja
            ? 'プロセスはファイルにアクセスできません。別のプロセスが使用中です。'
            : 'The process cannot access the file because it is being used by another process.',
        );
        continue;
      }
      const reason = ja
        ? `別のプロセスで使用されているため、プロセスはファイル '${f.path}' にアクセスできません。`
        : `The process cannot access the file '${f.path}' because it is being used by another process.`;
      const verb = cmdlet === 'Move-Item' ? (ja ? '移動' : 'move') : ja ? '削除' : 'remove';
      errors.push(
        `${cmdlet} : ${ja ? `項目 ${f.path} を${verb}できません: ${reason}` : `Cannot ${verb} item ${f.path}: ${reason}`}`,
      );
      continue;
    }
    dropFromQueue(env, f);
    env.host.fs.remove(f.path);
    if (destination !== null)
      env.host.fs.writeFile(`${destination}\\${nameOf(f.path)}`, f.content, f.mtime);
    done++;
  }
  if (done > 0) env.ctx.changed();
  return { errors, done };
}

function notFound(env: CommandEnv, cmdlet: string, input: string, line: string): string[] {
  const path = resolvePath(env.cwd, input);
  if (env.shell === 'cmd')
    return cmdlet === 'Move-Item'
      ? [env.msg.cmdPathNotFound]
      : [env.locale === 'ja' ? `${path} が見つかりませんでした` : `Could Not Find ${path}`];
  return psNotFound(env, cmdlet, path, line);
}

export const removeItem: Command = {
  names: ['Remove-Item', 'del', 'erase', 'rm', 'ri'],
  shells: ['powershell'],
  summary: {
    en: 'Delete files (wildcards allowed). Stop SMTPSVC before touching the Queue folder.',
    ja: 'ファイルを削除します (ワイルドカード可)。Queue フォルダーを触る前に SMTPSVC を停止してください。',
  },
  usage: 'Remove-Item C:\\inetpub\\mailroot\\Queue\\NTFS_xxxx.EML',
  run(args, env, line) {
    const b = bindPs(
      args.filter((a) => !/^\/[qfs]$/i.test(a)),
      ['Path'],
      ['Force', 'Recurse', 'WhatIf', 'Confirm'],
    );
    const targets = [b.named.Path as string | undefined, ...b.positional].filter(
      (t): t is string => !!t,
    );
    if (targets.length === 0)
      return env.shell === 'cmd'
        ? [env.msg.cmdSyntax]
        : psBinding.missingMandatory(env.msg, 'Remove-Item', line, ['Path']);
    const out: string[] = [];
    for (const t of targets) {
      const files = expandFiles(env, t);
      if (files.length === 0) out.push(...notFound(env, 'Remove-Item', t, line));
      else if (b.named.WhatIf) out.push(...files.map((f) => env.msg.psWhatIfRemove(f.path)));
      else out.push(...removeFiles(env, files, 'Remove-Item', null).errors);
    }
    return out;
  },
};

export const moveItem: Command = {
  names: ['Move-Item', 'move', 'mv', 'mi'],
  shells: ['powershell'],
  summary: {
    en: 'Move files to another folder (a safe alternative to deleting queued mail).',
    ja: 'ファイルを別のフォルダーに移動します (キューのメールを削除せずに退避する方法)。',
  },
  usage: 'Move-Item C:\\inetpub\\mailroot\\Queue\\NTFS_xxxx.EML C:\\QueueBackup',
  run(args, env, line) {
    const b = bindPs(
      args.filter((a) => !/^\/y$/i.test(a)),
      ['Path', 'Destination'],
      ['Force', 'WhatIf'],
    );
    const source = (b.named.Path as string | undefined) ?? b.positional[0];
    const dest = (b.named.Destination as string | undefined) ?? b.positional[b.named.Path ? 0 : 1];
    if (!source || !dest)
      return env.shell === 'cmd'
        ? [env.msg.cmdSyntax]
        : psBinding.missingMandatory(env.msg, 'Move-Item', line, [source ? 'Destination' : 'Path']);
    const files = expandFiles(env, source);
    if (files.length === 0) return notFound(env, 'Move-Item', source, line);
    const destDir = env.host.fs.dirPath(resolvePath(env.cwd, dest));
    if (!destDir) return notFound(env, 'Move-Item', dest, line);
    const { errors, done } = removeFiles(env, files, 'Move-Item', destDir);
    return env.shell === 'cmd' ? [...errors, env.msg.cmdMoved(done)] : errors;
  },
};

export const mkdir: Command = {
  names: ['mkdir', 'md', 'New-Item'],
  shells: ['powershell'],
  summary: { en: 'Create a folder.', ja: 'フォルダーを作成します。' },
  usage: 'mkdir C:\\QueueBackup',
  run(args, env, line) {
    const b = bindPs(args, ['Path', 'ItemType', 'Name'], ['Force']);
    const target = (b.named.Path as string | undefined) ?? b.positional[0];
    if (!target) return [env.msg.cmdSyntax];
    const path = resolvePath(env.cwd, target);
    if (env.host.fs.isDir(path))
      return env.shell === 'cmd'
        ? [env.msg.cmdExists(target)]
        : psErrorRecord(env.msg, {
            message: `${line.split(/\s/, 1)[0]} : ${env.msg.psItemExists(path)}`,
            line,
            category: `ResourceExists: (${path}:String) [New-Item], IOException`,
            id: 'DirectoryExist,Microsoft.PowerShell.Commands.NewItemCommand',
          });
    env.host.fs.mkdir(path);
    env.ctx.changed();
    if (env.shell === 'cmd') return [];
    const when = psDate(env.ctx.clock.now(), env.ctx.utcOffsetMinutes, env.locale).padStart(20);
    return [
      '',
      `    ${env.locale === 'ja' ? 'ディレクトリ' : 'Directory'}: ${parentOf(path)}`,
      '',
      '',
      'Mode                 LastWriteTime         Length Name',
      '----                 -------------         ------ ----',
      `d-----        ${when}                ${nameOf(path)}`,
      '',
      '',
    ];
  },
};

/** cmd's own names: `del`/`erase`, `move`, `md`/`mkdir` (no `rm` or `New-Item` there). */
export const delCmd: Command = {
  ...removeItem,
  names: ['del', 'erase'],
  shells: ['cmd'],
  usage: 'del C:\\inetpub\\mailroot\\Queue\\NTFS_xxxx.EML',
};
export const moveCmd: Command = {
  ...moveItem,
  names: ['move'],
  shells: ['cmd'],
  usage: 'move C:\\inetpub\\mailroot\\Queue\\NTFS_xxxx.EML C:\\QueueBackup',
};
export const mkdirCmd: Command = { ...mkdir, names: ['mkdir', 'md'], shells: ['cmd'] };
