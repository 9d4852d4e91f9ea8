/**
 * Scenario files from and to the author's disk. A file is untrusted: it is size-checked before it
 * is read and must be UTF-8 text; what it says is then only ever text (the loader validates it, the
 * editor shows it), so a `<script>` in it is just characters.
 */
import { MAX_SCENARIO_BYTES } from './limits';

export type FileReadResult = { ok: true; text: string } | { ok: false; reason: FileProblem };

/** Why a file could not be opened: over MAX_SCENARIO_BYTES, not UTF-8, or the browser could not read it. */
export type FileProblem = 'too-large' | 'not-text' | 'unreadable';

export async function readScenarioFile(file: Blob): Promise<FileReadResult> {
  if (file.size > MAX_SCENARIO_BYTES) return { ok: false, reason: 'too-large' };
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  // The size can change between the check and the read (a file being written).
  if (bytes.byteLength > MAX_SCENARIO_BYTES) return { ok: false, reason: 'too-large' };
  try {
    // A UTF-8 byte order mark is dropped, as editors on Windows may write one.
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'not-text' };
  }
}

/** `<id>.yaml` for the scenario's id (read from the text, so a draft with errors has one too). */
export function downloadName(text: string): string {
  const id = /^id:[ \t]*(['"]?)([A-Za-z0-9][A-Za-z0-9_.-]{0,99})\1[ \t]*(?:#.*)?$/m.exec(text)?.[2];
  return `${id ?? 'scenario'}.yaml`;
}

/**
 * Saves `text` through the browser's download (there is no file handle to write back to) as
 * `<id>.yaml`, and returns that name.
 */
export function saveScenarioFile(text: string): string {
  const name = downloadName(text);
  const url = URL.createObjectURL(new Blob([text], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser may still be reading the blob for the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
