/// <reference lib="webworker" />
/**
 * Starting Pyodide in the runtime worker: its files asked for at once, the interpreter restored from the
 * stored snapshot or started the normal way, and the runtime's Python package written and imported.
 */
import type { WorkerStart } from '../runtime/protocol.js';
import type { SignalCell } from '../runtime/control-cells.js';
import { hideStackSwitching } from '../runtime/capabilities.js';
import { compileWasmEarly } from './early-wasm.js';
import { fetchEarly } from './early-fetch.js';
import { fetchBytecode, type BytecodeFile } from './bytecode.js';
import { INIT_CODE, PACKAGE_DIR } from './runtime-package.js';
import { RUNTIME_BYTECODE } from './bytecode-file.js';
import { dropSnapshot, initCodeHash, loadSnapshot, snapshotKey, storedSnapshots } from './snapshot.js';
import { STDLIB_NAME, startupStdlibURL } from './stdlib.js';

/** A Python object seen from JavaScript. */
export interface PyProxy {
  destroy(): void;
  toJs(options?: { dict_converter?: (entries: Iterable<[string, unknown]>) => unknown }): unknown;
  callPromising?: (...args: unknown[]) => Promise<unknown>;
}
/** A Python callable seen from JavaScript. */
export type PyCallable = PyProxy & ((...args: unknown[]) => unknown);
/** How Pyodide's package loading reports (see packages.ts). */
export interface PackageLoadOptions {
  messageCallback(message: string): void;
  errorCallback(message: string): void;
}
/** The part of Pyodide's API the runtime uses. */
export interface Pyodide {
  version: string;
  FS: {
    mkdirTree(path: string): void;
    writeFile(path: string, data: string | Uint8Array): void;
    chdir(path: string): void;
  };
  runPython(code: string): unknown;
  pyimport(name: string): Record<string, PyCallable>;
  toPy(value: unknown): PyProxy;
  makeMemorySnapshot?(): Uint8Array;
  loadPackage(names: string[], options: PackageLoadOptions): Promise<unknown>;
  loadPackagesFromImports(code: string, options: PackageLoadOptions): Promise<unknown>;
  setInterruptBuffer?(buffer: SignalCell): void;
  setStdout(options: { write: (buffer: Uint8Array) => number }): void;
  setStderr(options: { write: (buffer: Uint8Array) => number }): void;
}

/**
 * The Python package that runs programs (see its __init__.py), written into Pyodide's file system: every
 * module of its folder and of its subpackage `net/`, by path (`loop.py`, `net/memsocket.py`), so a new
 * module needs no line here (web-test-runner.config.js serves these globs the way Vite builds them).
 */
const PACKAGE_FOLDER = './python/py_async_run/';
const RUNTIME_PACKAGE: Record<string, string> = Object.fromEntries(
  Object.entries({
    ...import.meta.glob<string>('./python/py_async_run/*.py', {
      query: '?raw',
      import: 'default',
      eager: true,
    }),
    ...import.meta.glob<string>('./python/py_async_run/net/*.py', {
      query: '?raw',
      import: 'default',
      eager: true,
    }),
  })
    .map(([path, source]) => [path.slice(PACKAGE_FOLDER.length), source])
    .sort(([a], [b]) => (a < b ? -1 : 1)),
);
const runtimeSource = Object.values(RUNTIME_PACKAGE).join('\n');

/** Writes the runtime package into Pyodide's file system, with its compiled modules when there are some. */
function writeRuntime(py: Pyodide, bytecode: BytecodeFile[] | null = null) {
  for (const file of Object.keys(RUNTIME_PACKAGE))
    py.FS.mkdirTree(`${PACKAGE_DIR}/${file.slice(0, file.lastIndexOf('/') + 1)}__pycache__`);
  for (const [file, source] of Object.entries(RUNTIME_PACKAGE))
    py.FS.writeFile(`${PACKAGE_DIR}/${file}`, source);
  // Checked-hash .pyc files: Python compares each with its source and compiles the source if they differ.
  // A subpackage's are named `net/x.pyc` for `net/__pycache__/x.pyc`.
  for (const { name, bytes } of bytecode ?? []) {
    const slash = name.lastIndexOf('/') + 1;
    py.FS.writeFile(`${PACKAGE_DIR}/${name.slice(0, slash)}__pycache__/${name.slice(slash)}`, bytes);
  }
  py.FS.mkdirTree('/home/pyodide');
  py.FS.chdir('/home/pyodide');
}

/** Bytes of Python's memory (the wasm heap); undefined when Pyodide does not say. */
export function heapBytes(py: Pyodide): number | undefined {
  return (py as unknown as { _module?: { HEAPU8?: Uint8Array } })._module?.HEAPU8?.byteLength;
}

