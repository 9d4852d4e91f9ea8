/**
 * The root-cause question of a scenario (its `diagnosis`): the order its choices are shown in.
 * A plain function, so it is tested without a page.
 */
import type { Scenario } from '../sim';

type Diagnosis = Scenario['diagnosis'];
export type DiagnosisChoice = Diagnosis['choices'][number];

/** FNV-1a: a small stable hash, enough to spread a few choice ids. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * The choices in the order the learner sees them. Authors tend to write the right answer first;
 * an order that does not follow the file's gives nothing away. It is fixed by the question's
 * (English) text and the choice ids — the same on every visit, for every learner in a workshop (a
 * trainer can say "the third one"), and for a draft played from the editor, whose id differs.
 */
export function choiceOrder(diagnosis: Diagnosis): DiagnosisChoice[] {
  const salt = diagnosis.question.en;
  return [...diagnosis.choices].sort(
    (a, b) => hash(`${salt}/${a.id}`) - hash(`${salt}/${b.id}`) || a.id.localeCompare(b.id),
  );
}
