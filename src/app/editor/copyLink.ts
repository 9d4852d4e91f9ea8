/**
 * "Copy link": the draft as a full address of this site's editor (`…#/editor/s/<data>`), then
 * written to the clipboard. The address is made first and shown whether or not the copy works,
 * since the clipboard may refuse (no secure context, no permission) and the author can still copy
 * it by hand.
 */
import { routeHref } from '../routes';
import { encodeShare } from './shareLink';

export type DraftLinkResult = { ok: true; url: string } | { ok: false; reason: 'too-large' };

/** What the copy needs of `navigator.clipboard` (absent outside a secure context). */
export type TextClipboard = Pick<Clipboard, 'writeText'> | undefined;

/** The link that opens `text` in the editor of the page at `pageUrl` (whose hash it replaces). */
export async function draftLink(text: string, pageUrl: string): Promise<DraftLinkResult> {
  const encoded = await encodeShare(text);
  if (!encoded.ok) return encoded;
  const url = `${pageUrl.split('#')[0]}${routeHref({ name: 'editor', share: encoded.data })}`;
  return { ok: true, url };
}

/** True when `text` is now on the clipboard; never throws. */
export async function copyText(clipboard: TextClipboard, text: string): Promise<boolean> {
  try {
    if (!clipboard) return false;
    await clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
