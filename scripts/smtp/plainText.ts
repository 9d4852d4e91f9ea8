/**
 * Scenario markdown as plain terminal text (briefings), and a guard that keeps text from a
 * scenario or a client — W3C lines echo what clients send — from driving the terminal.
 */
import { marked, type Token, type Tokens } from 'marked';

/**
 * Show control characters (ANSI escapes, backspaces a telnet user typed, C1 codes) in caret
 * notation (`^H`, `^[`, `^?`, `\x9b`) so they are seen instead of acted on. Newlines (and tabs)
 * are kept only when `multiline`.
 */
export function terminalSafe(text: string, multiline = false): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (multiline && (c === '\n' || c === '\t')) return c;
    if (code < 0x20) return `^${String.fromCharCode(code + 64)}`;
    return code === 0x7f ? '^?' : `\\x${code.toString(16)}`;
  });
}

function inline(tokens: Token[] | undefined): string {
  return (tokens ?? [])
    .map((t) => {
      switch (t.type) {
        case 'strong':
        case 'em':
        case 'del':
          return inline((t as Tokens.Strong).tokens);
        case 'link': {
          const l = t as Tokens.Link;
          const text = inline(l.tokens);
          return text === l.href ? text : `${text} (${l.href})`;
        }
        case 'image':
          return (t as Tokens.Image).text;
        case 'br':
          return '\n';
        case 'text':
          return 'tokens' in t && t.tokens ? inline(t.tokens) : (t as Tokens.Text).text;
        default:
          return 'text' in t ? String(t.text) : t.raw;
      }
    })
    .join('');
}

const indent = (text: string, first: string, rest: string) =>
  text
    .split('\n')
    .map((l, i) => (i === 0 ? first : rest) + l)
    .join('\n');

function blocks(tokens: Token[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    switch (t.type) {
      case 'space':
        break;
      case 'paragraph':
      case 'heading':
        out.push(inline((t as Tokens.Paragraph).tokens));
        break;
      case 'blockquote':
        out.push(indent(blocks((t as Tokens.Blockquote).tokens).join('\n\n'), '  │ ', '  │ '));
        break;
      case 'list': {
        const list = t as Tokens.List;
        const start = typeof list.start === 'number' ? list.start : 1;
        out.push(
          list.items
            .map((item, i) => {
              const bullet = list.ordered ? `${start + i}. ` : '• ';
              return indent(
                blocks(item.tokens).join('\n'),
                `  ${bullet}`,
                ' '.repeat(bullet.length + 2),
              );
            })
            .join('\n'),
        );
        break;
      }
      case 'code':
        out.push(indent((t as Tokens.Code).text, '    ', '    '));
        break;
      case 'hr':
        out.push('――――――――');
        break;
      case 'text':
        out.push(inline('tokens' in t ? t.tokens : undefined) || (t as Tokens.Text).text);
        break;
      default:
        out.push(t.raw.trimEnd());
    }
  }
  return out;
}

/** Markdown → plain text: emphasis dropped, links as `text (url)`, quotes and lists indented. */
export function markdownToPlainText(markdown: string): string {
  return terminalSafe(blocks(marked.lexer(markdown)).join('\n\n'), true);
}
