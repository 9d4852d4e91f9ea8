/**
 * The generated checks (src/sim/scenario/selfCheck.ts) name themselves in English, for the CLI and
 * the test reports. The editor shows them in the UI language: each name is recognised here and
 * described as data, with what the UI needs to word it (the evidence line in both languages).
 * A name not recognised is shown as it is (`other`); tests/unit/app/editor/templates.test.ts
 * fails if a check of a real scenario ever ends up there.
 */
import { evidenceText, type LoadedScenario } from '../../sim';
import type { Localized } from '../i18n.svelte';

export type CheckLabel =
  | { kind: 'unsolved' }
  | {
      kind: 'evidence';
      n: number;
      source: 'console' | 'w3c' | 'events';
      host: string;
      command: string;
      text: Localized;
    }
  | { kind: 'solution' }
  | { kind: 'unsafe'; n: number }
  | { kind: 'replay' }
  | { kind: 'variant'; seed: number }
  | { kind: 'other'; name: string };

export function describeCheck(name: string, scenario: LoadedScenario): CheckLabel {
  if (name.startsWith('is unsolved at start')) return { kind: 'unsolved' };
  if (name === 'the canonical solution solves it') return { kind: 'solution' };
  if (name === 'the same seed and actions replay identically') return { kind: 'replay' };
  const evidence = /^evidence (\d+) appears in /.exec(name);
  const ev = evidence ? scenario.diagnosis.evidence[Number(evidence[1]) - 1] : undefined;
  if (evidence && ev)
    return {
      kind: 'evidence',
      n: Number(evidence[1]),
      source: ev.source,
      host: ev.host,
      command: ev.command ?? '',
      text: { ja: evidenceText(ev, 'ja'), en: evidenceText(ev, 'en') },
    };
  const unsafe = /^unsafe fix (\d+) breaks a safety objective$/.exec(name);
  if (unsafe) return { kind: 'unsafe', n: Number(unsafe[1]) };
  const variant = /^the variant of seed (\d+) validates and is solved$/.exec(name);
  if (variant) return { kind: 'variant', seed: Number(variant[1]) };
  return { kind: 'other', name };
}
