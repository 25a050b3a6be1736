/// <reference lib="webworker" />
/**
 * The runtime worker: one Pyodide for the whole page. This is its entry: it starts Python (pyodide-start.ts),
 * sets it up with the hooks (hooks.ts), and answers the page's messages, running one program at a time with
 * the step loop (step-loop.ts), which loads its packages first (packages.ts).
 */
import {
  sameStart,
  startFromName,
  type FromWorker,
  type OutputStream,
  type ToWorker,
  type WorkerInit,
  type WorkerReady,
  type WorkerStart,
} from '../runtime/protocol.js';
import { ControlCells, signalCell } from '../runtime/control-cells.js';
import { stackSwitchingSupported } from '../runtime/capabilities.js';
import { OutputBuffer } from './output-buffer.js';
import { countDownloads, type DownloadCount } from './download-count.js';
import { heapBytes, makeSnapshot, startPyodide, type Pyodide } from './pyodide-start.js';
import { PythonHooks } from './hooks.js';
import { HttpFetcher, mappedURL } from './http-fetch.js';
import { PACKAGE_NAME } from './runtime-package.js';
import { PackageLoader } from './packages.js';
import { StepLoop } from './step-loop.js';
import { storeSnapshot } from './snapshot.js';
import { errorMessage } from '../errors.js';
import { installLazyStdlib } from './stdlib.js';
import { holdRequests, plainGlobals, RunTimers, takeAwayPowers } from './worker-sandbox.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Kept before programs lose postMessage (see worker-sandbox.ts): only the runtime speaks to the page.
const postMessage = scope.postMessage.bind(scope);
const post = (message: FromWorker) => postMessage(message);
/** Timers programs make are their run's, cleared when it ends; the worker's own come from `timers.own`. */
const timers = new RunTimers(scope);

let runId = 0;
const output = new OutputBuffer((stream, text) => post({ type: 'output', id: runId, stream, text }));
const http = new HttpFetcher(scope);
const hooks = new PythonHooks({ output, post, runId: () => runId, timers: timers.own, http });
const packages = new PackageLoader(post, (id) => reportDownloads(() => id));
/** The step loop, once Python is set up for runs. */
let loop: StepLoop | null = null;
let pyodide: Pyodide | null = null;
let pendingSnapshot: { key: string; bytes: Uint8Array } | null = null;

/** The id of the page's init message, which the start's `progress` carries; null until it came. */
let initId: number | null = null;
let startDownloads: DownloadCount | null = null;

/** Downloads reported as `progress` of the message `idOf()` names (none while it names none). */
function reportDownloads(idOf: () => number | null): DownloadCount {
  return countDownloads((loaded, total) => {
    const id = idOf();
    if (id !== null) post({ type: 'progress', id, loaded, total });
  });
}

/** Starts Pyodide with these settings (see startPyodide), reporting its downloads. */
async function boot(start: WorkerStart) {
  const t0 = performance.now();
  const downloads = reportDownloads(() => initId);
  startDownloads = downloads;
  try {
    return { ...(await startPyodide(start)), t0 };
  } finally {
    downloads.stop();
    startDownloads = null;
  }
}

/** A start begun from the worker's name, before the init message came (see workerName). */
let booting: { start: WorkerStart; loaded: ReturnType<typeof boot> } | null = null;

/**
 * Answers the page's init message `id`: the start begun from the worker's name, or one begun now, then
 * `ready` with what the runtime can do, and the runtime set up for runs.
 */
async function start(init: WorkerInit, id: number) {
  const arrived = performance.now();
  initId = id;
  startDownloads?.report();
  const begun = booting;
  booting = null;
  const adopted = begun && sameStart(begun.start, init) ? begun : null;
  const loaded =
    adopted?.loaded ??
    // Not begun, or with other settings than the init's (a name not of our making): the init's win.
    Promise.resolve(begun?.loaded.catch(() => undefined)).then(() => boot(init));
  const { py, fromSnapshot, snapshot, t0 } = await loaded;
  const ready: WorkerReady = {
    stackSwitching: init.stackSwitching && stackSwitchingSupported(),
    fromSnapshot,
    headStartMs: adopted ? arrived - t0 : null,
    heapBytes: heapBytes(py),
  };
  // Said before the snapshot is made and the runtime set up (~20 ms): the page answers with its first run
  // meanwhile, which this worker reads only after this task, so the run finds both done.
  post({ type: 'ready', id, ready });
  // Made before setUp gives Python the hooks (see makeSnapshot); stored once the first run is over: writing
  // ~30 MB to Cache Storage would otherwise compete with the first visit's first output.
  const bytes = snapshot ? makeSnapshot(py) : null;
  if (snapshot && bytes) pendingSnapshot = { key: snapshot, bytes };
  setUp(py, init, ready.stackSwitching);
  return ready;
}

/** Pyodide's signal cell: the page's SIGINT, and output sent while Python computes (see signalCell). */
const signals = signalCell(
  () => hooks.control,
  () => output.due(),
);