/**
 * Fails fast, with the reason, when this context may not compile WebAssembly (a Content Security Policy
 * without 'wasm-unsafe-eval'): Pyodide's own loader would otherwise never settle, a spinner forever.
 */
async function checkWebAssemblyAllowed() {
  try {
    await WebAssembly.compile(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  } catch (error) {
    throw new Error(
      "this page's Content Security Policy does not allow WebAssembly (add 'wasm-unsafe-eval' to script-src)",
      { cause: error },
    );
  }
}

/**
 * The snapshot of a started interpreter (~20 ms for ~31 MB), to be made before any JavaScript object reaches
 * Python (the worker's `install(hooks)`): a snapshot cannot hold those. Null, said once, when it fails.
 */
export function makeSnapshot(py: Pyodide): Uint8Array | null {
  try {
    return py.makeMemorySnapshot?.() ?? null;
  } catch (error) {
    console.warn('py-async-run: no start-up snapshot this time.', error);
    return null;
  }
}

/**
 * Pyodide with the runtime package imported, from the stored snapshot or started the normal way; then
 * `snapshot` is the key its snapshot is to be stored under (see makeSnapshot).
 */
export async function startPyodide(
  init: WorkerStart,
): Promise<{ py: Pyodide; fromSnapshot: boolean; snapshot: string | null }> {
  // Behave as an engine without JSPI (Safari today): Pyodide feature-detects it at load time.
  if (!init.stackSwitching) hideStackSwitching();
  // Pyodide's files at once, the small loader first: Pyodide itself would fetch its 1.2 MB pyodide.asm.mjs
  // only once the loader runs, and the wasm (9.6 MB) only once that has loaded. Its own import of
  // pyodide.asm.mjs then finds the module loaded (the same URL), and its wasm compiled (see early-wasm.ts).
  // In a worker a script is not parsed while it downloads, as on a page: these overlap instead. A page
  // that may not compile WebAssembly is told so below, before anything waits for the wasm.
  const loader = import(/* @vite-ignore */ new URL('pyodide.mjs', init.indexURL).href);
  loader.catch(() => undefined); // awaited below, unless WebAssembly is refused first
  const wasm = compileWasmEarly(new URL('pyodide.asm.wasm', init.indexURL).href);
  import(/* @vite-ignore */ new URL('pyodide.asm.mjs', init.indexURL).href).catch(() => undefined);
  // And the lock file and the standard library, which Pyodide would ask for only once its loader runs.
  const early = fetchEarly([init.lockFileURL, pyodideOptions(init).stdLibURL ?? stdlibOf(init)]);
  try {
    // Meanwhile: the snapshot's key and whether one is stored, so a first visit loses no time on them.
    const initHash = initCodeHash(INIT_CODE + runtimeSource + STDLIB_NAME);
    void storedSnapshots();
    await checkWebAssemblyAllowed();
    const module = (await loader) as {
      loadPyodide(options: Record<string, unknown>): Promise<Pyodide>;
      version: string;
    };
    const load = (options: Record<string, unknown>) =>
      Promise.race([module.loadPyodide({ ...pyodideOptions(init), ...options }), wasm.failed]);
    const key = snapshotKey(module.version ?? 'unknown', await initHash, init.stackSwitching);
    const stored = await loadSnapshot(key);
    // Without a snapshot the runtime package is imported after the start: its bytecode loads meanwhile.
    const bytecode =
      RUNTIME_BYTECODE && !stored
        ? fetchBytecode(new URL(RUNTIME_BYTECODE, import.meta.url))
        : Promise.resolve(null);
    if (stored) {
      try {
        const py = await load({ _loadSnapshot: stored });
        // The file system lives outside the wasm memory: write the runtime's files again for tracebacks.
        writeRuntime(py);
        return { py, fromSnapshot: true, snapshot: null };
      } catch (error) {
        console.warn('py-async-run: the start-up snapshot did not load; starting the normal way.', error);
        await dropSnapshot(key);
      }
    }
    const py = await load({ _makeSnapshot: Boolean(key) });
    writeRuntime(py, await bytecode);
    py.runPython(INIT_CODE);
    return { py, fromSnapshot: false, snapshot: key || null };
  } finally {
    early.restore();
    wasm.restore();
  }
}

/** Pyodide's own stdlib zip in `indexURL` (the one an unbuilt worker mounts). */
function stdlibOf(init: WorkerStart): string {
  return new URL('python_stdlib.zip', init.indexURL).href;
}

function pyodideOptions(init: WorkerStart) {
  return {
    indexURL: init.indexURL,
    lockFileURL: init.lockFileURL,
    packageBaseUrl: init.packageIndexURL,
    // The start-up part of the standard library (see stdlib.ts); the rest is fetched on first import.
    stdLibURL: startupStdlibURL(),
  };
}
