/**
 * Learner progress as stored in localStorage: one record per scenario. Stored data is untrusted
 * (hand-edited, written by an older version, or hostile), so it is validated entry by entry: what
 * is valid is kept, the rest is reported and dropped.
 */
import { ITEM_ID } from '../sim/scenario/topics.ts';

export type ScenarioStatus = 'new' | 'in-progress' | 'solved';

export interface ScenarioProgress {
  status: ScenarioStatus;
  /** How many of the progressive hints the learner has revealed. */
  hintsUsed: number;
  /** Real time (ms since epoch) of the first solve; null until solved. */
  solvedAt: number | null;
  /** The root-cause question: the wrong choices tried (ids, in order) and whether it was answered right. Absent until answered once. */
  diagnosis?: DiagnosisProgress;
}

export interface DiagnosisProgress {
  wrongChoices: string[];
  diagnosed: boolean;
}

/** Why (part of) the stored progress was ignored. `key` is a scenario id, or null for the whole value. */
export interface ProgressProblem {
  key: string | null;
  reason:
    | 'too-large'
    | 'not-json'
    | 'wrong-shape'
    | 'unknown-version'
    | 'bad-id'
    | 'bad-entry'
    | 'too-many';
}

export interface ProgressReadResult {
  entries: Map<string, ScenarioProgress>;
  problems: ProgressProblem[];
}

export const PROGRESS_STORAGE_KEY = 'mailroot-lab.progress.v1';
export const PROGRESS_VERSION = 1;
export const MAX_STORED_CHARS = 512 * 1024;
export const MAX_ENTRIES = 2000;
export const MAX_HINTS = 99;
/** A scenario offers ten root-cause choices at most (scenario schema). */
export const MAX_CHOICES = 10;

const STATUSES: readonly ScenarioStatus[] = ['new', 'in-progress', 'solved'];
/** Scenario ids are kebab-case slugs; anything else cannot be ours. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const EMPTY_PROGRESS: Readonly<ScenarioProgress> = Object.freeze({
  status: 'new',
  hintsUsed: 0,
  solvedAt: null,
});

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Validates one stored record; null when it cannot be trusted. */
export function validateEntry(value: unknown): ScenarioProgress | null {
  if (!isPlainObject(value)) return null;
  const { status, hintsUsed = 0, solvedAt = null } = value;
  if (typeof status !== 'string' || !STATUSES.includes(status as ScenarioStatus)) return null;
  if (
    typeof hintsUsed !== 'number' ||
    !Number.isInteger(hintsUsed) ||
    hintsUsed < 0 ||
    hintsUsed > MAX_HINTS
  )
    return null;
  if (
    solvedAt !== null &&
    (typeof solvedAt !== 'number' || !Number.isFinite(solvedAt) || solvedAt < 0)
  )
    return null;
  const entry: ScenarioProgress = {
    status: status as ScenarioStatus,
    hintsUsed,
    solvedAt: status === 'solved' ? solvedAt : null,
  };
  const diagnosis = value.diagnosis === undefined ? null : validateDiagnosis(value.diagnosis);
  // A damaged answer record costs only itself: the status, hints and solve time are kept.
  return diagnosis ? { ...entry, diagnosis } : entry;
}

/** The answers to the root-cause question; choice ids that cannot be ours are left out. */
function validateDiagnosis(value: unknown): DiagnosisProgress | null {
  if (!isPlainObject(value)) return null;
  const { wrongChoices, diagnosed } = value;
  if (typeof diagnosed !== 'boolean' || !Array.isArray(wrongChoices)) return null;
  const ids = wrongChoices.filter((c): c is string => typeof c === 'string' && ITEM_ID.test(c));
  return { wrongChoices: [...new Set(ids)].slice(0, MAX_CHOICES), diagnosed };
}

/** Parses the stored value; never throws. */
export function parseProgress(raw: string | null): ProgressReadResult {
  const entries = new Map<string, ScenarioProgress>();
  const problems: ProgressProblem[] = [];
  if (raw === null || raw === '') return { entries, problems };
  if (raw.length > MAX_STORED_CHARS)
    return { entries, problems: [{ key: null, reason: 'too-large' }] };

  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { entries, problems: [{ key: null, reason: 'not-json' }] };
  }
  if (!isPlainObject(data) || !isPlainObject(data.scenarios)) {
    return { entries, problems: [{ key: null, reason: 'wrong-shape' }] };
  }
  if (data.version !== PROGRESS_VERSION)
    return { entries, problems: [{ key: null, reason: 'unknown-version' }] };

  // Object.keys lists own keys only; JSON.parse makes "__proto__" an own key, and the Map keeps it inert.
  const keys = Object.keys(data.scenarios);
  for (const [index, key] of keys.entries()) {
    if (index >= MAX_ENTRIES) {
      problems.push({ key: null, reason: 'too-many' });
      break;
    }
    if (!ID_PATTERN.test(key)) {
      problems.push({ key: key.slice(0, 80), reason: 'bad-id' });
      continue;
    }
    const entry = validateEntry(data.scenarios[key]);
    if (entry) entries.set(key, entry);
    else problems.push({ key, reason: 'bad-entry' });
  }
  return { entries, problems };
}

/** The stored form of the given entries (entries still 'new' are not worth storing). */
export function serializeProgress(entries: ReadonlyMap<string, ScenarioProgress>): string {
  const scenarios: Record<string, ScenarioProgress> = {};
  for (const [id, entry] of entries) {
    if (entry.status === 'new' && entry.hintsUsed === 0 && !entry.diagnosis) continue;
    Object.defineProperty(scenarios, id, {
      value: entry,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return JSON.stringify({ version: PROGRESS_VERSION, scenarios });
}

const STATUS_ORDER: Record<ScenarioStatus, number> = { new: 0, 'in-progress': 1, solved: 2 };

/**
 * One scenario's progress as two tabs (or a tab and storage) know it, combined so that neither
 * loses anything: the further status, the more hints, the first solve, every wrong answer.
 */
export function mergeEntries(a: ScenarioProgress, b: ScenarioProgress): ScenarioProgress {
  const solvedAt =
    a.solvedAt === null
      ? b.solvedAt
      : b.solvedAt === null
        ? a.solvedAt
        : Math.min(a.solvedAt, b.solvedAt);
  const merged: ScenarioProgress = {
    status: STATUS_ORDER[a.status] >= STATUS_ORDER[b.status] ? a.status : b.status,
    hintsUsed: Math.max(a.hintsUsed, b.hintsUsed),
    solvedAt,
  };
  if (!a.diagnosis && !b.diagnosis) return merged;
  const wrong = [...(a.diagnosis?.wrongChoices ?? []), ...(b.diagnosis?.wrongChoices ?? [])];
  return {
    ...merged,
    diagnosis: {
      wrongChoices: [...new Set(wrong)].slice(0, MAX_CHOICES),
      diagnosed: Boolean(a.diagnosis?.diagnosed || b.diagnosis?.diagnosed),
    },
  };
}
