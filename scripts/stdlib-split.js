/**
 * The standard library split in two at build time: a start-up zip with the modules a start, the runtime and
 * typical programs import (what Pyodide mounts as its stdlib, `stdLibURL`), and every other module as a file of
 * its own, fetched on first import by the worker (src/worker/python/py_async_run/lazy_stdlib.py).
 *
 * The start-up set is traced, not listed by hand: the pinned Pyodide starts in Node, runs the worker's init code
 * (read from src/worker/runtime-package.ts), imports the runtime package, and runs the typical programs of
 * scripts/stdlib-programs/ (each after Pyodide's import scanner, as a run is); every module then in
 * `sys.modules` that came from the stdlib zip is kept. Files that are not modules (data, `py.typed`) stay in
 * the zip. The zip also carries `_py_async_run_lazy_stdlib.py`, naming the files left out, for the finder.
 * `npm run build` runs it (vite.config.ts), kept in node_modules/.cache under a hash of everything it reads;
 * `node scripts/stdlib-split.js` prints what it keeps.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { runtimeSources } from './runtime-sources.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const programsDir = join(root, 'scripts/stdlib-programs');

/** The worker's init code (INIT_CODE in src/worker/runtime-package.ts, a module without imports): what every start imports. */
async function initCode() {
  const source = readFileSync(join(root, 'src/worker/runtime-package.ts'), 'utf8');
  const { code } = transformSync(source, { loader: 'ts', format: 'esm' });
  const module = await import(`data:text/javascript,${encodeURIComponent(code)}`);
  if (typeof module.INIT_CODE !== 'string')
    throw new Error('stdlib-split: INIT_CODE not found in src/worker/runtime-package.ts');
  return module.INIT_CODE;
}

/** Starts Pyodide in Node with the runtime package written where the worker writes it. */
async function startWithRuntime(packageDir, options = {}) {
  const { loadPyodide } = await import('pyodide');
  const py = await loadPyodide({ indexURL: join(root, 'node_modules/pyodide/'), ...options });
  const sourceDir = join(root, 'src/worker/python/py_async_run');
  for (const path of runtimeSources(sourceDir)) {
    py.FS.mkdirTree(`${packageDir}/${path.slice(0, path.lastIndexOf('/') + 1)}`);
    py.FS.writeFile(`${packageDir}/${path}`, readFileSync(join(sourceDir, path)));
  }
  return py;
}

/** Runs the init code, the runtime's modules and the typical programs (tracebacks printed, not thrown). */
async function runTypicalStart(py) {
  py.runPython(await initCode());
  py.runPython('import py_async_run.lazy_stdlib, py_async_run.errors');
  for (const file of readdirSync(programsDir)
    .filter((name) => name.endsWith('.py'))
    .sort()) {
    const source = readFileSync(join(programsDir, file), 'utf8');
    await py.loadPackagesFromImports(source, { messageCallback: () => {}, errorCallback: () => {} });
    // Top-level await where the program calls asyncio.run, as the transform makes it.
    py.globals.set('program_source', source.replace(/^asyncio\.run\((.*)\)$/m, 'await $1'));
    py.globals.set('program_name', file);
    await py.runPythonAsync(`
import contextlib, io
from py_async_run.errors import describe_error
with contextlib.redirect_stdout(io.StringIO()):
    try:
        await eval(compile(program_source, program_name, "exec", flags=0x2000), {"__name__": "__main__"})
    except Exception as error:
        describe_error(error, program_name)
`);
  }
}

/**
 * The stdlib zip's module files imported by a typical start, by their path in the zip; `packageDir` is where
 * the worker writes the runtime package (PACKAGE_DIR in src/worker/bytecode.ts).
 */
export async function traceStdlib(packageDir) {
  const py = await startWithRuntime(packageDir, { stdout: () => {}, stderr: () => {} });
  await runTypicalStart(py);
  return {
    py,
    used: new Set(
      py
        .runPython(
          `
import sys
zip_path = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip/"
sorted({m.__file__[len(zip_path):] for m in list(sys.modules.values())
        if isinstance(getattr(m, "__file__", None), str) and m.__file__.startswith(zip_path)})
`,
        )
        .toJs(),
    ),
  };
}

