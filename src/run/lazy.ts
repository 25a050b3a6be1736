import { startWorkerEarly } from '../runtime/worker-start.js';
import { failureResult } from './failure.js';
import type { RunResult } from './types.js';

type RunFlow = typeof import('./run-flow.js');
let flow: Promise<RunFlow> | null = null;

/**
 * The run flow and the runner behind it (transform, tips, memo, runtime client), loaded with the first Run
 * or preload: the embed shows code at first paint without the Python parser and the rest, and the reader
 * who never clicks Run never fetches them. A failed load (offline on a first visit) is forgotten, so the
 * next Run tries again.
 */
function load(): Promise<RunFlow> {
  if (flow) return flow;
  // The runtime first: its worker and Pyodide's download (seconds on a first visit) start now, from this
  // code, before the page fetches the runtime client (which adopts the worker) and the larger chunk with
  // the parser, which the run needs only once Python is up.
  startWorkerEarly();
  flow = import('../runtime/client.js')
    .then(
      // A failed start shows in the run that awaits it.
      (client) =>
        void client
          .pageRuntime()
          .start()
          .catch(() => undefined),
      () => undefined,
    )
    .then(() => import('./run-flow.js'))
    .catch((error: unknown) => {
      flow = null;
      throw error;
    });
  return flow;
}

/** The run flow, or null when it cannot be loaded (then `runnerUnavailable()` is the run's result). */
export function loadRunFlow(): Promise<RunFlow | null> {
  return load().catch(() => null);
}

/** The result of a run whose runner could not be loaded. */
export function runnerUnavailable(): RunResult {
  return failureResult(
    'Python could not start: its runner could not be loaded (offline on a first visit, or its files are missing).',
  );
}

/** Starts loading the runner and the page's runtime ahead of a run (`preload`); failures show on Run. */
export function preloadRunner(): Promise<void> {
  // load() starts the runtime itself, first of all.
  return load().then(
    () => undefined,
    () => undefined,
  );
}
