import type { ScenarioError } from '../../sim';
import type { CheckLabel } from './checkLabels';
import type { WorkerLike, WorkerMessage } from './workerProtocol';

export type CheckStatus = 'waiting' | 'passed' | 'failed';

export interface CheckRow {
  label: CheckLabel;
  status: CheckStatus;
  failures: string[];
}

/**
 * `idle` before the first run; `running`; `done` (every check reported); `invalid` (the draft did
 * not load, `errors` says why); `stopped` (by the author); `crashed` (the worker itself failed).
 */
export type RunState = 'idle' | 'running' | 'done' | 'invalid' | 'stopped' | 'crashed';

/** Runs a draft's generated checks in a worker and keeps their results for the page. */
export class CheckRunner {
  #rows = $state.raw<readonly CheckRow[]>([]);
  #state = $state.raw<RunState>('idle');
  #errors = $state.raw<readonly ScenarioError[]>([]);
  #checkedText = $state.raw<string | null>(null);
  #worker: WorkerLike | null = null;
  #createWorker: () => WorkerLike;

  constructor(createWorker: () => WorkerLike) {
    this.#createWorker = createWorker;
  }

  get rows(): readonly CheckRow[] {
    return this.#rows;
  }

  get state(): RunState {
    return this.#state;
  }

  /** Why the draft could not be checked (state `invalid`). */
  get errors(): readonly ScenarioError[] {
    return this.#errors;
  }

  /** The text the current results are for (null before the first run). */
  get checkedText(): string | null {
    return this.#checkedText;
  }

  get passed(): number {
    return this.#rows.filter((r) => r.status === 'passed').length;
  }

  get failed(): number {
    return this.#rows.filter((r) => r.status === 'failed').length;
  }

  /** Starts a run of `text` (stopping one under way). */
  run(text: string, bases: Record<string, string>): void {
    this.#end();
    this.#rows = [];
    this.#errors = [];
    this.#checkedText = text;
    this.#state = 'running';
    let worker: WorkerLike;
    try {
      worker = this.#createWorker();
    } catch {
      this.#state = 'crashed';
      return;
    }
    this.#worker = worker;
    worker.onmessage = (event) => {
      if (this.#worker === worker) this.#receive(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      if (this.#worker !== worker) return;
      this.#end();
      this.#state = 'crashed';
    };
    worker.postMessage({ type: 'checks', text, bases });
  }

  /** Stops a run under way; the checks that finished keep their results. */
  stop(): void {
    if (this.#state !== 'running') return;
    this.#end();
    this.#state = 'stopped';
  }

  dispose(): void {
    this.#end();
  }

  #receive(message: WorkerMessage): void {
    switch (message.type) {
      case 'loaded':
        return;
      case 'invalid':
        this.#errors = message.errors;
        this.#state = 'invalid';
        this.#end();
        return;
      case 'list':
        this.#rows = message.labels.map((label) => ({ label, status: 'waiting', failures: [] }));
        return;
      case 'result':
        this.#rows = this.#rows.map((row, i) =>
          i === message.index
            ? {
                ...row,
                status: message.failures.length ? 'failed' : 'passed',
                failures: message.failures,
              }
            : row,
        );
        return;
      case 'done':
        this.#state = 'done';
        this.#end();
        return;
    }
  }

  #end(): void {
    this.#worker?.terminate();
    this.#worker = null;
  }
}
