/**
 * The runtime package's bytecode, compiled at build time by the same pinned Pyodide the page runs (its CPython
 * in Node), so a first visit does not compile the package's Python (about 65 KB) before the first run: every
 * .py file of its folder, as the worker writes them (RUNTIME_PACKAGE in pyodide-start.ts). vite.config.ts
 * packs them (packBytecode in src/worker/bytecode.ts) beside the worker script.
 *
 * The .pyc files are checked-hash ones: CPython compares the hash stored in each with the source it finds
 * beside it and compiles the source when they differ, so a pack that does not match the sources (a stale
 * cache, a mixed upload) costs the compile time and never runs other code than the sources say.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runtimeSources } from './runtime-sources.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Compiles the package in `sourceDir` (default: src/worker/python/py_async_run) as if it were in `packageDir`,
 * where the worker writes it (PACKAGE_DIR in src/worker/runtime-package.ts): its .pyc files, by name, a
 * subpackage's prefixed with its folder (`net/memsocket.cpython-314.pyc` is `net/__pycache__/...`).
 */
export async function compileRuntime(packageDir, sourceDir = join(root, 'src/worker/python/py_async_run')) {
  const { loadPyodide } = await import('pyodide');
  const py = await loadPyodide({ indexURL: join(root, 'node_modules/pyodide/') });
  const sources = runtimeSources(sourceDir);
  const folders = [...new Set(sources.map((path) => path.slice(0, path.lastIndexOf('/') + 1)))];
  for (const folder of folders) py.FS.mkdirTree(`${packageDir}/${folder}`);
  for (const path of sources) py.FS.writeFile(`${packageDir}/${path}`, readFileSync(join(sourceDir, path)));
  py.globals.set('package_dir', packageDir);
  py.globals.set('sources', py.toPy(sources));
  py.runPython(`
import os, py_compile
for path in sources:
    py_compile.compile(os.path.join(package_dir, path), doraise=True,
                       invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
`);
  const files = folders.flatMap((folder) => {
    const cache = `${packageDir}/${folder}__pycache__`;
    return py.FS.readdir(cache)
      .filter((name) => name.endsWith('.pyc'))
      .map((name) => ({ name: `${folder}${name}`, bytes: py.FS.readFile(`${cache}/${name}`) }));
  });
  if (files.length !== sources.length) {
    throw new Error(`runtime bytecode: ${sources.length} sources but ${files.length} .pyc files`);
  }
  return files.sort((a, b) => (a.name < b.name ? -1 : 1));
}
