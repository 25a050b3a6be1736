/**
 * The typed messages between the page and the runtime worker. Every request carries an `id` that its
 * reply echoes; output is streamed as `output` messages tagged with the run's id.
 */

/** Where Python's output went. */
export type OutputStream = 'stdout' | 'stderr';

/** Settings the worker starts with. */
export interface WorkerInit {
  /** Absolute URL of the folder holding Pyodide's files (pyodide.mjs, the wasm, the stdlib). */
  indexURL: string;
  /** false hides WebAssembly stack switching (JSPI) before Pyodide loads, as in an engine without it. */
  stackSwitching: boolean;
  /**
   * Shared with the page when it is cross-origin isolated, read and written through `ControlCells`
   * (control-cells.ts, where its layout is): the page stops a run without ending the worker, and answers
   * input() while Python blocks (no stack switching).
   */
  control: SharedArrayBuffer | null;
  /** Pyodide's lock file (the packages that can be loaded) and the folder their files come from. */
  lockFileURL: string;
  packageIndexURL: string;
  /**
   * The most credentials (cookies) requests made by programs may carry (`configure({ requestCredentials })`);
   * 'omit' when absent. The runtime's own requests (packages) are not affected.
   */
  requestCredentials?: 'omit' | 'same-origin' | 'include';
  /** Where programs' HTTP requests to a host go instead (`configure({ hosts })`); none when absent. */
  hosts?: Readonly<Record<string, string>>;
}

/** What the worker needs to start loading Pyodide: its settings but the page's shared memory. */
export type WorkerStart = Omit<WorkerInit, 'control' | 'requestCredentials' | 'hosts'>;

const WORKER_NAME = 'py-async-run';

/** The settings in WorkerStart, with the type each has. */
const START_SETTINGS = {
  indexURL: 'string',
  stackSwitching: 'boolean',
  lockFileURL: 'string',
  packageIndexURL: 'string',
} as const;
const startSettings = Object.keys(START_SETTINGS) as (keyof WorkerStart)[];
/** The start settings of `source`, and only those (a WorkerInit's shared memory stays out of a name). */
const pickStart = (source: Partial<Record<keyof WorkerStart, unknown>>) =>
  Object.fromEntries(startSettings.map((setting) => [setting, source[setting]])) as WorkerStart;

/**
 * The worker's name (`new Worker(url, { name })`): "py-async-run", then its start settings. The worker reads
 * them from `self.name` while its script first runs and starts loading Pyodide then, without waiting for the
 * `init` message, which the page delivers only once the worker's script has run and the page's main thread
 * is free to forward it (behind the page's first layout and paint, tens of ms on a first visit).
 */
export function workerName(start: WorkerStart): string {
  return `${WORKER_NAME} ${JSON.stringify(pickStart(start))}`;
}

/** The start settings in a worker's name (see workerName); null for any other name. */
export function startFromName(name: string): WorkerStart | null {
  if (!name.startsWith(`${WORKER_NAME} {`)) return null;
  try {
    const start = JSON.parse(name.slice(WORKER_NAME.length + 1)) as Record<string, unknown>;
    const valid = startSettings.every((setting) => typeof start[setting] === START_SETTINGS[setting]);
    return valid ? pickStart(start) : null;
  } catch {
    return null;
  }
}

/** Whether two start settings are the same. */
export function sameStart(a: WorkerStart, b: WorkerStart): boolean {
  return startSettings.every((setting) => a[setting] === b[setting]);
}

/** One program to run. */
export interface WorkerRun {
  /** The code to execute (after the transform). */
  code: string;
  /** The author's code: tracebacks show its lines. */
  source: string;
  filename: string;
  topLevelAwait: boolean;
  /** Lines the transform changed: tracebacks show no column carets there. */
  editedLines: number[];
  /** Record the asyncio tasks' timeline and stream it (`timeline` messages); off by default: it costs time. */
  timeline?: boolean;
  /** Run in this session's namespace, shared with its earlier runs (cells of one notebook). */
  session?: string;
  /** Forget the session after this run (the setup and code of an element without a session). */
  closeSession?: boolean;
  /** Packages to load before the run: names from the lock file, or absolute URLs of wheels. */
  packages?: string[];
  /** Also load the lock file's packages the code imports (Pyodide's import scanner). */
  detectImports?: boolean;
}

/**
 * One fact of a run's task timeline; times are milliseconds since the run started. Rows number the tasks in
 * creation order from 1.
 */
