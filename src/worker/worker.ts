/// <reference lib="webworker" />
/**
 * The runtime worker: one Pyodide for the whole page. It runs one program at a time, stepping it with
 * `Program.step()` and performing the waits the program asks for, so the worker stays free to stream output.
 */
import {
  sameStart,
  startFromName,
  type FromWorker,
  type OutputStream,
  type RuntimeNote,
  type ToWorker,
  type WorkerInit,
  type WorkerReady,
  type WorkerRun,
  type WorkerStart,
} from '../runtime/protocol.js';
import { TimelineMarks, timelineEvents } from './timeline-marks.js';
import { OutputBuffer } from './output-buffer.js';
import { countDownloads, type DownloadCount } from './download-count.js';
import {
  makeSnapshot,
  startPyodide,
  type PackageLoadOptions,
  type PyCallable,
  type Pyodide,
  type PyProxy,
} from './pyodide-start.js';
import { signalCell } from '../runtime/signal-cell.js';
import { storeSnapshot } from './snapshot.js';
import { installLazyStdlib } from './stdlib.js';
import { holdRequests, RunTimers, takeAwayPowers } from './worker-sandbox.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// Kept before programs lose postMessage (see worker-sandbox.ts): only the runtime speaks to the page.
const postMessage = scope.postMessage.bind(scope);
const post = (message: FromWorker) => postMessage(message);
/** Timers programs make are their run's, cleared when it ends; the worker's own come from `timers.own`. */
const timers = new RunTimers(scope);
const { setTimeout, clearTimeout } = timers.own;
/** Requests made while this is above 0 are the runtime's own (packages): sent as the runtime asks. */
let runtimeFetching = 0;

let runtime: Record<string, PyCallable> | null = null;
let pyodide: Pyodide | null = null;
let stackSwitching = false;
let runId = 0;
const output = new OutputBuffer((stream, text) => post({ type: 'output', id: runId, stream, text }));
/** Output lines of the current run as timeline markers, when the run records a timeline. */
let marks: TimelineMarks | null = null;

// Blocking waits (time.sleep, entry points the transform left as written) when there is no stack
// switching: Atomics.wait sleeps without burning a core, but needs a SharedArrayBuffer, which only
// cross-origin isolated pages have (WebKitGTK may even report isolation without one: test the constructor).
let waitCell: Int32Array | null =
  typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : null;
let waitIndex = 0;
/** The page's control cells when it is cross-origin isolated (see WorkerInit.control). */
let control: Int32Array | null = null;

let wakeCurrent: (() => void) | null = null;
let pendingSnapshot: { key: string; bytes: Uint8Array } | null = null;
let answerInput: ((text: string | undefined) => void) | null = null;
/** The run waiting for an input line, which alone may answer it, once; null when none waits. */
let inputFor: number | null = null;
const hooks = {
  /** Resolves after `ms` (or, for a negative value, only) when the program's loop is woken. */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = ms >= 0 ? setTimeout(done, Math.ceil(ms)) : undefined;
      function done() {
        clearTimeout(timer);
        if (wakeCurrent === done) wakeCurrent = null;
        resolve();
      }
      wakeCurrent = done;
    });
  },
  waitSync(ms: number): void {
    output.flush();
    if (hooks.interrupted()) return; // a stop came first: Python raises KeyboardInterrupt right after
    if (waitCell) {
      Atomics.wait(waitCell, waitIndex, 0, ms);
      return;
    }
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // Busy wait: the only way to block a worker without shared memory or stack switching.
    }
  },
  wake(): void {
    wakeCurrent?.();
  },
  /** Asks the page for a line typed by the reader; resolves with it, or null at end of input. */
  readLine(prompt: string): Promise<string | undefined> {
    output.flush();
    return new Promise((resolve) => {
      answerInput = resolve;
      inputFor = runId;
      post({ type: 'input-request', id: runId, prompt });
    });
  },
  flush(): void {
    output.flush();
  },
  /** input() can block for the answer (no stack switching, but the page shares memory with us). */
  canReadSync(): boolean {
    return control !== null;
  },
  /** Asks the page for a line and blocks until it answers; undefined at end of input or on Stop. */
  readLineSync(prompt: string): string | undefined {
    if (!control) return undefined;
    output.flush();
    Atomics.store(control, 3, 0);
    post({ type: 'input-request', id: runId, prompt });
    while (Atomics.load(control, 3) === 0 && !hooks.interrupted()) Atomics.wait(control, 3, 0, 1000);
    if (Atomics.load(control, 3) !== 1) return undefined;
    const length = Atomics.load(control, 4);
    // TextDecoder refuses views of shared memory: copy the bytes out first.
    return new TextDecoder().decode(new Uint8Array(control.buffer, 8 * 4, length).slice());
  },
  /** The page asked to stop this run (cross-origin isolated pages: see WorkerInit.control). */
  interrupted(): boolean {
    return control !== null && Atomics.load(control, 2) !== 0;
  },
};

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
    stackSwitching:
      init.stackSwitching &&
      typeof (WebAssembly as unknown as Record<string, unknown>).Suspending === 'function',
    fromSnapshot,
    pyodideVersion: py.version,
    sharedMemory: init.control !== null || waitCell !== null,
    interruptible: init.control !== null,
    startMs: performance.now() - t0,
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
  () => control,
  () => output.due(),
);

