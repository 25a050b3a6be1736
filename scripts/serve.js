#!/usr/bin/env node
/**
 * A small static file server for dist/ (and the tests): correct MIME types for wasm and modules, no
 * caching surprises, optional cross-origin isolation and CORS headers, and a path prefix to prove that the
 * bundle works under any path. Usage: node scripts/serve.js [dir] [--port N] [--prefix /assets/py/]
 *   [--isolated] [--cors]
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The content type of each file extension the build writes (bench/cdn-server.js serves with it too). */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.py': 'text/x-python; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * The request's URL and its decoded path, or undefined for a target this server cannot read: one not
 * starting with a single `/` (`//x` reads as a URL on another host: `new URL('//', base)` throws) or with
 * malformed percent-encoding (`decodeURIComponent` throws). Either, thrown in the handler, ended the server.
 */
export function requestPath(target = '/') {
  if (!target.startsWith('/') || target.startsWith('//')) return undefined;
  try {
    const url = new URL(`http://x${target}`);
    return { url, pathname: decodeURIComponent(url.pathname) };
  } catch {
    return undefined;
  }
}

/**
 * Starts a server; resolves with it and its base URL. `headers(pathname)` adds response headers to the
 * files; `route(req, res)` may answer a request itself before the files are looked at (returning true).
 */
export function serve({
  dir,
  port = 0,
  host = '127.0.0.1',
  prefix = '/',
  isolated = false,
  cors = false,
  headers,
  route,
}) {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    if (route?.(req, res)) return;
    const target = requestPath(req.url);
    if (target === undefined) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('bad request');
      return;
    }
    const { url, pathname } = target;
    if (!pathname.startsWith(prefix)) {
      res.writeHead(404).end('not found');
      return;
    }
    let path = normalize(join(root, pathname.slice(prefix.length)));
    if (!path.startsWith(root)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      const size = statSync(path).size;
      const head = {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'content-length': size,
        'cache-control': 'no-cache',
      };
      if (isolated) {
        head['cross-origin-opener-policy'] = 'same-origin';
        head['cross-origin-embedder-policy'] = 'require-corp';
        head['cross-origin-resource-policy'] = 'cross-origin';
      }
      if (cors) head['access-control-allow-origin'] = '*';
      Object.assign(head, headers?.(url.pathname) ?? {});
      res.writeHead(200, head);
      if (req.method === 'HEAD') res.end();
      else createReadStream(path).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => {
    server.listen(port, host, () => {
      const address = server.address();
      ok({ server, url: `http://${host}:${address.port}${prefix}` });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(name);
    return i === -1 ? fallback : args[i + 1];
  };
  const dir = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.match(/^--(port|prefix)$/)) ?? 'dist';
  const { url } = await serve({
    dir,
    port: Number(option('--port', process.env.PORT ?? 5173)),
    prefix: option('--prefix', '/'),
    isolated: args.includes('--isolated'),
    cors: args.includes('--cors'),
  });
  console.log(`py-async-run demo: ${url}`);
}