export type TimelineEvent =
  | { kind: 'task'; row: number; name: string; coro: string; t: number }
  /** The task ran (its step, or its wakeup) from `from` to `to`; between runs it waited. */
  | { kind: 'run'; row: number; from: number; to: number }
  | {
      kind: 'end';
      row: number;
      t: number;
      outcome: 'done' | 'cancelled' | 'failed';
      /** The name when the task ended (`set_name()` may have changed it). */
      name: string;
      /** `Type: message` of a failed task's exception. */
      error: string | null;
    }
  /** The run is over; `dropped` tasks were not recorded (beyond the most a timeline follows). */
  | { kind: 'finish'; t: number; dropped: number };

/** A line the program printed, as a marker on the timeline. */
export interface TimelineMark {
  t: number;
  stream: OutputStream;
  text: string;
}

/**
 * Something the runtime noticed while running (a blocking entry point, a thread run inline, a task still
 * pending when its loop ended, a loop method called from another thread).
 */
export interface RuntimeNote {
  kind:
    | 'blocking-entry'
    | 'thread-inline'
    | 'thread-ran-long'
    | 'process-as-thread'
    | 'input-unavailable'
    | 'package-failed'
    | 'task-pending'
    | 'thread-unsafe-call'
    | 'http-refused';
  /**
   * The package that could not be loaded (`package-failed`, with why in `reason`); the task's name
   * (`task-pending`, `Task-2`); the URL the browser refused to fetch (`http-refused`, with which refusal it
   * was in `reason`: cors, mixed-content, csp, offline, network).
   */
  name?: string;
  reason?: string;
  how?: 'stack-switching' | 'blocked';
  /** The entry point that blocked, or the pending task's coroutine (`task-pending`, `worker`). */
  entry?: string;
  /** What was called from another thread (`thread-unsafe-call`: `loop.call_soon`, `future.set_result`). */
  call?: string;
  line?: number | null;
}

/** An uncaught Python exception, as CPython would report it. */
export interface PythonErrorInfo {
  type: string;
  message: string;
  /** CPython's final traceback line (`traceback.format_exception_only`). */
  summary: string;
  /** 1-based line in the author's code of the innermost frame there (for a SyntaxError, its line). */
  line: number | null;
  /** The traceback without the runtime's own frames. */
  traceback: string;
  /**
   * An exception group's own exceptions, each as CPython's last traceback line (`ValueError: bad`): the
   * group's summary says only how many there were, so the status names them.
   */
  subExceptions?: string[];
}

/** What the worker reports at the end of a run. */
export interface WorkerRunResult {
  error: PythonErrorInfo | null;
  exitCode: number;
  notes: RuntimeNote[];
  durationMs: number;
  /**
   * Bytes of Python's memory (the wasm heap) after the run: it never shrinks, so a run that grew it a lot
   * leaves the page holding it (see heapOutgrown in client.ts). Absent when the worker cannot tell.
   */
  heapBytes?: number;
}

/** Facts about the started runtime. */
export interface WorkerReady {
  /** Steps may suspend through WebAssembly stack switching (JSPI): the run's tips depend on it. */
  stackSwitching: boolean;
  /** Python was restored from a memory snapshot of an earlier visit. */
  fromSnapshot: boolean;
  /**
   * How long Pyodide had been loading when the init message came (the worker started it from its name, see
   * workerName); null when it started with the init message.
   */
  headStartMs: number | null;
  /** Bytes of Python's memory (the wasm heap) once started: what heapBytes of a run is compared with. */
  heapBytes?: number;
}

export type ToWorker =
  | { type: 'init'; id: number; init: WorkerInit }
  | { type: 'run'; id: number; run: WorkerRun }
  /** The reader's answer to `input-request` of run `id`; null ends the input (EOFError). */
  | { type: 'input'; id: number; text: string | null }
  /** Stop run `id` (after the page raised the interrupt): wake whatever it waits on. */
  | { type: 'stop'; id: number };

export type FromWorker =
  | { type: 'ready'; id: number; ready: WorkerReady }
  /** Bytes of Pyodide's files received so far while the runtime starts (`total` from Content-Length). */
  | { type: 'progress'; id: number; loaded: number; total: number }
  | { type: 'output'; id: number; stream: OutputStream; text: string }
  /** New facts of run `id`'s task timeline (runs asked for one). */
  | { type: 'timeline'; id: number; events: TimelineEvent[]; marks: TimelineMark[] }
  /**
   * Run `id` loads packages before it starts (their names); `progress` messages with its id follow, and an
   * empty list says the loading is over.
   */
  | { type: 'packages'; id: number; names: string[] }
  /** Run `id` called input(): the page asks the reader for a line. */
  | { type: 'input-request'; id: number; prompt: string }
  | { type: 'result'; id: number; result: WorkerRunResult }
  | { type: 'failed'; id: number; code: string; message: string };
