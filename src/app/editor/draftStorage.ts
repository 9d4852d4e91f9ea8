/**
 * The scenario editor's draft as stored in localStorage. Stored data is untrusted (hand-edited,
 * written by another version, filled by a hostile page on the same origin), so it is read
 * defensively: anything odd is reported, never thrown, and the editor starts without it.
 */
import { MAX_SCENARIO_BYTES } from './limits';
import { utf8Length } from '../../sim/text/utf8.ts';

/** The file name the draft goes by in the loader's errors and checks. */
export const DRAFT_FILE = 'draft.yaml';

export const DRAFT_STORAGE_KEY = 'mailroot-lab.editor.draft.v1';
/** Where a stored value that could not be read is copied before the first overwrite. */
export const REJECTED_DRAFT_KEY = `${DRAFT_STORAGE_KEY}.rejected`;
/**
 * The draft before the last replacement (a template, a file, a link, a copy) or before this tab
 * overwrote another tab's: one step back, so that neither a replacement after a cancelled download
 * nor a second tab can silently destroy an author's work.
 */
export const PREVIOUS_DRAFT_KEY = `${DRAFT_STORAGE_KEY}.previous`;
export const DRAFT_VERSION = 1;
/**
 * A draft the loader would accept is at most MAX_SCENARIO_BYTES of UTF-8; as JSON it can be longer
 * (escapes), but never this long. Longer values are refused before JSON.parse sees them.
 */
export const MAX_STORED_DRAFT_CHARS = 8 * MAX_SCENARIO_BYTES;

export interface StoredDraft {
  text: string;
  /** True when the text has changes that were not saved to a file (nor came as they are from a template, file or link). */
  dirty: boolean;
}

export type DraftProblem = 'too-large' | 'not-json' | 'wrong-shape' | 'unknown-version';

export type DraftReadResult =
  { draft: StoredDraft | null; problem: null } | { draft: null; problem: DraftProblem };

/** Parses the stored value; never throws. No value (or an empty one) is no draft, not a problem. */
export function parseDraft(raw: string | null): DraftReadResult {
  if (raw === null || raw === '') return { draft: null, problem: null };
  if (raw.length > MAX_STORED_DRAFT_CHARS) return { draft: null, problem: 'too-large' };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { draft: null, problem: 'not-json' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    return { draft: null, problem: 'wrong-shape' };
  const { version, text, dirty } = data as Record<string, unknown>;
  if (version !== DRAFT_VERSION) return { draft: null, problem: 'unknown-version' };
  if (typeof text !== 'string' || typeof dirty !== 'boolean')
    return { draft: null, problem: 'wrong-shape' };
  if (utf8Length(text) > MAX_SCENARIO_BYTES) return { draft: null, problem: 'too-large' };
  return { draft: { text, dirty }, problem: null };
}

export function serializeDraft(draft: StoredDraft): string {
  return JSON.stringify({ version: DRAFT_VERSION, text: draft.text, dirty: draft.dirty });
}
