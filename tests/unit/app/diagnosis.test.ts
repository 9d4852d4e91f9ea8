/** The root-cause question: the order of its choices. */
import { describe, expect, it } from 'vitest';
import { choiceOrder, type DiagnosisChoice } from '../../../src/app/diagnosis';
import { loadScenarioFile, scenarioFiles } from '../../../scripts/lib/scenarioFiles';

const choice = (id: string, correct = false): DiagnosisChoice => ({
  id,
  correct,
  label: { ja: id, en: id },
});
const choices = ['a', 'b', 'c', 'd', 'e'].map((id, i) => choice(id, i === 0));
const question = { ja: '根本原因は何ですか。', en: 'What is the root cause?' };

describe('choiceOrder', () => {
  it('should give a permutation that is the same on every call', () => {
    const order = choiceOrder({ question, choices, evidence: [] }).map((c) => c.id);
    expect([...order].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(
      choiceOrder({ question, choices: [...choices].reverse(), evidence: [] }).map((c) => c.id),
    ).toEqual(order);
  });

  it('should not keep the right answer where the curriculum files put it', () => {
    const positions = scenarioFiles().flatMap((file) => {
      const loaded = loadScenarioFile(file);
      if (!loaded.ok) return [];
      const { diagnosis } = loaded.scenario;
      return [
        {
          inFile: diagnosis.choices.findIndex((c) => c.correct),
          shown: choiceOrder(diagnosis).findIndex((c) => c.correct),
        },
      ];
    });
    expect(positions.length).toBeGreaterThan(10);
    // The files mostly list the right answer first; shown, it lands in at least three places.
    expect(new Set(positions.map((p) => p.shown)).size).toBeGreaterThanOrEqual(3);
    expect(positions.filter((p) => p.shown === 0).length).toBeLessThan(positions.length / 2);
  });
});
