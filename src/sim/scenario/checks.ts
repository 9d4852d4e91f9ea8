/**
 * Rules a schema cannot say on its own: ids are unique, exactly one diagnosis choice is right,
 * console evidence names its command, a setting objective gives one comparison, traffic stays
 * small enough to simulate. Host references are checked against the built world in run.ts.
 */
import type { Scenario } from './schema';
import type { PathProblem } from './issues';
import { submissionTimes } from '../world/schedule';

/** More submissions than this would make every clock step slow (and no lesson needs them). */
export const MAX_SUBMISSIONS = 2000;
/**
 * The traffic's bodies are built in memory when it is sent: a shared scenario must not be able to
 * exhaust the learner's tab (2,000 messages of 50 MB each). The curriculum's largest is one 14 MB
 * message; this allows ten times the largest lesson's total.
 */
export const MAX_TRAFFIC_KB = 200 * 1024;

function uniqueIds(items: { id: string }[], path: PropertyKey[], what: string): PathProblem[] {
  const first = new Map<string, number>();
  const problems: PathProblem[] = [];
  items.forEach((item, i) => {
    const earlier = first.get(item.id);
    if (earlier === undefined) first.set(item.id, i);
    else
      problems.push({
        path: [...path, i, 'id'],
        message: `duplicate ${what} id '${item.id}' (already used by ${path.at(-1) as string}[${earlier}])`,
      });
  });
  return problems;
}

export function scenarioRules(s: Scenario): PathProblem[] {
  const problems: PathProblem[] = [
    ...uniqueIds(s.objectives, ['objectives'], 'objective'),
    ...uniqueIds(s.diagnosis.choices, ['diagnosis', 'choices'], 'choice'),
  ];
  const correct = s.diagnosis.choices.flatMap((c, i) => (c.correct ? [i] : []));
  if (correct.length === 0)
    problems.push({
      path: ['diagnosis', 'choices'],
      message: 'exactly one choice must have correct: true; none has',
    });
  for (const i of correct.slice(1))
    problems.push({
      path: ['diagnosis', 'choices', i, 'correct'],
      message: `exactly one choice must have correct: true; choices[${correct[0]}] already has`,
    });
  s.diagnosis.evidence.forEach((ev, i) => {
    if (ev.source === 'console' && !ev.command)
      problems.push({
        path: ['diagnosis', 'evidence', i, 'command'],
        message: 'required: console evidence names the command whose output shows it',
      });
    if (ev.source !== 'console' && ev.command)
      problems.push({
        path: ['diagnosis', 'evidence', i, 'command'],
        message: `only console evidence has a command; ${ev.source} evidence is searched in the ${ev.source === 'w3c' ? 'W3C log files' : 'event logs'}`,
      });
  });
  s.objectives.forEach((o, i) => {
    const compares =
      o.kind === 'setting'
        ? [o.equals, o.notEquals, o.atLeast ?? o.atMost].filter((v) => v !== undefined).length
        : 1;
    if (compares !== 1)
      problems.push({
        path: ['objectives', i],
        message:
          'a setting objective needs exactly one of equals, notEquals, or a range (atLeast and/or atMost)',
      });
  });
  s.solution.forEach((step, i) => {
    if ('config' in step && Object.keys(step.config).length === 0)
      problems.push({ path: ['solution', i, 'config'], message: 'expected at least one setting' });
  });
  const submissions = s.traffic.reduce((n, t) => n + submissionTimes(t).length, 0);
  if (submissions > MAX_SUBMISSIONS)
    problems.push({
      path: ['traffic'],
      message: `the traffic sends ${submissions.toLocaleString('en-US')} messages in total; at most ${MAX_SUBMISSIONS.toLocaleString('en-US')}`,
    });
  const volumeKb = s.traffic.reduce((n, t) => n + submissionTimes(t).length * t.sizeKb, 0);
  if (volumeKb > MAX_TRAFFIC_KB)
    problems.push({
      path: ['traffic'],
      message: `the traffic sends ${Math.round(volumeKb / 1024).toLocaleString('en-US')} MB in total; at most ${(MAX_TRAFFIC_KB / 1024).toLocaleString('en-US')} MB`,
    });
  return problems;
}