/** Readies a started Pyodide for runs: output, the runtime's hooks, interrupts. */
function setUp(py: Pyodide, init: WorkerInit, withStackSwitching: boolean) {
  const runtime = py.pyimport(PACKAGE_NAME);
  const steps = new StepLoop({
    py,
    runtime,
    stackSwitching: withStackSwitching,
    hooks,
    output,
    timers,
    packages,
    post,
  });
  const decoders: Record<OutputStream, TextDecoder> = {
    stdout: new TextDecoder(),
    stderr: new TextDecoder(),
  };
  const writer = (stream: OutputStream) => (buffer: Uint8Array) => {
    steps.write(stream, decoders[stream].decode(buffer, { stream: true }));
    return buffer.length;
  };
  py.setStdout({ write: writer('stdout') });
  py.setStderr({ write: writer('stderr') });
  http.hosts = init.hosts ?? {};
  runtime.install(hooks.forPython());
  installLazyStdlib(py);
  // Stop without ending the worker: the page raises SIGINT in the signal cell, Python checks it between
  // bytecodes.
  if (init.control) hooks.control = new ControlCells(init.control);
  py.setInterruptBuffer?.(signals);
  pyodide = py;
  loop = steps;
  const PyProxyClass = (py as unknown as { ffi?: { PyProxy?: abstract new () => unknown } }).ffi?.PyProxy;
  timers.isProgramCallback = (callback) =>
    (PyProxyClass !== undefined && callback instanceof PyProxyClass) ||
    (typeof callback === 'function' && typeof (callback as { destroy?: unknown }).destroy === 'function');
  // From here on, programs may run: take away what they have no business touching (see worker-sandbox.ts).
  holdRequests(
    scope,
    init.requestCredentials ?? 'omit',
    () => packages.isFetching(),
    (url) => mappedURL(url, http.hosts),
  );
  plainGlobals(scope, ['crossOriginIsolated']);
  const left = takeAwayPowers(scope);
  if (left.length) console.warn(`py-async-run: programs can still reach ${left.join(', ')} in this browser.`);
}

let strayWarned = false;

/** Whether Pyodide suffered a fatal error: its API then throws on every use, and the runtime must end. */
function pyodideDead(): boolean {
  try {
    void pyodide?.runPython;
    return false;
  } catch {
    return true;
  }
}

/**
 * An error nothing caught, thrown in a callback (a timer, a promise handler, an event listener a program made).
 * Left alone it reaches the page as the Worker's `error` event and the page ends the runtime under every other
 * element; instead it is the current run's, printed in its stderr, or (between runs) a console warning, once.
 */
function strayError(error: unknown): void {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (loop?.running) {
    output.write('stderr', `Error in a callback: ${text.trimEnd()}\n`);
    return;
  }
  if (strayWarned) return;
  strayWarned = true;
  console.warn('py-async-run: an error in a callback left by an ended run was ignored (said once).', error);
}

scope.addEventListener('error', (event) => {
  if (pyodideDead()) return; // Pyodide itself is gone: the page ends the worker and starts a new one
  event.preventDefault();
  strayError(event.error ?? event.message);
});
scope.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  strayError(event.reason);
});

let ready: Promise<Awaited<ReturnType<typeof start>>> | null = null;

scope.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  // Listeners a program adds come after this one: they never see the page's messages (other elements' code,
  // the reader's input() answers).
  event.stopImmediatePropagation();
  // Only the page speaks here: an event a program dispatched itself (isTrusted false) is no message.
  if (!event.isTrusted) return;
  const message = event.data;
  if (message.type === 'init') {
    // The first init's start says `ready` itself; a later one hears it again under its own id.
    const again = ready !== null;
    ready ??= start(message.init, message.id);
    ready.then(
      (info) => {
        if (again) post({ type: 'ready', id: message.id, ready: info });
      },
      (error: unknown) =>
        post({
          type: 'failed',
          id: message.id,
          code: 'runtime-start-failed',
          message: errorMessage('runtime-start-failed', {
            reason: error instanceof Error ? error.message : String(error),
          }),
        }),
    );
    return;
  }
  if (message.type === 'stop') {
    // The interrupt is raised already; wake the program from whatever it waits on so Python sees it.
    if (message.id === runId) hooks.stop();
    return;
  }
  if (message.type === 'input') {
    hooks.answer(message.id, message.text);
    return;
  }
  if (message.type === 'run') {
    runId = message.id;
    const ran = loop ? loop.run(message.run, message.id) : Promise.reject(new Error('Python is not set up.'));
    ran.then(
      (result) => {
        post({ type: 'result', id: message.id, result });
        if (pendingSnapshot) {
          const { key, bytes } = pendingSnapshot;
          pendingSnapshot = null;
          timers.own.setTimeout(() => void storeSnapshot(key, bytes), 0);
        }
      },
      (error: unknown) => {
        output.flush();
        // The table's sentence, as every failure of ours says it, with what the runtime threw as its reason.
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        post({
          type: 'failed',
          id: message.id,
          code: 'runtime-crashed',
          message: errorMessage('runtime-crashed', { reason }),
        });
      },
    );
  }
});

// The page names the worker with its start settings (see workerName): Pyodide starts loading now, while the
// page's main thread may still be busy before it delivers the init message.
const named = startFromName(scope.name);
if (named) {
  booting = { start: named, loaded: boot(named) };
  booting.loaded.catch(() => undefined); // reported when the init message awaits it
}
