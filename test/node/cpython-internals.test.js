/**
 * The private CPython internals the runtime's Python package relies on (listed in
 * src/worker/python/cpython_internals.py), checked against the pinned Pyodide's CPython, run in
 * Node: an upgrade that renames one fails here, naming it, instead of somewhere deep inside a run. Outside a
 * run, so none of the package's own patches of asyncio can stand in for a name CPython no longer has.
 * Run with `node --test test/node/` (`npm test` does).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runtimeSources } from '../../scripts/runtime-sources.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sourceDir = join(root, 'src/worker/python/py_async_run');
const sources = runtimeSources(sourceDir); // `loop.py`, `net/memsocket.py`...
const read = (name) => readFileSync(join(sourceDir, name), 'utf8');
const internals = readFileSync(join(root, 'src/worker/python/cpython_internals.py'), 'utf8');

/** The names listed in cpython_internals.py's INTERNALS. */
function listed() {
  const block = /^INTERNALS = \(\n([\s\S]*?)^\)/m.exec(internals);
  assert.ok(block, 'cpython_internals.py has an INTERNALS tuple');
  return [...block[1].matchAll(/^\s*"([^"]+)",/gm)].map((match) => match[1]);
}

// How the package's modules name the modules whose private names they use.
const MODULES = {
  events: 'asyncio.events',
  base_events: 'asyncio.base_events',
  coroutines: 'asyncio.coroutines',
  format_helpers: 'asyncio.format_helpers',
  futures: 'asyncio.futures',
  selector_events: 'asyncio.selector_events',
  selectors: 'selectors',
  _socket_module: 'socket',
  tasks: 'asyncio.tasks',
  'asyncio.runners': 'asyncio.runners',
  sys: 'sys',
  warnings: 'warnings',
};

test("lists every module's private name the package's sources use", () => {
  const names = listed();
  const pattern = new RegExp(
    `\\b(${Object.keys(MODULES).join('|').replace('.', '\\.')})\\.(_[A-Za-z]\\w*)`,
    'g',
  );
  const unlisted = new Set();
  for (const file of sources) {
    for (const [, module, name] of read(file).matchAll(pattern)) {
      const full = `${MODULES[module]}.${name}`;
      if (!names.some((entry) => entry === full || entry.startsWith(`${full}.`)))
        unlisted.add(`${full} (${file})`);
    }
  }
  assert.deepEqual([...unlisted], [], 'add these to INTERNALS in cpython_internals.py');
});

test("the pinned Pyodide's CPython has every listed internal, and imports the package", async () => {
  const { loadPyodide } = await import('pyodide');
  const py = await loadPyodide({ indexURL: join(root, 'node_modules/pyodide/') });
  const packageDir = '/lib/py_async_run/py_async_run';
  py.FS.mkdirTree(packageDir);
  for (const name of sources) {
    py.FS.mkdirTree(`${packageDir}/${name.slice(0, name.lastIndexOf('/') + 1)}`);
    py.FS.writeFile(`${packageDir}/${name}`, read(name));
  }
  py.FS.writeFile('/lib/cpython_internals.py', internals); // beside the package, never shipped
  py.globals.set(
    'modules',
    py.toPy(sources.map((name) => name.replace(/(\/__init__)?\.py$/, '').replaceAll('/', '.'))),
  );
  const missing = py
    .runPython(
      `
import importlib, sys
sys.path[:0] = ['/lib/py_async_run', '/lib']
for module in modules:
    importlib.import_module('py_async_run' if module == '__init__' else f'py_async_run.{module}')
import cpython_internals
cpython_internals.missing()
`,
    )
    .toJs();
  assert.ok(listed().length > 30, 'the list was read');
  assert.deepEqual(missing, [], `Pyodide ${py.version} lacks internals the runtime relies on`);
});
