// @vitest-environment jsdom
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogFromIndex } from '../../../src/app/catalog';
import type { LoadedScenario, ScenarioLoadResult } from '../../../src/sim';
import CatalogPage from '../../../src/ui/catalog/CatalogPage.svelte';
import { buildIndex, type ParseScenario } from '../../../plugins/scenarioCatalog';

const hostile = '<img src=x onerror="window.pwned=1"><script>window.pwned=1</script>';
const text = (en: string) => ({ ja: en, en });

/** Stand-in parser: one good (but hostile-texted) scenario, one file with located errors. */
const parse: ParseScenario = (source, file) => {
  if (source === 'bad') {
    return {
      ok: false,
      errors: [
        { file, line: 4, column: 3, path: 'objectives[0].kind', message: "unknown kind 'x'" },
      ],
    };
  }
  const scenario = {
    id: 'good-one',
    level: 2,
    topics: ['queue'],
    title: text(`Good one ${hostile}`),
    summary: text(`Summary ${hostile}`),
  } as unknown as LoadedScenario;
  return { ok: true, scenario } as ScenarioLoadResult;
};

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

describe('CatalogPage', () => {
  it('should list good and broken scenarios by topic, and run nothing from scenario texts', () => {
    // As in the app: the plugin indexes the files at build time, the index reaches the page as
    // JSON, and the page builds its catalog from it.
    const { index } = buildIndex(
      { '/scenarios/queue/01-good.yaml': 'good', '/scenarios/queue/02-bad.yaml': 'bad' },
      parse,
    );
    const catalog = catalogFromIndex(JSON.parse(JSON.stringify(index)));
    component = mount(CatalogPage, { target: document.body, props: { catalog } });
    flushSync();

    const cards = [...document.querySelectorAll('article')];
    expect(cards).toHaveLength(2);
    expect(document.querySelector('h2')?.textContent).toContain('Stuck queue');
    expect(cards[0]?.querySelector('a')?.getAttribute('href')).toBe('#/s/good-one');
    // Titles are text, never HTML; summaries are sanitised markdown.
    expect(cards[0]?.querySelector('a')?.textContent).toContain('<script>');
    expect(document.querySelector('script')).toBeNull();
    expect(document.querySelector('[onerror]')).toBeNull();
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();

    expect(cards[1]?.textContent).toContain('scenarios/queue/02-bad.yaml:4:3');
    expect(cards[1]?.textContent).toContain('objectives[0].kind');
    expect(cards[1]?.textContent).toContain("unknown kind 'x'");
  });

  it('should say so when there are no scenarios', () => {
    component = mount(CatalogPage, {
      target: document.body,
      props: { catalog: catalogFromIndex(buildIndex({}, parse).index) },
    });
    flushSync();
    expect(document.body.textContent).toContain('No scenarios were found.');
  });
});
