import { describe, expect, it } from 'vitest';
import { copyText, draftLink } from '../../../../src/app/editor/copyLink';
import { MAX_SCENARIO_BYTES } from '../../../../src/app/editor/limits';
import { decodeShare } from '../../../../src/app/editor/shareLink';

describe('draftLink', () => {
  it("should link to the page's editor, replacing its hash, with the text in the link", async () => {
    const text = 'id: shared-one\ntitle: { ja: 日本語, en: English }\n';
    const link = await draftLink(text, 'https://lab.example/training/index.html#/s/x/work');
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    const match = /^https:\/\/lab\.example\/training\/index\.html#\/editor\/s\/([\w-]+)$/.exec(
      link.url,
    );
    expect(match).not.toBeNull();
    expect(await decodeShare(match![1]!)).toEqual({ ok: true, text });
  });

  it('should refuse a text over the size limit', async () => {
    expect(await draftLink('a'.repeat(MAX_SCENARIO_BYTES + 1), 'https://lab.example/')).toEqual({
      ok: false,
      reason: 'too-large',
    });
  });
});

describe('copyText', () => {
  it('should say whether the text reached the clipboard, never throw', async () => {
    const written: string[] = [];
    const clipboard = { writeText: async (text: string) => void written.push(text) };
    expect(await copyText(clipboard, 'https://lab.example/#/editor/s/x')).toBe(true);
    expect(written).toEqual(['https://lab.example/#/editor/s/x']);
    const refusing = { writeText: () => Promise.reject(new DOMException('denied')) };
    expect(await copyText(refusing, 'x')).toBe(false);
    expect(await copyText(undefined, 'x')).toBe(false); // no clipboard outside a secure context
  });
});
