/**
 * The scenario loader and the generated checks (src/sim/scenario/selfCheck.ts), off the main
 * thread. The editor keeps one of these workers to validate the draft as it is typed, and starts
 * another for each run of the checks (a check replays worlds for hours of virtual time), which it
 * terminates to stop the run. Keeping the loader here also keeps it (yaml, the validators) out of
 * the page's chunks: the workspace, which shares them, never needed it.
 */
import { parseScenario, scenarioChecks } from '../../sim';
import { describeCheck } from './checkLabels';
import { DRAFT_FILE } from './draftStorage';
import type { WorkerMessage, WorkerRequest } from './workerProtocol';

// A dedicated worker's global scope, typed with the DOM library this project compiles against.
const scope = self as unknown as Worker;
const post = (message: WorkerMessage) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'load') {
    post({ type: 'loaded', id: request.id, result: load(request.text, request.bases) });
    return;
  }
  const { text, bases } = request;
  const loaded = load(text, bases);
  if (!loaded.ok) {
    post({ type: 'invalid', errors: loaded.errors });
    return;
  }
  const checks = scenarioChecks(loaded.scenario, {
    reload: (seed) => load(text, bases, seed),
  });
  post({ type: 'list', labels: checks.map((c) => describeCheck(c.name, loaded.scenario)) });
  checks.forEach((check, index) => {
    let failures: string[];
    try {
      failures = check.run();
    } catch (error) {
      failures = [`the check stopped with an error: ${(error as Error)?.message ?? String(error)}`];
    }
    post({ type: 'result', index, failures });
  });
  post({ type: 'done' });
};

function load(text: string, bases: Record<string, string>, seed?: number) {
  return parseScenario(text, DRAFT_FILE, bases, seed === undefined ? {} : { seed });
}
