/// <reference lib="webworker" />
/**
 * The runtime worker: one Pyodide for the whole page. It runs one program at a time, stepping it with
 * `Program.step()` and performing the waits the program asks for, so the worker stays free to stream output.
 */
import entrySource from './python/py_async_run/entry.py?raw';
import errorsSource from './python/py_async_run/errors.py?raw';
import initSource from './python/py_async_run/__init__.py?raw';
import loopSource from './python/py_async_run/loop.py?raw';
import programSource from './python/py_async_run/program.py?raw';
import stateSource from './python/py_async_run/state.py?raw';
import stdinSource from './python/py_async_run/stdin.py?raw';
import timelineSource from './python/py_async_run/timeline.py?raw';
import waitsSource from './python/py_async_run/waits.py?raw';
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
} from './protocol.js';
import { TimelineMarks, timelineEvents } from './timeline-marks.js';
import { OutputBuffer } from './output-buffer.js';
import { compileWasmEarly } from './early-wasm.js';
import { fetchBytecode, type BytecodeFile } from './bytecode.js';
import { RUNTIME_BYTECODE } from './bytecode-file.js';
import {
  dropSnapshot,
  initCodeHash,
  loadSnapshot,
  snapshotKey,
  storedSnapshots,
  storeSnapshot,
} from './snapshot.js';

interface PyProxy {
  destroy(): void;
  toJs(options?: { dict_converter?: (entries: Iterable<[string, unknown]>) => unknown }): unknown;
  callPromising?: (...args: unknown[]) => Promise<unknown>;
}
type PyCallable = PyProxy & ((...args: unknown[]) => unknown);
interface PackageLoadOptions {
  messageCallback(message: string): void;
  errorCallback(message: string): void;
}
interface Pyodide {
  version: string;
  FS: {
    mkdirTree(path: string): void;
    writeFile(path: string, data: string | Uint8Array): void;
    chdir(path: string): void;
  };
  runPython(code: string): unknown;
  pyimport(name: string): Record<string, PyCallable>;
  toPy(value: unknown): PyProxy;
  makeMemorySnapshot?(): Uint8Array;
  loadPackage(names: string[], options: PackageLoadOptions): Promise<unknown>;
  loadPackagesFromImports(code: string, options: PackageLoadOptions): Promise<unknown>;
  setInterruptBuffer?(buffer: Int32Array): void;
  setStdout(options: { write: (buffer: Uint8Array) => number }): void;
  setStderr(options: { write: (buffer: Uint8Array) => number }): void;
}

/** The Python package that runs programs (see its __init__.py), written into Pyodide's file system. */
const RUNTIME_PACKAGE: Record<string, string> = {
  '__init__.py': initSource,
  'entry.py': entrySource,
  'errors.py': errorsSource,
  'loop.py': loopSource,
  'program.py': programSource,
  'state.py': stateSource,
  'stdin.py': stdinSource,
  'timeline.py': timelineSource,
  'waits.py': waitsSource,
};
const runtimeSource = Object.values(RUNTIME_PACKAGE).join('\n');

/** Python run once at start-up (and captured in the snapshot): the runtime module and what it imports. */
const INIT_CODE = [
  'import sys',
  "sys.path.insert(0, '/lib/py_async_run')",
  'import py_async_run, asyncio, traceback, linecache, inspect, dataclasses',
].join('\n');

/** Where the package is written (its .pyc files name these paths: see scripts/runtime-bytecode.js). */
const PACKAGE_DIR = '/lib/py_async_run/py_async_run';

/** Writes the runtime package into Pyodide's file system, with its compiled modules when there are some. */
function writeRuntime(py: Pyodide, bytecode: BytecodeFile[] | null = null) {
  py.FS.mkdirTree(`${PACKAGE_DIR}/__pycache__`);
  for (const [file, source] of Object.entries(RUNTIME_PACKAGE))
    py.FS.writeFile(`${PACKAGE_DIR}/${file}`, source);
  // Checked-hash .pyc files: Python compares each with its source and compiles the source if they differ.
  for (const { name, bytes } of bytecode ?? []) py.FS.writeFile(`${PACKAGE_DIR}/__pycache__/${name}`, bytes);
  py.FS.mkdirTree('/home/pyodide');
  py.FS.chdir('/home/pyodide');
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);

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