/**
 * The split: `startup` (the zip's bytes: every non-module file, the traced modules, and the index of the rest)
 * and `lazy` (path in the stdlib to source, for every other module), with sizes for the report.
 */
export async function splitStdlib(packageDir) {
  // Starting Pyodide in Node takes seconds: the split is kept under a hash of all it depends on.
  const hash = createHash('sha256')
    .update(packageDir)
    .update(await initCode());
  for (const file of ['node_modules/pyodide/python_stdlib.zip', 'node_modules/pyodide/package.json'])
    hash.update(readFileSync(join(root, file)));
  for (const name of readdirSync(programsDir).sort())
    hash.update(name).update(readFileSync(join(programsDir, name)));
  const sourceDir = join(root, 'src/worker/python/py_async_run');
  for (const path of runtimeSources(sourceDir)) hash.update(path).update(readFileSync(join(sourceDir, path)));
  hash.update(readFileSync(fileURLToPath(import.meta.url)));
  const cache = join(root, 'node_modules/.cache/py-async-run-stdlib', hash.digest('hex').slice(0, 16));
  if (existsSync(join(cache, 'split.json'))) {
    const { lazy, used, fullBytes } = JSON.parse(readFileSync(join(cache, 'split.json'), 'utf8'));
    const startup = new Uint8Array(readFileSync(join(cache, 'startup.zip')));
    return { startup, lazy: new Map(Object.entries(lazy)), used, fullBytes };
  }
  const split = await traceAndSplit(packageDir);
  mkdirSync(cache, { recursive: true });
  writeFileSync(join(cache, 'startup.zip'), split.startup);
  writeFileSync(
    join(cache, 'split.json'),
    JSON.stringify({ lazy: Object.fromEntries(split.lazy), used: split.used, fullBytes: split.fullBytes }),
  );
  return split;
}

async function traceAndSplit(packageDir) {
  const { py, used } = await traceStdlib(packageDir);
  const zipPath = join(root, 'node_modules/pyodide/python_stdlib.zip');
  py.FS.writeFile('/tmp/full.zip', readFileSync(zipPath));
  py.globals.set('used', py.toPy([...used]));
  const result = py
    .runPython(
      `
import zipfile
lazy = {}
with zipfile.ZipFile("/tmp/full.zip") as full, zipfile.ZipFile(
    "/tmp/startup.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9
) as startup:
    keep = set(used)
    infos = full.infolist()
    kept_files = [i.filename for i in infos if not i.is_dir() and (not i.filename.endswith(".py") or i.filename in keep)]
    for info in infos:
        if info.filename.endswith(".py") and info.filename not in keep:
            lazy[info.filename] = full.read(info).decode("utf-8")
        elif info.is_dir() and not any(name.startswith(info.filename) for name in kept_files):
            # A package all of whose files are fetched: its directory left alone in the zip would import
            # as an empty namespace package before the lazy finder is asked ("cannot import name ...").
            continue
        else:
            startup.writestr(info, full.read(info), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    index = "FILES = (\\n" + "".join(f"    {name!r},\\n" for name in sorted(lazy)) + ")\\n"
    startup.writestr(
        '_py_async_run_lazy_stdlib.py',
        '"""Standard library files fetched on first import (py_async_run.lazy_stdlib)."""\\n\\n' + index,
    )
lazy
`,
    )
    .toJs({ dict_converter: Object.fromEntries });
  const startup = py.FS.readFile('/tmp/startup.zip');
  return {
    startup,
    lazy: new Map(Object.entries(result)),
    used: [...used].sort(),
    fullBytes: readFileSync(zipPath).length,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { startup, lazy, used, fullBytes } = await splitStdlib('/lib/py_async_run/py_async_run');
  console.log(used.join('\n'));
  console.log(
    `start-up zip: ${used.length} modules, ${(startup.length / 1024).toFixed(0)} KB ` +
      `(full stdlib zip ${(fullBytes / 1024).toFixed(0)} KB); ${lazy.size} modules fetched on first import`,
  );
}
