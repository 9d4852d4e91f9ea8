/** Messages between the editor and its scenario worker (scenario.worker.ts). */
import type { ScenarioError, ScenarioLoadResult } from '../../sim';
import type { CheckLabel } from './checkLabels';

export type WorkerRequest =
  /** Load (parse and validate) a text; answered by `loaded` with the same id. */
  | { type: 'load'; id: number; text: string; bases: Record<string, string> }
  /** Run the generated checks of a text; answered by `invalid`, or `list`, `result`s and `done`. */
  | { type: 'checks'; text: string; bases: Record<string, string> };

export type WorkerMessage =
  | { type: 'loaded'; id: number; result: ScenarioLoadResult }
  /** The draft does not load: no check can run. */
  | { type: 'invalid'; errors: ScenarioError[] }
  /** The checks about to run, in order. */
  | { type: 'list'; labels: CheckLabel[] }
  /** One check finished; no failures means it passed. */
  | { type: 'result'; index: number; failures: string[] }
  | { type: 'done' };

/** The part of a Worker the editor uses; tests pass a fake. */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  postMessage(message: WorkerRequest): void;
  terminate(): void;
}
