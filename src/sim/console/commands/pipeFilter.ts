/**
 * `<command> | findstr <text>` and `<command> | Select-String <pattern>`: the left command runs as
 * usual and only its matching output lines are shown, as admins filter netstat or tasklist
 * (`netstat -ano | findstr :25`). Commands that take piped objects themselves (Select-String …
 * | Remove-Item, Get-EventLog … | Format-List) are left alone.
 */
import { tokenize } from '../args';

export interface OutputFilter {
  /** The command line left of the last `|`. */
  left: string;
  /** Filter the left command's output. */
  apply(lines: string[]): string[];
}

/** Index of the last `|` outside quotes, or -1. */
function lastBar(line: string): number {
  let quote: string | null = null;
  let at = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '|') at = i;
  }
  return at;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** findstr: space-separated words match any of them; /C:"text" is one literal; /I ignores case. */
function findstrTest(args: string[]): ((l: string) => boolean) | null {
  let ignoreCase = false;
  const words: string[] = [];
  for (const a of args) {
    if (/^\/i$/i.test(a)) ignoreCase = true;
    else if (/^\/c:/i.test(a)) words.push(a.slice(3));
    else if (!a.startsWith('/')) words.push(...a.split(/\s+/).filter(Boolean));
  }
  if (words.length === 0) return null;
  const re = new RegExp(words.map(escapeRegex).join('|'), ignoreCase ? 'i' : '');
  return (l) => re.test(l);
}

export function outputFilter(line: string, shell: 'powershell' | 'cmd'): OutputFilter | null {
  const bar = lastBar(line);
  if (bar < 0) return null;
  const left = line.slice(0, bar).trim();
  const [verb, ...args] = tokenize(line.slice(bar + 1).trim());
  const first = tokenize(left)[0] ?? '';
  if (!verb || !left || /^(Select-String|sls|findstr(\.exe)?)$/i.test(first)) return null;
  if (/^findstr(\.exe)?$/i.test(verb)) {
    const test = findstrTest(args);
    return test ? { left, apply: (lines) => lines.filter(test) } : null;
  }
  if (shell === 'powershell' && /^(Select-String|sls)$/i.test(verb)) {
    const pattern = args.find((a) => !a.startsWith('-'));
    if (!pattern) return null;
    let re: RegExp;
    try {
      re = new RegExp(pattern, 'i');
    } catch {
      re = new RegExp(escapeRegex(pattern), 'i');
    }
    return {
      left,
      apply: (lines) => {
        const hits = lines.filter((l) => re.test(l));
        return hits.length > 0 ? ['', ...hits, ''] : [];
      },
    };
  }
  return null;
}
