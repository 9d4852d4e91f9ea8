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
    ];
    for (const route of routes) expect(parseHash(routeHref(route))).toEqual(route);
  });
});
