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
  /**
   * Pyodide's lock file, which names the packages `packages` and imports can load and where their files
   * are; defaults to the one beside Pyodide (`pyodide-lock.json`, every package Pyodide builds).
   */
  lockFileURL?: string;
  /**
   * The service worker's scope: which pages it controls. Defaults to the folder of `sw.js`; a wider one (`/`)
   * needs the server to send `Service-Worker-Allowed: /` with `sw.js`. The runtime's files come from the
   * cache only on pages in the scope, and only those pages open offline (see README, Offline).
   */
  serviceWorkerScope?: string;
  /**
   * Have the service worker serve the pages in its scope cross-origin isolated (COOP and COEP headers), so
   * Stop keeps the runtime warm and input() works without stack switching, with no server configuration.
   * `true` means COEP `credentialless` (images from other sites still show); `'require-corp'` is stricter.
   * Takes effect from the next page load in the service worker's scope. Default false.
   */
  crossOriginIsolation?: boolean | 'credentialless' | 'require-corp';
  /**
   * Folder the lock file's package files are fetched from. Defaults to the lock file's folder, where a site
   * can copy the packages it uses from a Pyodide release; `https://cdn.jsdelivr.net/pyodide/v314.0.7/full/`
   * fetches them from Pyodide's CDN instead.
   */
  packageIndexURL?: string;
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
    lockFileURL: new URL(`${pyodideFolder}pyodide-lock.json`, import.meta.url).href,
    packageIndexURL: new URL(pyodideFolder, import.meta.url).href,
    crossOriginIsolation: false,
    serviceWorkerScope: '',
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
    crossOriginIsolation: next.crossOriginIsolation ?? base.crossOriginIsolation,
    serviceWorkerScope: next.serviceWorkerScope
      ? new URL(next.serviceWorkerScope, document.baseURI).href
      : base.serviceWorkerScope,
    lockFileURL: next.lockFileURL
      ? new URL(next.lockFileURL, document.baseURI).href
      : next.indexURL
        ? new URL('pyodide-lock.json', new URL(next.indexURL, document.baseURI)).href
        : base.lockFileURL,
    packageIndexURL: next.packageIndexURL
      ? folderURL(new URL(next.packageIndexURL, document.baseURI).href)
      : next.lockFileURL
        ? new URL('.', new URL(next.lockFileURL, document.baseURI)).href
        : next.indexURL
          ? folderURL(new URL(next.indexURL, document.baseURI).href)
          : base.packageIndexURL,
  };
}

/** A folder URL ends with a slash, so names resolve inside it. */
function folderURL(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * The service worker's URL with what it must know (the same script either way: one service worker, never a
 * second): `?isolate=credentialless` or `require-corp` when pages should be cross-origin isolated.
 */
export function serviceWorkerURL(options: ResolvedRuntimeOptions): string | false {
  if (!options.serviceWorker) return false;
  const isolation = options.crossOriginIsolation === true ? 'credentialless' : options.crossOriginIsolation;
  if (!isolation) return options.serviceWorker;
  const url = new URL(options.serviceWorker);
  url.searchParams.set('isolate', isolation);
  return url.href;
}
