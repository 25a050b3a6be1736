/// <reference lib="webworker" />
/**
 * The files a start needs, asked for at once. Pyodide asks for its lock file and its standard library only
 * once its loader (pyodide.mjs) has loaded and `loadPyodide` runs, after the snapshot lookup; on a slow link
 * that is a round trip and more lost before the largest downloads begin. Here they start with the worker, and
 * Pyodide's own `fetch` of the same URL gets the response already under way (once; later fetches go out as
 * usual).
 */
export interface EarlyFetch {
  /** Puts `fetch` back. */
  restore(): void;
}

/** Starts fetching each of `urls` now, and hands each response to the first `fetch` of its URL. */
export function fetchEarly(urls: readonly string[]): EarlyFetch {
  const fetchBefore = globalThis.fetch;
  const started = new Map<string, Promise<Response>>();
  for (const url of urls) {
    const response = fetchBefore(url);
    response.catch(() => undefined); // the error reaches the fetch that takes it
    started.set(url, response);
  }
  globalThis.fetch = (input: RequestInfo | URL, options?: RequestInit) => {
    const url = input instanceof Request ? input.url : new URL(String(input), location.href).href;
    const early = started.get(url);
    if (!early) return fetchBefore(input, options);
    started.delete(url);
    return early;
  };
  return {
    restore() {
      globalThis.fetch = fetchBefore;
    },
  };
}
