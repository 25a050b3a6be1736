/**
 * Starting the runtime worker. In the first-paint code on purpose: the first Run (or a preload) starts the
 * worker at once, so its thread, its script and Pyodide's files load while the page still fetches the
 * runtime client (`client.ts`), which then adopts the worker. On a first visit that is ~50 ms sooner to the
 * first output.
 */
import { errorMessage } from '../errors.js';
import { workerName, type FromWorker, type WorkerInit } from './protocol.js';
import { RunnerWorker } from './runner-frame-worker.js';
import { previewRuntimeConfig, type ResolvedRuntimeOptions } from './runtime-config.js';
import { trustedScriptURL, trustedTypesError, trustedTypesRefused } from './trusted-types.js';
import { CONTROL_BYTES } from './control-layout.js';
import { sharedMemoryIsolated } from './capabilities.js';

/** A started worker, told to start Python (`init`), whose messages wait until someone listens. */
export interface RuntimeWorker {
  readonly worker: Worker;
  /** The settings it was started with. */
  readonly config: ResolvedRuntimeOptions;
  readonly init: WorkerInit;
  /** The id of the `init` message: the worker's `ready`, `failed` and start-up `progress` carry it. */
  readonly initId: number;
  /** Whether it failed before anyone listened (its script did not load). */
  readonly failed: boolean;
  /**
   * Gives `receive` and `fail` every message and error of the worker, those that came before this call first.
   * An error's default (a report in the console) is prevented: `fail` reports it.
   */
  listen(receive: (message: FromWorker) => void, fail: (event: Event & { message?: string }) => void): void;
}

/**
 * Starts a worker and tells it to start Python with these settings. With a runner origin, the worker is
 * started by the runner frame (runner-frame-host.ts), which tells it to start with the runner's own
 * settings. A worker the browser refuses to start is returned as one that failed at once, with the reason.
 */
export function startRuntimeWorker(
  config: ResolvedRuntimeOptions,
  initId: number,
  { shareMemory = true }: { shareMemory?: boolean } = {},
): RuntimeWorker {
  // A script that did not load is a plain Event named error, not an ErrorEvent.
  const held: Event[] = [];
  let failed = false;
  const hold = (event: Event) => {
    if (event.type === 'error') {
      event.preventDefault();
      failed = true;
    }
    held.push(event);
  };
  // Shared memory exists only on cross-origin isolated pages (WebKitGTK may claim isolation without it),
  // and never across origins (a runner frame).
  const control =
    shareMemory && !config.runnerOrigin && sharedMemoryIsolated()
      ? new SharedArrayBuffer(CONTROL_BYTES)
      : null;
  const init: WorkerInit = {
    indexURL: config.indexURL,
    stackSwitching: config.stackSwitching,
    control,
    lockFileURL: config.lockFileURL,
    packageIndexURL: config.packageIndexURL,
    requestCredentials: config.requestCredentials,
    hosts: config.hosts,
  };
  let worker: Worker;
  if (config.runnerOrigin) {
    // The client treats it as a Worker; the frame sends the init message itself, with the runner's URLs.
    worker = new RunnerWorker(config.runnerOrigin, {
      initId,
      stackSwitching: config.stackSwitching,
    }) as unknown as Worker;
  } else {
    try {
      // Named with its start settings: it starts loading Pyodide as soon as its script runs (see workerName).
      worker = createWorker(config.workerURL, workerName(init));
    } catch (error) {
      worker = refusedWorker(initId, error) as unknown as Worker;
      failed = true;
    }
  }
  worker.addEventListener('message', hold);
  worker.addEventListener('error', hold);
  if (!config.runnerOrigin) worker.postMessage({ type: 'init', id: initId, init });
  return {
    worker,
    config,
    init,
    initId,
    get failed() {
      return failed;
    },
    listen(receive, fail) {
      worker.removeEventListener('message', hold);
      worker.removeEventListener('error', hold);
      const onError = (event: Event) => {
        event.preventDefault();
        fail(event);
      };
      for (const event of held.splice(0)) {
        if (event.type === 'error') fail(event);
        else receive((event as MessageEvent<FromWorker>).data);
      }
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => receive(event.data));
      worker.addEventListener('error', onError);
    },
  };
}

/** The id of the early worker's init message (the client numbers its own from 1). */
const EARLY_INIT_ID = 0;
let early: RuntimeWorker | null = null;

/**
 * Starts the page's runtime worker now, with the settings `configure()` has been given so far, for the
 * runtime client to adopt when it starts the runtime. Nothing is frozen: `configure()` may still be called
 * until then (a later module script of the page), and a worker started with other settings is ended.
 */
export function startWorkerEarly(): void {
  if (early && !early.failed) return;
  early?.worker.terminate();
  try {
    early = startRuntimeWorker(previewRuntimeConfig(), EARLY_INIT_ID);
  } catch {
    // A worker the page may not start (a policy, a bad URL): the client starts it and reports why.
  }
}

/** The worker started early, when it was started with these settings (the ones in force); null otherwise. */
export function adoptEarlyWorker(config: ResolvedRuntimeOptions): RuntimeWorker | null {
  const started = early;
  early = null;
  if (!started) return null;
  const same =
    (
      [
        'workerURL',
        'indexURL',
        'stackSwitching',
        'lockFileURL',
        'packageIndexURL',
        'requestCredentials',
        'runnerOrigin',
      ] as const
    ).every((name) => started.config[name] === config[name]) &&
    JSON.stringify(started.config.hosts) === JSON.stringify(config.hosts);
  if (same && !started.failed) return started;
  started.worker.terminate();
  return null;
}

/**
 * A module worker from our own URL. A page may load the bundle from another origin (a CDN), and module
 * workers cannot be started from a cross-origin URL: then a same-origin blob bootstraps the real worker by
 * importing it (the worker's own relative URLs still resolve against its real address). Both URLs go through
 * the element's Trusted Types policy (trusted-types.ts).
 */
export function createWorker(url: string, name: string): Worker {
  const target = new URL(url, document.baseURI);
  if (target.origin === location.origin)
    return new Worker(trustedScriptURL(target.href), { type: 'module', name });
  const bootstrap = new Blob([`import ${JSON.stringify(target.href)};`], { type: 'text/javascript' });
  const blobUrl = URL.createObjectURL(bootstrap);
  try {
    return new Worker(trustedScriptURL(blobUrl), { type: 'module', name });
  } finally {
    setTimeout(() => URL.revokeObjectURL(blobUrl), 10_000);
  }
}

/**
 * A stand-in for a worker the browser refused to start (`new Worker` threw): it says so as the worker
 * itself reports a start that failed, so the client rejects the start with a code and a sentence.
 */
function refusedWorker(
  initId: number,
  cause: unknown,
): EventTarget & Pick<Worker, 'postMessage' | 'terminate'> {
  const { code, message } = trustedTypesRefused()
    ? trustedTypesError()
    : {
        code: 'runtime-start-failed',
        message: errorMessage('runtime-start-failed', {
          reason: `the browser refused to start its worker (${String(cause)}).`,
        }),
      };
  const target = new EventTarget();
  // After the caller listens: the client hears it as the reply to its init message.
  queueMicrotask(() =>
    target.dispatchEvent(
      new MessageEvent('message', { data: { type: 'failed', id: initId, code, message } }),
    ),
  );
  return Object.assign(target, { postMessage: () => undefined, terminate: () => undefined });
}
