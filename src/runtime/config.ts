/**
 * `configure()`: page-wide runtime options, in the embed's first-paint code. It only keeps what the page
 * gave (URLs resolved against the page); runtime-config.ts fills in the defaults when the runtime starts.
 */
import { PyAsyncRunError } from '../errors.js';

/** Page-wide settings, given once with `configure()` before the first run. */
export interface RuntimeOptions {
  /**
   * Use WebAssembly stack switching (JSPI) where the engine has it (default true). false makes the runtime
   * behave as in an engine without it, as Safari today, so that path can be tried in any browser.
   */
  stackSwitching?: boolean;
  /**
   * Folder where a copy of the package's `dist/` is served (e.g. `/py-async-run/`): the worker, Pyodide and
   * the service worker are found there. Defaults to the bundle's own folder; for a bundler that moves the
   * bundle into its own chunks and has no plugin here (the Vite and webpack plugins need none).
   */
  baseURL?: string;
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
   * needs the server to send `Service-Worker-Allowed: /` with `sw.js`. Only pages in the scope are served from
   * the cache and open offline; the runtime's own files come from it on every page (its worker's script is in
   * the scope; see README, Offline).
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
  /**
   * Folder on another origin where the same `dist/` is deployed (e.g. `https://run.example.net/py-async-run/`).
   * Programs then run there, in a hidden frame of that origin, with none of the page's cookies, storage or
   * DOM: for code the page's author did not write. Pyodide, its packages and the worker then come from that
   * folder (indexURL, workerURL, lockFileURL and packageIndexURL are the runner's own), and the page's
   * service worker is not registered unless `serviceWorker` is given. Default: none, programs run with the
   * page's origin (see README, Trust model).
   */
  runnerOrigin?: string;
  /**
   * The most credentials (the reader's cookies, HTTP authentication) requests made by Python programs may
   * carry: 'omit' (the default) sends none, 'same-origin' sends them to this site only, 'include' everywhere,
   * as fetch's `credentials`. A program runs with the page origin's power, so by default it cannot act as
   * the signed-in reader. Under 'omit', XMLHttpRequest, EventSource and WebSocket to this site are refused
   * (they always send its cookies), and navigator.sendBeacon is gone unless 'include'.
   */
  requestCredentials?: 'omit' | 'same-origin' | 'include';
  /**
   * Where programs' HTTP requests to a host go instead: keys are host names, or `host:port`; values are base
   * URLs (`{ 'httpbin.org': 'http://127.0.0.1:8080', 'example.com': 'https://proxy.example/e' }`): a mirror,
   * a CORS proxy, a local test server. The request's path and query follow the base URL; the program still
   * sees its own URL. Default: none, every host is fetched as named.
   */
  hosts?: Readonly<Record<string, string>>;
}

let given: RuntimeOptions = {};
let frozen = false;

/**
 * Sets page-wide runtime options. Call it before the first run: the runtime starts once per page, so a
 * later call cannot change it and throws `configure-too-late`. Later calls add to earlier ones.
 */
export function configure(next: RuntimeOptions): void {
  if (frozen) {
    throw new PyAsyncRunError('configure-too-late', {});
  }
  const page = (url: string | undefined) => (url ? new URL(url, document.baseURI).href : undefined);
  const resolved: RuntimeOptions = {
    ...next,
    baseURL: page(next.baseURL),
    indexURL: page(next.indexURL),
    workerURL: page(next.workerURL),
    serviceWorker: next.serviceWorker === false ? false : page(next.serviceWorker),
    lockFileURL: page(next.lockFileURL),
    packageIndexURL: page(next.packageIndexURL),
    serviceWorkerScope: page(next.serviceWorkerScope),
    runnerOrigin: page(next.runnerOrigin),
    hosts: next.hosts === undefined ? undefined : checkHostMap(next.hosts, document.baseURI),
  };
  given = {
    ...given,
    ...Object.fromEntries(Object.entries(resolved).filter(([, value]) => value !== undefined)),
  };
}

// A host name (letters, digits, dashes, dots) or a bracketed IPv6 address, and an optional port.
const HOST_KEY = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The host map `hosts` (see RuntimeOptions.hosts) with each base URL resolved against `base` (the page);
 * throws `hosts-invalid`, naming the entry, for anything else: the map is read long after `configure()`.
 */
export function checkHostMap(hosts: unknown, base: string): Record<string, string> {
  const fail = (entry: string, reason: string) => new PyAsyncRunError('hosts-invalid', { entry, reason });
  if (typeof hosts !== 'object' || hosts === null || Array.isArray(hosts))
    throw fail('the map', 'must be an object of host names to base URLs');
  const checked: Record<string, string> = {};
  for (const [host, value] of Object.entries(hosts)) {
    if (!HOST_KEY.test(host)) throw fail(`"${host}"`, 'is not a host name or host:port');
    if (typeof value !== 'string') throw fail(`"${host}"`, 'must map to a base URL (a string)');
    let url: URL;
    try {
      url = new URL(value, base);
    } catch {
      throw fail(`"${host}"`, `maps to "${value}", which is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw fail(`"${host}"`, `maps to "${value}", which is not an http(s) URL`);
    if (url.search || url.hash)
      throw fail(`"${host}"`, `maps to "${value}": a base URL has no query or fragment`);
    checked[host.toLowerCase()] = url.href.replace(/\/+$/, '');
  }
  return checked;
}

/** What the page gave so far (more may come). */
export function peekGivenOptions(): RuntimeOptions {
  return given;
}

/** What the page gave, and from now on no more: the runtime is starting (runtime-config.ts). */
export function takeGivenOptions(): RuntimeOptions {
  frozen = true;
  return given;
}
