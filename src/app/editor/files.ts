/**
 * Scenario files from and to the author's disk. A file is untrusted: it is size-checked before it
 * is read and must be UTF-8 text; what it says is then only ever text (the loader validates it, the
 * editor shows it), so a `<script>` in it is just characters.
 */
import { MAX_SCENARIO_BYTES } from './limits';

export type FileReadResult =
  { ok: true; text: string } | { ok: false; reason: 'too-large' | 'not-text' | 'unreadable' };

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
