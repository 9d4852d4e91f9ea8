/**
 * RFC 5321 §4.2 reply syntax, for tests: a three-digit code (2xx–5xx), then `-` on every line but
 * the last and a space on the last, the same code on every line, text of printable US-ASCII and
 * HT only (§4.2 `textstring`), and at most 512 octets per line including CRLF (§4.5.3.1.5).
 * Returns what is wrong, or null.
 */
export function replyProblem(lines: string[]): string | null {
  if (lines.length === 0) return 'empty reply';
  const code = lines[0]?.slice(0, 3) ?? '';
  if (!/^[2-5][0-5]\d$/.test(code)) return `bad code in ${JSON.stringify(lines[0])}`;
  for (const [i, line] of lines.entries()) {
    const last = i === lines.length - 1;
    if (!line.startsWith(code + (last ? ' ' : '-')))
      return `line ${i + 1} should start with ${code}${last ? ' ' : '-'}: ${JSON.stringify(line)}`;
    if (new TextEncoder().encode(line).length + 2 > 512)
      return `line ${i + 1} is longer than 512 octets`;
    if (/[^\t\x20-\x7e]/.test(line))
      return `line ${i + 1} has a character outside printable US-ASCII: ${JSON.stringify(line)}`;
  }
  return null;
}