/** Readies a started Pyodide for runs: output, the runtime's hooks, interrupts. */
function setUp(py: Pyodide, init: WorkerInit, withStackSwitching: boolean) {
  const decoders: Record<OutputStream, TextDecoder> = {
    stdout: new TextDecoder(),
    stderr: new TextDecoder(),
  };
  const writer = (stream: OutputStream) => (buffer: Uint8Array) => {
    const text = decoders[stream].decode(buffer, { stream: true });
    marks?.write(stream, text);
    output.write(stream, text);
    return buffer.length;
  };
  py.setStdout({ write: writer('stdout') });
  py.setStderr({ write: writer('stderr') });
  runtime = py.pyimport('py_async_run');
  runtime.install(hooks);
  installLazyStdlib(py);
  stackSwitching = withStackSwitching;
  if (init.control) {
    // Stop without ending the worker: the page raises SIGINT in cell 0, Python checks it between bytecodes.
    control = new Int32Array(init.control);
    waitCell = control;
    waitIndex = 1;
  }
  py.setInterruptBuffer?.(signals);
  pyodide = py;
  const PyProxyClass = (py as unknown as { ffi?: { PyProxy?: abstract new () => unknown } }).ffi?.PyProxy;
  timers.isProgramCallback = (callback) =>
    (PyProxyClass !== undefined && callback instanceof PyProxyClass) ||
    (typeof callback === 'function' && typeof (callback as { destroy?: unknown }).destroy === 'function');
  // From here on, programs may run: take away what they have no business touching (see worker-sandbox.ts).
  holdRequests(scope, init.requestCredentials ?? 'omit', () => runtimeFetching > 0);
  const left = takeAwayPowers(scope);
  if (left.length) console.warn(`py-async-run: programs can still reach ${left.join(', ')} in this browser.`);
}

/**
 * Loads the packages a run asks for (`packages`) and those its imports need (Pyodide's import scanner
 * over the lock file), reporting their names and bytes to the page. Packages already loaded cost nothing.
 * A package that cannot be loaded is a note for the run's tips, never a failed run: the program then
 * meets ModuleNotFoundError where it imports it, as CPython would without the package.
 */
