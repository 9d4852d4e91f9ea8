/** A host's files: mailroot folders and log files. Windows paths, case-insensitive. */

export interface VirtualFile {
  path: string;
  content: string;
  mtime: number;
  /** Bytes on disk when `content` is only a stand-in (a 38 GB log file); else its length counts. */
  size?: number;
}

/** What a file takes on disk: its declared size, or its content's length. */
export const fileSize = (f: VirtualFile): number => f.size ?? f.content.length;

/** Map key of a path: backslashes, no trailing one, lower case (most paths need no replacing). */
const key = (path: string) =>
  (path.includes('/') || path.endsWith('\\')
    ? path.replace(/\//g, '\\').replace(/\\+$/, '')
    : path
  ).toLowerCase();

export class VirtualFs {
  #files = new Map<string, VirtualFile>();
  #dirs = new Map<string, string>();

  mkdir(path: string): void {
    const parts = path.replace(/\//g, '\\').replace(/\\+$/, '').split('\\');
    for (let i = 1; i <= parts.length; i++) {
      const p = parts.slice(0, i).join('\\');
      if (!this.#dirs.has(key(p))) this.#dirs.set(key(p), p);
    }
  }

  isDir(path: string): boolean {
    return this.#dirs.has(key(path));
  }

  /** The directory's path as stored (original case), or null. */
  dirPath(path: string): string | null {
    return this.#dirs.get(key(path)) ?? null;
  }

  /** The folder of the last write, which exists (folders are never removed). */
  #lastDir = '';

  writeFile(path: string, content: string, mtime: number, size?: number): void {
    const dir = path.slice(0, path.lastIndexOf('\\'));
    // The queue writes thousands of files into folders that exist: skip the walk then.
    if (dir !== this.#lastDir) {
      if (dir && !this.#dirs.has(key(dir))) this.mkdir(dir);
      this.#lastDir = dir;
    }
    this.#files.set(
      key(path),
      size === undefined ? { path, content, mtime } : { path, content, mtime, size },
    );
  }

  appendFile(path: string, content: string, mtime: number): void {
    const existing = this.#files.get(key(path));
    if (existing) {
      existing.content += content;
      existing.mtime = mtime;
    } else this.writeFile(path, content, mtime);
  }

  readFile(path: string): VirtualFile | null {
    return this.#files.get(key(path)) ?? null;
  }

  remove(path: string): boolean {
    return this.#files.delete(key(path));
  }

  /** Files directly inside a directory, sorted by name. */
  list(dir: string): VirtualFile[] {
    const prefix = key(dir) + '\\';
    const out: VirtualFile[] = [];
    for (const [k, f] of this.#files) {
      if (k.startsWith(prefix) && !k.slice(prefix.length).includes('\\')) out.push(f);
    }
    return out.sort((a, b) => (a.path.toLowerCase() < b.path.toLowerCase() ? -1 : 1));
  }

  /** Sub-directories directly inside a directory. */
  listDirs(dir: string): string[] {
    const prefix = key(dir) + '\\';
    return [...this.#dirs.entries()]
      .filter(([k]) => k.startsWith(prefix) && !k.slice(prefix.length).includes('\\'))
      .map(([, p]) => p)
      .sort();
  }
}
