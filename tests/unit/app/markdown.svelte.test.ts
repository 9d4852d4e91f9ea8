// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { joinCjkLineBreaks, renderMarkdown } from '../../../src/app/markdown';

describe('renderMarkdown', () => {
  it('should render markdown', () => {
    const html = renderMarkdown('Mail is **stuck** in `Queue`.\n\n- one\n- two');
    expect(html).toContain('<strong>stuck</strong>');
    expect(html).toContain('<code>Queue</code>');
    expect(html).toContain('<li>one</li>');
  });

  it.each([
    '<script>window.pwned = 1</script>',
    '<img src=x onerror="window.pwned = 1">',
    '[click](javascript:window.pwned=1)',
    '<a href="javascript:alert(1)">x</a>',
    '<svg><script>alert(1)</script></svg>',
    '<iframe src="https://evil.example"></iframe>',
    '<form action="https://evil.example"><input name=p></form>',
    '<div style="background:url(javascript:alert(1))" onclick="alert(1)">x</div>',
  ])('should neutralise %s', (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<form|<input|style=/i);
  });

  it('should never run a scenario script when the HTML is inserted', () => {
    const host = document.createElement('div');
    host.innerHTML = renderMarkdown(
      '<img src=x onerror="window.pwned = 1"><script>window.pwned = 1</script>',
    );
    document.body.append(host);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
    expect(host.querySelector('script')).toBeNull();
    expect(host.querySelector('img')?.getAttribute('onerror')).toBeNull();
  });

  it.each([
    '<video src="https://t.example/v.mp4" poster="https://t.example/p.png"></video>',
    '<audio src="https://t.example/a.mp3" autoplay></audio>',
    '<video><source src="https://t.example/v.mp4"><track src="https://t.example/t.vtt"></video>',
    '<svg><image href="https://t.example/i.png"></image></svg>',
    '<table background="https://t.example/b.png"><tr><td>x</td></tr></table>',
    '<picture><source srcset="https://t.example/s.png"><img src="https://t.example/i.png"></picture>',
    '<link rel="stylesheet" href="https://t.example/s.css">',
  ])('should not let %s make the browser fetch anything', (source) => {
    expect(renderMarkdown(source)).not.toContain('t.example');
  });

  it('should keep images from fetching anything and give them an alt text', () => {
    const html = renderMarkdown(
      '![diagram](https://tracker.example/pixel.gif) <img src="data:image/png;base64,iVBORw0KGgo=">',
    );
    expect(html).not.toContain('tracker.example');
    expect(html).toContain('src="data:image/png;base64,iVBORw0KGgo="');
    expect(html).toContain('alt="diagram"');
    expect(html).toContain('alt=""');
  });

  it('should shift headings below the page headings', () => {
    expect(renderMarkdown('# Ticket', 2)).toContain('<h3');
    expect(renderMarkdown('###### Deep', 2)).toContain('<h6');
  });

  it('should open links in a new tab without access to the app', () => {
    const html = renderMarkdown('[RFC 5321](https://www.rfc-editor.org/rfc/rfc5321)');
    expect(html).toContain('target="_blank"');
    expect(html).toContain('rel="noopener noreferrer"');
  });

  it('should not turn a line break inside Japanese text into a space', () => {
    const html = renderMarkdown(
      '> 問い合わせが続いています。\n> ショップ側の\n> ログには\n> 「エラー」がありません。\n> ISP が IIS の\n> SMTP サーバーを\n> ブロック',
    );
    expect(html).toContain(
      '問い合わせが続いています。ショップ側のログには「エラー」がありません。ISP が IIS の\nSMTP サーバーをブロック',
    );
  });

  it.each([
    ['続いています。\nショップ', '続いています。ショップ'],
    ['に\n  メール', 'にメール'],
    ['(example.net など) に\nメール', '(example.net など) にメール'],
    ['届きます。\nISP', '届きます。ISP'],
    ['the\nqueue', 'the\nqueue'],
    ['IIS の\nSMTP', 'IIS の\nSMTP'],
    ['SMTP\nサーバー', 'SMTP\nサーバー'],
  ])('should join %j as %j', (text, joined) => {
    expect(joinCjkLineBreaks(text)).toBe(joined);
  });

  it('should leave a bare e-mail address as text but keep explicit links', () => {
    const html = renderMarkdown('Mail from shop@contoso.com, see <https://example.com/x>.');
    expect(html).not.toContain('mailto:');
    expect(html).toContain('shop@contoso.com');
    expect(html).toContain('href="https://example.com/x"');
  });
});
