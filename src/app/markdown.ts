import { Marked, type Token } from 'marked';
import DOMPurify from 'dompurify';

/**
 * Scenario texts are untrusted markdown: rendered by marked, then sanitised by DOMPurify so that
 * no script, event handler, form or style from a scenario ever reaches the page.
 */

const MAX_MARKDOWN_CHARS = 100_000;
const parsers = new Map<number, Marked>();

/** A marked instance that shifts headings down so scenario text never outranks the page's own. */
function parserFor(headingOffset: number): Marked {
  let parser = parsers.get(headingOffset);
  if (!parser) {
    parser = new Marked({
      gfm: true,
      async: false,
      walkTokens(token: Token) {
        if (token.type === 'heading') token.depth = Math.min(6, token.depth + headingOffset);
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
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'iframe',
      'object',
      'embed',
    ],
    FORBID_ATTR: ['style', 'srcset'],
    ALLOW_DATA_ATTR: false,
  });
}
