/** Running solution steps and checking evidence: shared by tests, the CLI and the app. */
import type { World } from '../world/world';
import type { WorldAction } from '../world/types';
import type { SolutionStep, Scenario } from './schema';
import { durationMs } from '../world/traffic';

/** The world action a solution step stands for (a `config` step is what IIS Manager sends). */
export function stepAction(step: SolutionStep): WorldAction {
  if ('console' in step) return { type: 'console.line', host: step.host, line: step.console };
  if ('config' in step) return { type: 'config.set', host: step.host, patch: step.config };
  if ('advance' in step) return { type: 'clock.advance', ms: durationMs(step.advance) };
  return { type: 'clock.step' };
}

/** Send each step to the world; returns the errors of steps the world refused. */
export function runSteps(world: World, steps: SolutionStep[]): string[] {
  const errors: string[] = [];
  steps.forEach((step, i) => {
    const result = world.send(stepAction(step));
    if (!result.ok) errors.push(`step ${i + 1}: ${result.error ?? 'refused'}`);
  });
  return errors;
}

/** Does the evidence line appear where the scenario says it does? */
export function evidenceFound(
  world: World,
  ev: Scenario['diagnosis']['evidence'][number],
): boolean {
  if (ev.source === 'console') {
    const out = world.send({ type: 'console.line', host: ev.host, line: ev.command ?? '' });
    return out.ok && out.output.some((l) => l.includes(ev.contains));
  }
  if (ev.source === 'w3c')
    return world.logFiles(ev.host).some((f) => f.content.includes(ev.contains));
  return (world.snapshot().events[ev.host] ?? []).some((e) => e.message.includes(ev.contains));
}
