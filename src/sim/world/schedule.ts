/** When traffic happens: relative durations from scenario files turned into virtual-clock offsets. */
import { parseDuration } from '../clock/time';
import type { TrafficSpec } from '../scenario/schema';

/** `-2h` → -7200000; `15m` → 900000 (ms relative to the learner's start). */
export function durationMs(text: string): number {
  const negative = text.startsWith('-');
  const ms = parseDuration(negative ? text.slice(1) : text) ?? 0;
  return negative ? -ms : ms;
}

/** Every submission time (ms from the learner's start) of a traffic item. */
export function submissionTimes(t: TrafficSpec): number[] {
  const first = durationMs(t.at);
  if (!t.repeat) return [first];
  const every = durationMs(t.repeat.every);
  return Array.from({ length: t.repeat.count }, (_, i) => first + i * every);
}