interface DownloadReport {
  /** Reports the bytes so far now. */
  report(): void;
  /** Stops counting. */
  stop(): void;
}

/**
 * Counts the bytes of Pyodide's files as they arrive (the wasm alone is 9.6 MB on a first visit) and reports
 * them every 100 ms as `progress` of the message `idOf()` names (none while it names none). Responses keep
 * their headers, so streaming compilation of the wasm still works.
 */
function reportDownloads(idOf: () => number | null): DownloadReport {
  const original = globalThis.fetch;
  let loaded = 0;
  let total = 0;
  let last = 0;
  const report = (force = false) => {
    const now = performance.now();
    const id = idOf();
    if (id === null || (!force && now - last < 100)) return;
    last = now;
    post({ type: 'progress', id, loaded, total: Math.max(total, loaded) });
  };
  globalThis.fetch = async (input: RequestInfo | URL, options?: RequestInit) => {
    const response = await original(input, options);
    if (!response.body) return response;
    total += Number(response.headers.get('content-length')) || 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          loaded += chunk.byteLength;
          report();
          controller.enqueue(chunk);
        },
        flush() {
          report(true);
        },
      }),
    );
    return new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return {
    report: () => report(true),
    stop() {
      globalThis.fetch = original;
    },
  };
}

/**
 * Fails fast, with the reason, when this context may not compile WebAssembly (a Content Security Policy
 * without 'wasm-unsafe-eval'): Pyodide's own loader would otherwise never settle, a spinner forever.
 */
async function checkWebAssemblyAllowed() {
  try {
    await WebAssembly.compile(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  } catch (error) {
    throw new Error(
      "this page's Content Security Policy does not allow WebAssembly (add 'wasm-unsafe-eval' to script-src)",
      { cause: error },
    );
  }
}

/** The id of the page's init message, which the start's `progress` carries; null until it came. */
let initId: number | null = null;
let startDownloads: DownloadReport | null = null;

/** Loads Pyodide with these settings (see loadRuntime), counting its downloads. */
async function boot(start: WorkerStart) {
  const t0 = performance.now();
  const downloads = reportDownloads(() => initId);
  startDownloads = downloads;
  try {
    return { ...(await loadRuntime(start)), t0 };
  } finally {
    downloads.stop();
    startDownloads = null;
  }
}

/** A start begun from the worker's name, before the init message came (see workerName). */
let booting: { start: WorkerStart; at: number; loaded: ReturnType<typeof boot> } | null = null;

async function start(init: WorkerInit, id: number) {
  initId = id;
  startDownloads?.report();
  const begun = booting;
  booting = null;
  const adopted = begun && sameStart(begun.start, init) ? begun : null;
  const headStartMs = adopted ? performance.now() - adopted.at : null;
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
    headStartMs,
  };
  // Said before the snapshot is made and the runtime set up (~20 ms): the page answers with its first run
  // meanwhile, which this worker reads only after this task, so the run finds both done.
  post({ type: 'ready', id, ready });
  if (snapshot) takeSnapshot(py, snapshot);
  setUp(py, init, ready.stackSwitching);
  return ready;
}

/**
 * Makes the snapshot of the started interpreter (~20 ms), before any JavaScript object reaches Python
 * (`install(hooks)` in setUp): a snapshot cannot hold those. Stored once the first run is over: writing
 * ~30 MB to Cache Storage would otherwise compete with the first visit's first output.
 */
function takeSnapshot(py: Pyodide, key: string) {
  try {
    if (py.makeMemorySnapshot) pendingSnapshot = { key, bytes: py.makeMemorySnapshot() };
  } catch (error) {
    console.warn('py-async-run: no start-up snapshot this time.', error);
  }
}

/**
 * Pyodide, from the stored snapshot or started the normal way; then `snapshot` is the key its snapshot is
 * to be stored under (see takeSnapshot).
 */
