/// <reference types="node" />
/**
 * The package's runtime files, as the bundler plugins hand them to an app: everything in `dist/` a page
 * fetches by URL at run time (the worker, Pyodide, the runtime bytecode, the standard library, the service
 * worker, the runner page), never what only tools read (types, the Node build, the plugins, source maps).
 * The service worker precaches the bundle's own chunks, so they are runtime files too.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder (inside the app's output) the runtime files are written to, beside the app's assets. */
export const RUNTIME_FOLDER = 'py-async-run';

/** The file the bundle's own `import.meta.url` is made to point at: every runtime URL resolves beside it. */
export const ANCHOR_FILE = 'sw.js';

/** Folders and files of `dist/` no page fetches. */
const TOOLING = new Set(['node', 'types', 'bundlers', 'custom-elements.json']);

/** The content type of each extension a runtime file has (scripts/serve.js keeps the same table). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.py': 'text/x-python; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/**
 * The package's `dist/` folder, found from this module's own place (`dist/bundlers/`), its links resolved:
 * bundlers name modules by their real path.
 */
export function packageDist(): string {
  return realpathSync(resolve(dirname(fileURLToPath(import.meta.url)), '..'));
}

/** The runtime files of `dist`, as paths relative to it with `/` separators. */
export function runtimeFiles(dist: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const name = relative(dist, path).split(sep).join('/');
      if (TOOLING.has(name) || name.endsWith('.map')) continue;
      if (entry.isDirectory()) walk(path);
      else files.push(name);
    }
  };
  walk(dist);
  return files.sort();
}

/** Whether `file` (a real path) is a module of the bundle's page side: a script in `dist/` itself. */
export function isBundleModule(dist: string, file: string): boolean {
  return dirname(file) === dist && file.endsWith('.js');
}
