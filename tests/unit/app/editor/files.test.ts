import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadName, readScenarioFile, saveScenarioFile } from '../../../../src/app/editor/files';
import { MAX_SCENARIO_BYTES } from '../../../../src/sim';

describe('readScenarioFile', () => {
  it('should read UTF-8 text, dropping a byte order mark, and keep script as text', async () => {
    const text = 'id: x\ntitle: { ja: <script>alert(1)</script>, en: 日本語 }\n';
    expect(await readScenarioFile(new Blob([text]))).toEqual({ ok: true, text });
    expect(await readScenarioFile(new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), 'id: y']))).toEqual(
      { ok: true, text: 'id: y' },
    );
  });

  it('should refuse files over the size limit before reading them', async () => {
    const big = new Blob([new Uint8Array(MAX_SCENARIO_BYTES + 1)]);
    expect(await readScenarioFile(big)).toEqual({ ok: false, reason: 'too-large' });
    const max = new Blob(['a'.repeat(MAX_SCENARIO_BYTES)]);
    expect((await readScenarioFile(max)).ok).toBe(true);
  });

  it('should refuse binary and non-UTF-8 files', async () => {
    for (const bytes of [
      [0x89, 0x50, 0x4e, 0x47, 0xff],
      [0x82, 0xa0],
    ])
      expect(await readScenarioFile(new Blob([new Uint8Array(bytes)]))).toEqual({
        ok: false,
        reason: 'not-text',
      });
  });

  it('should report a file that cannot be read', async () => {
    const failing = { size: 10, arrayBuffer: () => Promise.reject(new Error('gone')) } as Blob;
    expect(await readScenarioFile(failing)).toEqual({ ok: false, reason: 'unreadable' });
  });
});

describe('downloadName', () => {
  it("should name the file after the scenario's id", () => {
    expect(downloadName('# c\nid: relay-denied\nlevel: 1')).toBe('relay-denied.yaml');
    expect(downloadName("id: 'quoted-id'  # comment")).toBe('quoted-id.yaml');
  });

  it('should fall back to scenario.yaml for a missing or unsafe id', () => {
    for (const text of [
      '',
      'level: 1',
      'id: ../../etc/passwd',
      'id: a/b',
      '  id: nested',
      'id: "x',
    ])
      expect(downloadName(text), text).toBe('scenario.yaml');
  });
});

describe('saveScenarioFile', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('should download the text as <id>.yaml and free the blob afterwards', async () => {
    vi.useFakeTimers();
    const link = { href: '', download: '', click: vi.fn(), remove: vi.fn() };
    const append = vi.fn();
    vi.stubGlobal('document', { createElement: () => link, body: { append } });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:draft';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);

    expect(saveScenarioFile('id: relay-denied\n')).toBe('relay-denied.yaml');
    expect(link).toMatchObject({ href: 'blob:draft', download: 'relay-denied.yaml' });
    expect(append).toHaveBeenCalledWith(link);
    expect(link.click).toHaveBeenCalledOnce();
    expect(link.remove).toHaveBeenCalledOnce();
    expect(await blobs[0]?.text()).toBe('id: relay-denied\n');
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(revoke).toHaveBeenCalledWith('blob:draft');
  });
});
