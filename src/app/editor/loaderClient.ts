import type { ScenarioLoadResult } from '../../sim';
import type { WorkerLike } from './workerProtocol';

/**
 * Loads scenario texts in a worker (scenario.worker.ts) and answers with the loader's result. A
 * request that the worker cannot answer (it failed to start or crashed) ends as a rejected promise.
 */
export class ScenarioLoader {
  #worker: WorkerLike | null = null;
  #createWorker: () => WorkerLike;
  #next = 1;
  #pending = new Map<
    number,
    { resolve: (r: ScenarioLoadResult) => void; reject: (e: Error) => void }
  >();

  constructor(createWorker: () => WorkerLike) {
    this.#createWorker = createWorker;
  }

  load(text: string, bases: Record<string, string>): Promise<ScenarioLoadResult> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      let worker: WorkerLike;
      try {
        worker = this.#start();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ type: 'load', id, text, bases });
    });
  }

  dispose(): void {
    this.#fail(new Error('the loader was closed'));
  }

  #start(): WorkerLike {
    if (this.#worker) return this.#worker;
    const worker = this.#createWorker();
    worker.onmessage = (event) => {
      const message = event.data;
      if (message.type !== 'loaded') return;
      const request = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      request?.resolve(message.result);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.#fail(new Error(event.message || 'the scenario worker failed'));
    };
    this.#worker = worker;
    return worker;
  }

  /** Rejects every pending request and drops the worker (the next request starts a new one). */
  #fail(error: Error): void {
    this.#worker?.terminate();
    this.#worker = null;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const request of pending) request.reject(error);
  }
}
