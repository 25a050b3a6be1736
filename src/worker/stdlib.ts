/// <reference lib="webworker" />
/**
 * The standard library in two parts (scripts/stdlib-split.js): Pyodide mounts the start-up zip, a third of the
 * full one, and the modules left out are fetched by Python's import system on first import
 * (py_async_run/lazy_stdlib.py), one file each, with a synchronous request: an import cannot wait for a
 * promise, and a worker may block. The service worker keeps each file for offline use (sw/sw.ts).
 */
import type { Pyodide } from './pyodide-start.js';
import { STDLIB_FILES } from './stdlib-files.js';

// Kept when this module loads: before programs run, the worker holds XMLHttpRequest to the page's
// credentials rule (worker-sandbox.ts), which would refuse these same-origin requests under 'omit'.
const Xhr = typeof XMLHttpRequest === 'function' ? XMLHttpRequest : null;
const open = Xhr?.prototype.open;

/** The start-up zip to mount instead of Pyodide's full stdlib; undefined in an unbuilt worker. */
export function startupStdlibURL(): string | undefined {
  return STDLIB_FILES ? new URL(STDLIB_FILES.startup, import.meta.url).href : undefined;
}

/** What the start-up snapshot depends on besides the init code: a snapshot made over another split differs. */
export const STDLIB_NAME = STDLIB_FILES?.startup ?? 'python_stdlib.zip';

/**
 * The source of the stdlib file `path` (`json/decoder.py`), or undefined (None in Python; null would be
 * Pyodide's JsNull) when it cannot be fetched, offline and not kept by the service worker: Python then raises
 * ModuleNotFoundError saying so.
 */
function fetchSource(path: string): string | undefined {
  if (!STDLIB_FILES || !Xhr || !open) return undefined;
  try {
    const request = new Xhr();
    open.call(request, 'GET', new URL(STDLIB_FILES.lazy + path, import.meta.url).href, false);
    request.send();
    return request.status === 200 ? request.responseText : undefined;
  } catch {
    return undefined; // a network error throws from send() in a synchronous request
  }
}

/**
 * Puts the finder of the modules left out of the start-up zip on `sys.meta_path`. Called after the start-up
 * snapshot is made (a snapshot cannot hold a JavaScript function), on every start, restored or not.
 */
export function installLazyStdlib(py: Pyodide): void {
  if (!STDLIB_FILES) return;
  const lazy = py.pyimport('py_async_run.lazy_stdlib');
  lazy.install(fetchSource);
  (lazy as unknown as { destroy(): void }).destroy();
}
