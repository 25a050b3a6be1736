import { pageRuntime } from './client.js';

/**
 * Starts the page's runtime. A small chunk of its own, loaded beside the run flow on the first Run: the
 * worker and Pyodide's download start at once, not after the larger chunk with the parser arrives. A failed
 * start shows in the run that awaits it.
 */
export function startRuntime(): void {
  pageRuntime()
    .start()
    .catch(() => undefined);
}