async function loadPackages(py: Pyodide, run: WorkerRun): Promise<RuntimeNote[]> {
  const failed: RuntimeNote[] = [];
  let failing: string | null = null;
  let announced = false;
  const options: PackageLoadOptions = {
    messageCallback(message) {
      const loading = /^Loading (.+)$/.exec(message);
      if (!loading) return;
      announced = true;
      post({ type: 'packages', id: runId, names: loading[1].split(', ') });
    },
    errorCallback(message) {
      const about = /^The following error occurred while loading (.+):$/.exec(message);
      if (about) failing = about[1];
      else if (failing) {
        failed.push({ kind: 'package-failed', name: failing, reason: message });
        failing = null;
      }
    },
  };
  runtimeFetching++;
  const downloads = reportDownloads(() => runId);
  try {
    for (const name of run.packages ?? []) {
      try {
        await py.loadPackage([name], options);
      } catch (error) {
        // An unknown name throws ("No known package with name ..."): the others still load.
        failed.push({
          kind: 'package-failed',
          name,
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
    if (run.detectImports) {
      try {
        await py.loadPackagesFromImports(run.source, options);
      } catch (error) {
        failed.push({ kind: 'package-failed', name: 'imports', reason: String(error) });
      }
    }
  } finally {
    downloads.stop();
    runtimeFetching--;
    // The page counts the run's time limit again from here: a download is not the program's time.
    if (announced) post({ type: 'packages', id: runId, names: [] });
  }
  return failed;
}

async function runProgram(run: WorkerRun) {
  const py = pyodide!;
  // An interrupt meant for a run that already ended must not reach this one.
  if (control) {
    Atomics.store(control, 0, 0);
    Atomics.store(control, 2, 0);
  }
  output.startRun();
  const packageNotes =
    (run.packages?.length ?? 0) > 0 || run.detectImports ? await loadPackages(py, run) : [];
  // Stopped while its packages loaded: the program never starts (the page reports the stop).
  if (hooks.interrupted()) return { error: null, exitCode: 0, notes: packageNotes, durationMs: 0 };
  const t0 = performance.now();
  const options = py.toPy({
    topLevelAwait: run.topLevelAwait,
    editedLines: run.editedLines,
    timeline: Boolean(run.timeline),
    session: run.session ?? '',
    closeSession: Boolean(run.closeSession),
  });
  const program = runtime!.Program(run.code, run.source, run.filename, options) as unknown as Record<
    string,
    PyCallable
  > &
    PyProxy;
  options.destroy();
  // The timeline's clock starts with the program, as Python's does (Timeline.t0), so markers line up.
  marks = run.timeline ? new TimelineMarks(performance.now()) : null;
  timers.startRun();
  running = true;
  let timelineSent = performance.now();
  const sendTimeline = (force: boolean) => {
    if (!run.timeline || (!force && performance.now() - timelineSent < TIMELINE_INTERVAL_MS)) return;
    timelineSent = performance.now();
    const events = timelineEvents(String(program.timeline_events()));
    const newMarks = marks?.take() ?? [];
    if (events.length || newMarks.length) post({ type: 'timeline', id: runId, events, marks: newMarks });
  };
  try {
    program.start();
    const step = program.step;
    for (;;) {
      // callPromising lets the program suspend inside a step (time.sleep, a blocking entry point).
      const wait = Number(stackSwitching && step.callPromising ? await step.callPromising() : step());
      output.flush();
      sendTimeline(false);
      if (wait === -1) break;
      await hooks.sleep(wait === -2 ? -1 : wait * 1000);
      if (hooks.interrupted()) {
        // Stopped while waiting in the loop: the interrupt alone would reach it only at its next step.
        const interrupt = program.interrupt;
        if (stackSwitching && interrupt.callPromising) await interrupt.callPromising();
        else interrupt();
        interrupt.destroy();
        break;
      }
    }
    program.finish();
    const raw = program.result() as PyProxy;
    const result = raw.toJs({ dict_converter: Object.fromEntries }) as {
      error: null;
      exitCode: number;
      notes: RuntimeNote[];
    };
    raw.destroy();
    step.destroy();
    output.flush();
    marks?.end();
    sendTimeline(true);
    return {
      ...result,
      notes: [...packageNotes, ...result.notes],
      durationMs: performance.now() - t0,
      heapBytes: heapBytes(py),
    };
  } finally {
    running = false;
    timers.endRun();
    marks = null;
    program.destroy();
  }
}

/** Bytes of Python's memory (the wasm heap); undefined when Pyodide does not say. */
function heapBytes(py: Pyodide): number | undefined {
  return (py as unknown as { _module?: { HEAPU8?: Uint8Array } })._module?.HEAPU8?.byteLength;
}

/** A program is between its start and its end (its callbacks may run; errors in them are its own). */
let running = false;
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
  if (running) {
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

/** How often (ms) a running program's timeline is sent to the page: often enough to watch it grow. */
const TIMELINE_INTERVAL_MS = 100;

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
          message: `Python could not start: ${error instanceof Error ? error.message : String(error)}`,
        }),
    );
    return;
  }
  if (message.type === 'stop') {
    // The interrupt is raised already; wake the program from whatever it waits on so Python sees it.
    if (message.id === runId) {
      // Acknowledge (cell 2: 1 -> 2): the program is waiting and stops itself, so no SIGINT is needed
      // (raised while stack switching has Python suspended, it would crash Pyodide).
      if (control) Atomics.compareExchange(control, 2, 1, 2);
      wakeCurrent?.();
      answerInput?.(undefined);
      answerInput = null;
      inputFor = null;
    }
    return;
  }
  if (message.type === 'input') {
    // Only the run waiting for a line gets it, once. End of input travels as undefined: Pyodide turns
    // undefined into None (null would become jsnull).
    if (message.id !== inputFor || !answerInput) return;
    answerInput(message.text ?? undefined);
    answerInput = null;
    inputFor = null;
    return;
  }
  if (message.type === 'run') {
    runId = message.id;
    runProgram(message.run).then(
      (result) => {
        post({ type: 'result', id: message.id, result });
        if (pendingSnapshot) {
          const { key, bytes } = pendingSnapshot;
          pendingSnapshot = null;
          setTimeout(() => void storeSnapshot(key, bytes), 0);
        }
      },
      (error: unknown) => {
        output.flush();
        post({ type: 'failed', id: message.id, code: 'runtime-crashed', message: String(error) });
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
