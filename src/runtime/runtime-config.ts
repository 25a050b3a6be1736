import workerUrl from '../worker/worker.ts?worker&url';
import { peekGivenOptions, takeGivenOptions, type RuntimeOptions } from './config.js';

/** The settings in force, every field filled. */
export type ResolvedRuntimeOptions = Required<RuntimeOptions>;

// Every asset URL resolves against the bundle's own URL (or `baseURL`), so `dist/` works under any path or
// origin.
// (The folder name is kept in a variable so the bundler does not take it for an asset to inline.)
const pyodideFolder = 'pyodide/';
const serviceWorkerFile = 'sw.js';
let options: ResolvedRuntimeOptions | null = null;

/** The settings in force: what `configure()` was given, and the defaults for the rest. The first call freezes them. */
export function runtimeConfig(): ResolvedRuntimeOptions {
  options ??= resolveOptions(takeGivenOptions());
  return options;
}

/** The settings as they stand, without freezing them: `configure()` may still change them. */
export function previewRuntimeConfig(): ResolvedRuntimeOptions {
  return options ?? resolveOptions(peekGivenOptions());
}

function resolveOptions(given: RuntimeOptions): ResolvedRuntimeOptions {
  const base = given.baseURL ? folderURL(given.baseURL) : import.meta.url;
  const beside = (path: string) => new URL(path, base).href;
  const indexURL = given.indexURL ? folderURL(given.indexURL) : beside(pyodideFolder);
  // The lock file sits with Pyodide unless given; packages come from the lock file's folder unless given.
  const lockFileURL = given.lockFileURL ?? new URL('pyodide-lock.json', indexURL).href;
  return {
    stackSwitching: given.stackSwitching ?? true,
    baseURL: new URL('.', base).href,
    indexURL,
    workerURL: given.workerURL ?? beside(workerUrl),
    // With a runner origin, the page's own service worker would precache a Pyodide the page never loads.
    serviceWorker: given.serviceWorker ?? (given.runnerOrigin ? false : beside(serviceWorkerFile)),
    lockFileURL,
    packageIndexURL: given.packageIndexURL
      ? folderURL(given.packageIndexURL)
      : new URL('.', lockFileURL).href,
    crossOriginIsolation: given.crossOriginIsolation ?? false,
    serviceWorkerScope: given.serviceWorkerScope ?? '',
    runnerOrigin: given.runnerOrigin ? folderURL(given.runnerOrigin) : '',
    requestCredentials: given.requestCredentials ?? 'omit',
    hosts: given.hosts ?? {},
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
