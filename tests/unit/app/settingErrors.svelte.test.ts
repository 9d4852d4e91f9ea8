// @vitest-environment jsdom
/** The property sheets show the world's reasons for refusing a setting in the learner's language. */
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../src/app/i18n.svelte';
import { SETTING_CHECKS } from '../../../src/sim/world/configPatch';
import { configErrorText, settingErrorText } from '../../../src/ui/iis/settingErrors';

/** Every reason `config.set` gives for a wrong value of any setting. */
function reasons(): string[] {
  const bad: unknown[] = ['', 'x y', -1, 0, 1.5, 99_999_999_999, 'C:', null, [], ['x'], [1, 2], {}];
  const out = new Set<string>();
  for (const check of Object.values(SETTING_CHECKS))
    for (const value of bad) {
      const r = check(value);
      if ('error' in r) out.add(r.error);
    }
  return [...out];
}

/** Reasons only a malformed action can cause: the sheets' check boxes, radios and lists never send such values. */
const NOT_FROM_A_FIELD = /^expected (true or false|one of |a list of (?!\{ name|\{ ip))/;

describe('settingErrorText', () => {
  it('should have a Japanese text for every reason a field can cause', () => {
    i18n.setLocale('ja');
    const untranslated = reasons().filter(
      (r) => !NOT_FROM_A_FIELD.test(r) && settingErrorText(r) === r,
    );
    expect(untranslated).toEqual([]);
    expect(reasons().length).toBeGreaterThan(8);
  });

  it('should say "at least" for a limit without a real upper bound, and the range otherwise', () => {
    i18n.setLocale('en');
    expect(
      settingErrorText('expected a whole number from 1 to 9007199254740991, or null (no limit)'),
    ).toBe('Enter a whole number of 1 or more.');
    expect(settingErrorText('expected a whole number from 1 to 9999')).toBe(
      'Enter a whole number from 1 to 9999.',
    );
    i18n.setLocale('ja');
    expect(configErrorText('outboundPort: expected a port from 1 to 65535')).toBe(
      '1 から 65535 までのポート番号を入力してください。',
    );
  });

  it('should show a reason it does not know as it is', () => {
    expect(settingErrorText('something new')).toBe('something new');
  });
});
