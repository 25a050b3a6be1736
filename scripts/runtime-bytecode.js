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
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Compiles the package in `sourceDir` (default: src/worker/python/py_async_run) as if it were in `packageDir`,
 * where the worker writes it (PACKAGE_DIR in src/worker/runtime-package.ts): its .pyc files, by name.
 */
export async function compileRuntime(packageDir, sourceDir = join(root, 'src/worker/python/py_async_run')) {
  const { loadPyodide } = await import('pyodide');
  const py = await loadPyodide({ indexURL: join(root, 'node_modules/pyodide/') });
  py.FS.mkdirTree(packageDir);
  const sources = readdirSync(sourceDir).filter((name) => name.endsWith('.py'));
  for (const name of sources) py.FS.writeFile(`${packageDir}/${name}`, readFileSync(join(sourceDir, name)));
  py.globals.set('package_dir', packageDir);
  py.runPython(`
import os, py_compile
for name in sorted(os.listdir(package_dir)):
    if name.endswith('.py'):
        py_compile.compile(os.path.join(package_dir, name), doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
`);
  const cache = `${packageDir}/__pycache__`;
  const names = py.FS.readdir(cache).filter((name) => name.endsWith('.pyc'));
  if (names.length !== sources.length) {
    throw new Error(`runtime bytecode: ${sources.length} sources but ${names.length} .pyc files`);
  }
  return names.sort().map((name) => ({ name, bytes: py.FS.readFile(`${cache}/${name}`) }));
}
