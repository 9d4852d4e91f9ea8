#!/usr/bin/env node
// Minimal static file server (no dependencies) used by Playwright's `subpath` project.
// Serves a directory under a URL prefix, with no SPA fallback and nothing at `/`, so any
// root-absolute asset URL in the build (e.g. `/assets/x.js`) shows up as a 404.
//
//   node scripts/static-server.mjs [--root dist] [--prefix /nested/path/] [--host 127.0.0.1] [--port 4174]
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: 'dist' },
    prefix: { type: 'string', default: '/nested/path/' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '4174' },
  },
});
const root = resolve(values.root);
if (!existsSync(join(root, 'index.html'))) {
  console.error(`static-server: ${join(root, 'index.html')} not found (run \`vite build\` first)`);
  process.exit(1);
}
const prefix = `/${values.prefix.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
};

function fileFor(pathname) {
  if (!pathname.startsWith(prefix)) return null;
  let rel;
  try {
    rel = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
  const file = resolve(join(root, rel));
  if (file !== root && !file.startsWith(root + sep)) return null; // path traversal
  try {
    const st = statSync(file);
    if (st.isFile()) return file;
    if (st.isDirectory() && statSync(join(file, 'index.html')).isFile()) {
      return join(file, 'index.html');
    }
  } catch {
    // not found
  }
  return null;
}

const server = createServer((req, res) => {
  const { pathname } = new URL(req.url ?? '/', 'http://localhost');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  if (`${pathname}/` === prefix) {
    res.writeHead(301, { location: prefix }).end();
    return;
  }
  const file = fileFor(pathname);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': 'no-store',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
});

server.listen(Number(values.port), values.host, () => {
  console.log(`static-server: ${root} at http://${values.host}:${values.port}${prefix}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
