/** Running solution steps and checking evidence: shared by tests, the CLI and the app. */
import type { World } from '../world/world';
import type { SolutionStep, Scenario } from './schema';
import { durationMs } from '../world/traffic';

/** Send each step to the world; returns the errors of steps the world refused. */
export function runSteps(world: World, steps: SolutionStep[]): string[] {
  const errors: string[] = [];
  for (const step of steps) {
    const result =
      'console' in step
        ? world.send({ type: 'console.line', host: step.host, line: step.console })
        : 'advance' in step
          ? world.send({ type: 'clock.advance', ms: durationMs(step.advance) })
          : world.send({ type: 'clock.step' });
    if (!result.ok) errors.push(result.error ?? 'refused');
  }
  return errors;
}

/** Does the evidence line appear where the scenario says it does? */
export function evidenceFound(world: World, ev: Scenario['diagnosis']['evidence'][number]): boolean {
  if (ev.source === 'console') {
    const out = world.send({ type: 'console.line', host: ev.host, line: ev.command ?? '' });
    return out.ok && out.output.some((l) => l.includes(ev.contains));
  }
  if (ev.source === 'w3c') return world.logFiles(ev.host).some((f) => f.content.includes(ev.contains));
  return (world.snapshot().events[ev.host] ?? []).some((e) => e.message.includes(ev.contains));
}
