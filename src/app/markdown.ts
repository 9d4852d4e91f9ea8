import { Marked, type Token } from 'marked';
import DOMPurify from 'dompurify';

/**
 * Scenario texts are untrusted markdown: rendered by marked, then sanitised by DOMPurify so that
 * no script, event handler, form or style from a scenario ever reaches the page.
 */

const MAX_MARKDOWN_CHARS = 100_000;
const parsers = new Map<number, Marked>();

/** Wide characters (kana, kanji, CJK and full-width punctuation), as CSS Text 3 counts them. */
const WIDE =
  '\\u1100-\\u115F\\u2E80-\\u303E\\u3041-\\u33FF\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF\\uFE30-\\uFE4F\\uFF01-\\uFF60\\uFFE0-\\uFFE6';
const CJK_BREAK = new RegExp(
  `([${WIDE}])[ \\t]*\\n[ \\t]*(?=[${WIDE}])|([、。，．！？」』）】〕：；])[ \\t]*\\n[ \\t]*`,
  'gu',
);
const BARE_EMAIL = /^[A-Za-z0-9._%+-]+@/;

/**
 * A source line break inside a paragraph is a space in HTML, which Japanese text does not have:
 * `続いています。⏎ショップ` would read `続いています。 ショップ`. The break is dropped between two
 * wide characters and after closing full-width punctuation (the CSS Text 3 segment-break rule,
 * which browsers do not apply yet); elsewhere it stays a space (`IIS の⏎SMTP`).
 */
export function joinCjkLineBreaks(text: string): string {
  return text.includes('\n') ? text.replace(CJK_BREAK, '$1$2') : text;
}

/** A marked instance that shifts headings down so scenario text never outranks the page's own. */
function parserFor(headingOffset: number): Marked {
  let parser = parsers.get(headingOffset);
  if (!parser) {
    parser = new Marked({
      gfm: true,
      async: false,
      walkTokens(token: Token) {
        if (token.type === 'heading') token.depth = Math.min(6, token.depth + headingOffset);
        if (token.type === 'text' && !('tokens' in token && token.tokens))
          token.text = joinCjkLineBreaks(token.text);
      },
      tokenizer: {
        // No mailto: links for bare addresses: in a scenario they are mailboxes of the simulated
        // world (shop@contoso.com), and a click would open the learner's own mail program.
        url: (src: string) => (BARE_EMAIL.test(src) ? undefined : false),
      },
    });
    parsers.set(headingOffset, parser);
  }
  return parser;
}

let hooksInstalled = false;
function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    // Links in scenario texts open in a new tab and cannot reach back into the app.
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
    if (node.tagName === 'IMG') {
      // A shared scenario must not make the learner's browser fetch anything (tracking pixels):
      // only inline data: images are kept. An image without alt text is treated as decorative.
      if (!/^data:image\/(png|gif|jpeg|webp);/i.test(node.getAttribute('src') ?? ''))
        node.removeAttribute('src');
      if (!node.hasAttribute('alt')) node.setAttribute('alt', '');
    }
  });
}

/** Sanitised HTML for a markdown text; headings are shifted by `headingOffset` levels. */
export function renderMarkdown(markdown: string, headingOffset = 2): string {
  installHooks();
  const source =
    markdown.length > MAX_MARKDOWN_CHARS ? markdown.slice(0, MAX_MARKDOWN_CHARS) : markdown;
  let html: string;
  try {
    html = parserFor(headingOffset).parse(source, { async: false }) as string;
  } catch {
    html = '';
  }
  return DOMPurify.sanitize(html, {
    // What markdown produces, and nothing else: no media, SVG, forms, frames or styles, so a
    // shared scenario can neither run code nor make the browser fetch anything (video posters,
    // <svg><image href>, table backgrounds…); images are limited to data: URLs by the hook above.
    ALLOWED_TAGS: MARKDOWN_TAGS,
    ALLOWED_ATTR: ['href', 'title', 'alt', 'src', 'start', 'align', 'lang', 'colspan', 'rowspan'],
    ALLOW_DATA_ATTR: false,
  });
}

const MARKDOWN_TAGS = [
  'p',
  'br',
  'hr',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'kbd',
  'sup',
  'sub',
  'blockquote',
  'ul',
  'ol',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'a',
  'img',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'details',
  'summary',
  'span',
  'div',
];
