import { describe, expect, it } from 'vitest';
import { parseHash, routeHref, type Route } from '../../../src/app/routes';

describe('parseHash', () => {
  it('should show the catalog for an empty or root hash', () => {
    for (const hash of ['', '#', '#/', '#//']) expect(parseHash(hash)).toEqual({ name: 'catalog' });
  });

  it('should parse briefing and workspace routes', () => {
    expect(parseHash('#/s/relay-denied')).toEqual({ name: 'briefing', id: 'relay-denied' });
    expect(parseHash('#/s/relay-denied/')).toEqual({ name: 'briefing', id: 'relay-denied' });
    expect(parseHash('#/s/relay-denied/work')).toEqual({ name: 'workspace', id: 'relay-denied' });
  });

  it('should parse the editor, its play page and shared links', () => {
    expect(parseHash('#/editor')).toEqual({ name: 'editor' });
    expect(parseHash('#/editor/')).toEqual({ name: 'editor' });
    expect(parseHash('#/editor/play')).toEqual({ name: 'editor-play' });
    expect(parseHash('#/editor/s/q1YqSS0uUbJSMjQyVqoFAA')).toEqual({
      name: 'editor',
      share: 'q1YqSS0uUbJSMjQyVqoFAA',
    });
    // The data is passed on as written: the editor decodes it and reports a damaged link.
    expect(parseHash('#/editor/s/%%%')).toEqual({ name: 'editor', share: '%%%' });
    expect(parseHash('#/editor/s').name).toBe('not-found');
    expect(parseHash('#/editor/s/a/b').name).toBe('not-found');
    expect(parseHash('#/editor/nope').name).toBe('not-found');
  });

  it('should report unknown paths and malformed escapes as not found', () => {
    expect(parseHash('#/nope')).toEqual({ name: 'not-found', path: 'nope' });
    expect(parseHash('#/s/a/b/c').name).toBe('not-found');
    expect(parseHash('#/s/%E0%A4%A').name).toBe('not-found');
  });

  it('should round-trip every route through its href', () => {
    const routes: Route[] = [
      { name: 'catalog' },
      { name: 'briefing', id: 'port-25-blocked' },
      { name: 'workspace', id: 'odd id/with?chars' },
      { name: 'editor' },
      { name: 'editor', share: 'q1YqSS0uUbJSMjQyVqoFAA-_' },
      { name: 'editor-play' },
    ];
    for (const route of routes) expect(parseHash(routeHref(route))).toEqual(route);
  });
});
