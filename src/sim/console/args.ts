/** Tokenising and parameter binding for the simulated PowerShell and cmd. */

/**
 * Split a command line into words, honouring "double" and 'single' quotes. Double quotes may also
 * sit inside a word, as the shells allow: `name="Core Networking - DNS (UDP-Out)"` and
 * `/C:"two words"` are one argument each, without their quotes.
 */
export function tokenize(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'?|((?:"[^"]*"?|[^\s"]+)+)/g;
  for (let m = re.exec(line); m; m = re.exec(line))
    out.push(m[1] ?? (m[2] ?? '').replace(/"/g, ''));
  return out;
}

export interface BoundArgs {
  /** Named parameters (canonical name → value; `true` for switches). */
  named: Record<string, string | true>;
  positional: string[];
  /** A parameter that matched no declared name. */
  unknown: string | null;
}

/**
 * PowerShell-style binding: `-Name value`, `-Switch`, unique prefixes (`-Comp` → ComputerName),
 * then positionals in declaration order.
 */
export function bindPs(tokens: string[], params: string[], switches: string[] = []): BoundArgs {
  const named: Record<string, string | true> = {};
  const positional: string[] = [];
  let unknown: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if (t.startsWith('-') && t.length > 1 && !/^-\d/.test(t)) {
      const [rawName, inline] = t.slice(1).split(':', 2) as [string, string | undefined];
      const lower = rawName.toLowerCase();
      const all = [...params, ...switches];
      const exact = all.find((p) => p.toLowerCase() === lower);
      const candidates = exact ? [exact] : all.filter((p) => p.toLowerCase().startsWith(lower));
      if (candidates.length !== 1) {
        unknown ??= rawName;
        continue;
      }
      const name = candidates[0] as string;
      if (switches.includes(name)) named[name] = inline === undefined ? true : inline;
      else if (inline !== undefined) named[name] = inline;
      else named[name] = tokens[++i] ?? '';
    } else positional.push(t);
  }
  return { named, positional, unknown };
}

/** cmd-style `key=value` pairs (netsh). */
export function keyValues(tokens: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tokens) {
    const eq = t.indexOf('=');
    if (eq > 0) out[t.slice(0, eq).toLowerCase()] = t.slice(eq + 1);
  }
  return out;
}
