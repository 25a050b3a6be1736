/// <reference types="node" />
/**
 * `py-async-run/vite`: the whole Vite configuration an app needs (`plugins: [pyAsyncRun()]`).
 *
 * The bundle finds its worker, Pyodide and the service worker beside its own module (`import.meta.url`).
 * Vite moves that module twice: the dev server pre-bundles dependencies into `node_modules/.vite/deps/`,
 * and `vite build` merges it into the app's chunks under `assets/`; either way nothing sits beside it, and
 * the runtime's files (16 MB, hundreds of standard-library modules fetched by name) are not modules a
 * bundler can follow. So:
 * - in the dev server, the package is kept out of the pre-bundling and its files are served as they are;
 * - in a build, the runtime files are written to `assets/py-async-run/` and the bundle's `import.meta.url`
 *   is made to point there (Rollup's `import.meta.ROLLUP_FILE_URL_`, which honours `base`).
 */
import { createReadStream, existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, posix, sep } from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import {
  ANCHOR_FILE,
  CONTENT_TYPES,
  RUNTIME_FOLDER,
  isBundleModule,
  packageDist,
  runtimeFiles,
} from './runtime-files.js';

/** The package's name, as apps import it. */
const PACKAGE = 'py-async-run';

/** The Vite plugin: see the module's comment. Takes no options. */
export default function pyAsyncRun(): Plugin {
  const dist = packageDist();
  let config: ResolvedConfig | null = null;
  let anchor: string | null = null;
  return {
    name: 'py-async-run',
    enforce: 'pre',
    config: () => ({ optimizeDeps: { exclude: [PACKAGE] } }),
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      // Before Vite's own middlewares: they would rewrite Pyodide's and the worker's imports.
      server.middlewares.use((req, res, next) => {
        const file = distFileOf(req, server.config.root, dist);
        if (file) sendFile(file, res);
        else next();
      });
    },
    buildStart() {
      anchor = null;
      if (!config || config.command !== 'build' || config.build.ssr) return;
      const folder = posix.join(config.build.assetsDir, RUNTIME_FOLDER);
      for (const name of runtimeFiles(dist)) {
        const reference = this.emitFile({
          type: 'asset',
          fileName: `${folder}/${name}`,
          source: readFileSync(join(dist, name)),
        });
        if (name === ANCHOR_FILE) anchor = reference;
      }
    },
    transform(code, id) {
      if (!anchor || !code.includes('import.meta.url')) return null;
      const file = realFile(id);
      if (!file || !isBundleModule(dist, file)) return null;
      // Vite writes the file's URL as a path when `base` is one ('/assets/...'): resolved against the page.
      const url = `new URL(import.meta.ROLLUP_FILE_URL_${anchor}, location.href).href`;
      return { code: code.replaceAll('import.meta.url', `(${url})`), map: null };
    },
  };
}

/** The real path of a module id (without Vite's query), or null when it is no file. */
function realFile(id: string): string | null {
  const path = id.split('?')[0]!;
  if (!existsSync(path)) return null;
  return realpathSync(path);
}

/**
 * The file of the package's `dist/` a dev-server request asks for (`/node_modules/py-async-run/dist/...` or
 * `/@fs/...` when the package sits outside the app's root), or null for any other request.
 */
function distFileOf(req: IncomingMessage, root: string, dist: string): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://dev').pathname);
  } catch {
    return null;
  }
  const candidate = path.startsWith('/@fs/') ? path.slice('/@fs'.length) : join(root, path);
  if (!existsSync(candidate) || !statSync(candidate).isFile()) return null;
  const file = realpathSync(candidate);
  return file.startsWith(dist + sep) ? file : null;
}

/** Sends a file as it is, with its content type. */
function sendFile(file: string, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': statSync(file).size,
    'cache-control': 'no-cache',
  });
  if (res.req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