async function loadRuntime(
  init: WorkerStart,
): Promise<{ py: Pyodide; fromSnapshot: boolean; snapshot: string | null }> {
  if (!init.stackSwitching) {
    // Behave as an engine without JSPI (Safari today): Pyodide feature-detects these at load time.
    const wasm = WebAssembly as unknown as Record<string, unknown>;
    delete wasm.Suspending;
    delete wasm.promising;
  }
  // Pyodide's files at once, the small loader first: Pyodide itself would fetch its 1.2 MB pyodide.asm.mjs
  // only once the loader runs, and the wasm (9.6 MB) only once that has loaded. Its own import of
  // pyodide.asm.mjs then finds the module loaded (the same URL), and its wasm compiled (see early-wasm.ts).
  // In a worker a script is not parsed while it downloads, as on a page: these overlap instead. A page
  // that may not compile WebAssembly is told so below, before anything waits for the wasm.
  const loader = import(/* @vite-ignore */ new URL('pyodide.mjs', init.indexURL).href);
  loader.catch(() => undefined); // awaited below, unless WebAssembly is refused first
  const wasm = compileWasmEarly(new URL('pyodide.asm.wasm', init.indexURL).href);
  import(/* @vite-ignore */ new URL('pyodide.asm.mjs', init.indexURL).href).catch(() => undefined);
  try {
    // Meanwhile: the snapshot's key and whether one is stored, so a first visit loses no time on them.
    const initHash = initCodeHash(INIT_CODE + runtimeSource);
    void storedSnapshots();
    await checkWebAssemblyAllowed();
    const module = (await loader) as {
      loadPyodide(options: Record<string, unknown>): Promise<Pyodide>;
      version: string;
    };
    const load = (options: Record<string, unknown>) =>
      Promise.race([module.loadPyodide({ ...pyodideOptions(init), ...options }), wasm.failed]);
    const key = snapshotKey(module.version ?? 'unknown', await initHash, init.stackSwitching);
    const stored = await loadSnapshot(key);
    // Without a snapshot the runtime package is imported after the start: its bytecode loads meanwhile.
    const bytecode =
      RUNTIME_BYTECODE && !stored
        ? fetchBytecode(new URL(RUNTIME_BYTECODE, import.meta.url))
        : Promise.resolve(null);
    if (stored) {
      try {
        const py = await load({ _loadSnapshot: stored });
        // The file system lives outside the wasm memory: write the runtime's files again for tracebacks.
        writeRuntime(py);
        return { py, fromSnapshot: true, snapshot: null };
      } catch (error) {
        console.warn('py-async-run: the start-up snapshot did not load; starting the normal way.', error);
        await dropSnapshot(key);
      }
    }
    const py = await load({ _makeSnapshot: Boolean(key) });
    writeRuntime(py, await bytecode);
    py.runPython(INIT_CODE);
    return { py, fromSnapshot: false, snapshot: key || null };
  } finally {
    wasm.restore();
  }
}

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
  stackSwitching = withStackSwitching;
  if (init.control) {
    // Stop without ending the worker: the page raises SIGINT here, Python checks it between bytecodes.
    control = new Int32Array(init.control);
    py.setInterruptBuffer?.(control);
    waitCell = control;
    waitIndex = 1;
  }
  pyodide = py;
}

function pyodideOptions(init: WorkerStart) {
  return { indexURL: init.indexURL, lockFileURL: init.lockFileURL, packageBaseUrl: init.packageIndexURL };
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
    return { ...result, notes: [...packageNotes, ...result.notes], durationMs: performance.now() - t0 };
  } finally {
    marks = null;
    program.destroy();
  }
}

/** How often (ms) a running program's timeline is sent to the page: often enough to watch it grow. */
const TIMELINE_INTERVAL_MS = 100;

let ready: Promise<Awaited<ReturnType<typeof start>>> | null = null;

scope.addEventListener('message', (event: MessageEvent<ToWorker>) => {
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
    }
    return;
  }
  if (message.type === 'input') {
    // End of input travels as undefined: Pyodide turns undefined into None (null would become jsnull).
    if (message.id === runId) answerInput?.(message.text ?? undefined);
    answerInput = null;
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
  booting = { start: named, at: performance.now(), loaded: boot(named) };
  booting.loaded.catch(() => undefined); // reported when the init message awaits it
}
