/** Running solution steps and checking evidence: shared by tests, the CLI and the app. */
import type { World } from '../world/world';
import type { Locale, WorldAction } from '../world/types';
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

type Evidence = Scenario['diagnosis']['evidence'][number];

/** An evidence line's text as Windows in that language prints it (the learner is shown it too). */
export function evidenceText(evidence: Evidence, locale: Locale): string {
  return typeof evidence.contains === 'string' ? evidence.contains : evidence.contains[locale];
}

/**
 * Does the evidence line appear where the scenario says it does, in the language the world
 * speaks (its text for that language)?
 */
export function evidenceFound(world: World, ev: Evidence): boolean {
  const text = evidenceText(ev, world.snapshot().locale);
  if (ev.source === 'console') {
    const out = world.send({ type: 'console.line', host: ev.host, line: ev.command ?? '' });
    return out.ok && out.output.some((l) => l.includes(text));
  }
  if (ev.source === 'w3c') return world.logFiles(ev.host).some((f) => f.content.includes(text));
  return (world.snapshot().events[ev.host] ?? []).some((e) => e.message.includes(text));
}
