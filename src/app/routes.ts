/**
 * Hash routing: `#/` catalog, `#/s/<id>` briefing, `#/s/<id>/work` workspace, `#/editor` the
 * scenario editor, `#/editor/s/<data>` a scenario shared by link (`data` is the YAML, deflate-raw
 * compressed and base64url-encoded: src/app/editor/shareLink.ts), `#/editor/play` the editor's draft
 * in the workspace. The hash never reaches the server, so the built site works from any sub-path of
 * any static host, and a shared scenario never leaves the browser that opens the link.
 */

export type Route =
  | { name: 'catalog' }
  | { name: 'briefing'; id: string }
  | { name: 'workspace'; id: string }
  /** `share`: the encoded scenario of a shared link, decoded (and checked) by the editor. */
  | { name: 'editor'; share?: string }
  | { name: 'editor-play' }
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
  if (parts[0] === 'editor') {
    if (parts.length === 1) return { name: 'editor' };
    if (parts.length === 2 && parts[1] === 'play') return { name: 'editor-play' };
    // base64url needs no escaping; the editor reports anything else as a damaged link.
    if (parts.length === 3 && parts[1] === 's' && parts[2])
      return { name: 'editor', share: parts[2] };
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
    case 'editor':
      return route.share === undefined ? '#/editor' : `#/editor/s/${route.share}`;
    case 'editor-play':
      return '#/editor/play';
    case 'not-found':
      return `#/${route.path}`;
  }
}
