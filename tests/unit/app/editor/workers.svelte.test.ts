import { describe, expect, it } from 'vitest';
import { CheckRunner } from '../../../../src/app/editor/checks.svelte';
import { ScenarioLoader } from '../../../../src/app/editor/loaderClient';
import type {
  WorkerLike,
  WorkerMessage,
  WorkerRequest,
} from '../../../../src/app/editor/workerProtocol';

/** A worker stand-in: records what it is sent, and the test answers for it. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  sent: WorkerRequest[] = [];
  terminated = false;
  postMessage(message: WorkerRequest): void {
    this.sent.push(message);
  }
  terminate(): void {
    this.terminated = true;
  }
  answer(message: WorkerMessage): void {
    this.onmessage?.({ data: message } as MessageEvent<WorkerMessage>);
  }
  fail(): void {
    this.onerror?.({ message: 'boom', preventDefault() {} } as ErrorEvent);
  }
}

function factory() {
  const made: FakeWorker[] = [];
  return {
    made,
    create: () => {
      const worker = new FakeWorker();
      made.push(worker);
      return worker;
    },
  };
}

const bases = { contoso: 'hosts: {}' };

describe('CheckRunner', () => {
  it('should list the checks, fill in their results and end the worker', () => {
    const workers = factory();
    const runner = new CheckRunner(workers.create);
    runner.run('id: a', bases);
    expect(runner.state).toBe('running');
    const worker = workers.made[0]!;
    expect(worker.sent).toEqual([{ type: 'checks', text: 'id: a', bases }]);
    worker.answer({ type: 'list', labels: [{ kind: 'unsolved' }, { kind: 'solution' }] });
    expect(runner.rows.map((r) => r.status)).toEqual(['waiting', 'waiting']);
    worker.answer({ type: 'result', index: 0, failures: [] });
    worker.answer({ type: 'result', index: 1, failures: ["objective 'x' is not met"] });
    worker.answer({ type: 'done' });
    expect(runner.state).toBe('done');
    expect(runner.rows.map((r) => r.status)).toEqual(['passed', 'failed']);
    expect(runner.rows[1]?.failures).toEqual(["objective 'x' is not met"]);
    expect([runner.passed, runner.failed]).toEqual([1, 1]);
    expect(runner.checkedText).toBe('id: a');
    expect(worker.terminated).toBe(true);
  });

  it('should report a draft that does not load', () => {
    const workers = factory();
    const runner = new CheckRunner(workers.create);
    runner.run('level: 7', bases);
    const errors = [{ file: 'draft.yaml', line: 1, column: 8, path: 'level', message: 'bad' }];
    workers.made[0]!.answer({ type: 'invalid', errors });
    expect(runner.state).toBe('invalid');
    expect(runner.errors).toEqual(errors);
  });

  it('should stop a run, and ignore what a replaced worker still says', () => {
    const workers = factory();
    const runner = new CheckRunner(workers.create);
    runner.run('id: a', bases);
    runner.stop();
    expect(runner.state).toBe('stopped');
    expect(workers.made[0]!.terminated).toBe(true);
    runner.run('id: b', bases);
    workers.made[0]!.answer({ type: 'list', labels: [{ kind: 'replay' }] });
    expect(runner.rows).toEqual([]);
    workers.made[1]!.fail();
    expect(runner.state).toBe('crashed');
  });

  it('should report a worker that cannot start', () => {
    const runner = new CheckRunner(() => {
      throw new Error('no workers here');
    });
    runner.run('id: a', bases);
    expect(runner.state).toBe('crashed');
  });
});

describe('ScenarioLoader', () => {
  it('should answer each request with its own result, from one worker', async () => {
    const workers = factory();
    const loader = new ScenarioLoader(workers.create);
    const first = loader.load('id: a', bases);
    const second = loader.load('id: b', bases);
    expect(workers.made).toHaveLength(1);
    const [a, b] = workers.made[0]!.sent as Extract<WorkerRequest, { type: 'load' }>[];
    const failed = { ok: false as const, errors: [] };
    workers.made[0]!.answer({ type: 'loaded', id: b!.id, result: failed });
    workers.made[0]!.answer({ type: 'loaded', id: a!.id, result: { ...failed, errors: [] } });
    expect(await second).toBe(failed);
    expect(await first).toEqual(failed);
  });

  it('should reject pending requests when the worker fails, then start a new one', async () => {
    const workers = factory();
    const loader = new ScenarioLoader(workers.create);
    const pending = loader.load('id: a', bases);
    workers.made[0]!.fail();
    await expect(pending).rejects.toThrow('boom');
    void loader.load('id: a', bases).catch(() => undefined);
    expect(workers.made).toHaveLength(2);
    loader.dispose();
    expect(workers.made[1]!.terminated).toBe(true);
  });
});
