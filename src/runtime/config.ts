import workerUrl from './worker.ts?worker&url';

/** Page-wide settings, given once with `configure()` before the first run. */
export interface RuntimeOptions {
  /**
   * Use WebAssembly stack switching (JSPI) where the engine has it (default true). false makes the runtime
   * behave as in an engine without it, as Safari today, so that path can be tried in any browser.
   */
  stackSwitching?: boolean;
  /** Folder of Pyodide's files; defaults to `pyodide/` beside the bundle. */
  indexURL?: string;
  /** URL of the runtime worker script; defaults to the one built beside the bundle. */
  workerURL?: string;
  /**
   * URL of the service worker that precaches the runtime for offline use, registered after the first run
   * when it is on the page's origin; `false` to register none. Defaults to `sw.js` beside the bundle.
   */
  serviceWorker?: string | false;
}

/** The settings in force, every field filled. */
export type ResolvedRuntimeOptions = Required<RuntimeOptions>;

// Every asset URL resolves against the bundle's own URL, so `dist/` works under any path or origin.
// (The folder name is kept in a variable so the bundler does not take it for an asset to inline.)
const pyodideFolder = 'pyodide/';
const serviceWorkerFile = 'sw.js';
let options: ResolvedRuntimeOptions | null = null;
let frozen = false;

/** The settings in force; the first call freezes them. */
export function runtimeConfig(): ResolvedRuntimeOptions {
  options ??= defaults();
  frozen = true;
  return options;
}

function defaults(): ResolvedRuntimeOptions {
  return {
    stackSwitching: true,
    indexURL: new URL(pyodideFolder, import.meta.url).href,
    workerURL: new URL(workerUrl, import.meta.url).href,
    serviceWorker: new URL(serviceWorkerFile, import.meta.url).href,
  };
}

/**
 * Sets page-wide runtime options. Call it before the first run: the runtime starts once per page, so a
 * later call cannot change it and throws `configure-too-late`.
 */
export function configure(next: RuntimeOptions): void {
  if (frozen) {
    throw Object.assign(new Error('configure() must be called before the first run starts the runtime.'), {
      code: 'configure-too-late',
    });
  }
  const base = options ?? defaults();
  options = {
    stackSwitching: next.stackSwitching ?? base.stackSwitching,
    indexURL: next.indexURL ? new URL(next.indexURL, document.baseURI).href : base.indexURL,
    workerURL: next.workerURL ? new URL(next.workerURL, document.baseURI).href : base.workerURL,
    serviceWorker:
      next.serviceWorker === false
        ? false
        : next.serviceWorker
          ? new URL(next.serviceWorker, document.baseURI).href
          : base.serviceWorker,
  };
}
