/**
 * Hash routing: `#/` catalog, `#/s/<id>` briefing, `#/s/<id>/work` workspace. The hash never
 * reaches the server, so the built site works from any sub-path of any static host.
 */

export type Route =
  | { name: 'catalog' }
  | { name: 'briefing'; id: string }
  | { name: 'workspace'; id: string }
  | { name: 'not-found'; path: string };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Parses `location.hash` into a route; never throws. */
export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (path === '') return { name: 'catalog' };
  const parts = path.split('/');
  if (parts[0] === 's' && parts[1]) {
    const id = decode(parts[1]);
    if (id !== null && parts.length === 2) return { name: 'briefing', id };
    if (id !== null && parts.length === 3 && parts[2] === 'work') return { name: 'workspace', id };
  }
  return { name: 'not-found', path: path.slice(0, 200) };
}

/** The `href` of a route (a hash, so it is relative to the current page). */
export function routeHref(route: Route): string {
  switch (route.name) {
    case 'catalog':
      return '#/';
    case 'briefing':
      return `#/s/${encodeURIComponent(route.id)}`;
    case 'workspace':
      return `#/s/${encodeURIComponent(route.id)}/work`;
    case 'not-found':
      return `#/${route.path}`;
  }
}
