/**
 * The hooks handed to Python (`py_async_run.install`): how a program sleeps, is woken, blocks, reads a line
 * of input and learns it was stopped. The worker's message handler answers the page's side of them (`stop`,
 * `answer`).
 */
import type { FromWorker } from '../runtime/protocol.js';
import type { ControlCells } from '../runtime/control-cells.js';
import { sharedMemorySupported } from '../runtime/capabilities.js';
import type { OutputBuffer } from './output-buffer.js';
import type { PyCallable } from './pyodide-start.js';
import type { OwnTimers } from './worker-sandbox.js';
import type { HttpFetcher, HttpRequest, HttpSink } from './http-fetch.js';

/** What the hooks need of the worker. */
export interface HookDeps {
  /** The current run's output: sent before every wait, so it shows while the program waits. */
  output: OutputBuffer;
  post(message: FromWorker): void;
  /** The id of the run being run. */
  runId(): number;
  /** The worker's own timers (a program's are cleared when its run ends). */
  timers: OwnTimers;
  /** Sends the requests of programs' connections to the web (py_async_run/web_peer.py). */
  http: HttpFetcher;
}

/** The object Python calls (see state.hooks in the Python package): one method per hook. */
export interface PythonHookTable {
  sleep(ms: number): Promise<void>;
  waitSync(ms: number): void;
  wake(): void;
  readLine(prompt: string): Promise<string | undefined>;
  flush(): void;
  canReadSync(): boolean;
  readLineSync(prompt: string): string | undefined;
  interrupted(): boolean;
  httpFetch(request: HttpRequest, sink: HttpSink): { abort(): void };
  startThread(body: PyCallable): void;
  onStop(listener: PyCallable | null): void;
  /** Whether a connection to `host`:`port` goes to the web (ports 80 and 443, or the host map names it). */
  webReaches(host: string, port: number): boolean;
}

/** The hooks and the state behind them: what wakes the current wait, who waits for a line. */
export class PythonHooks {
  /** The page's control cells, on a cross-origin isolated page (see WorkerInit.control); set at start-up. */
  control: ControlCells | null = null;
  private wakeCurrent: (() => void) | null = null;
  private answerInput: ((text: string | undefined) => void) | null = null;
  /** The run waiting for an input line, which alone may answer it, once; null when none waits. */
  private inputFor: number | null = null;
  /** The green threads of the run (threads.py) that have not ended: each a call of Python in progress. */
  private readonly threads = new Set<Promise<void>>();
  /** Python's listener for a Stop (wakes the main thread where it waits for another thread). */
  private stopListener: PyCallable | null = null;
  // Blocking waits (time.sleep, entry points the transform left as written) when there is no stack
  // switching: Atomics.wait sleeps without burning a core, but needs a SharedArrayBuffer. Without the page's
  // cells (a page that is not cross-origin isolated), the worker may still make one of its own.
  private readonly ownSleepCell = sharedMemorySupported() ? new Int32Array(new SharedArrayBuffer(4)) : null;

  constructor(private readonly deps: HookDeps) {}

  /** The table handed to Python: plain functions, so none depends on how Pyodide binds `this`. */
  forPython(): PythonHookTable {
    return {
      sleep: (ms) => this.sleep(ms),
      waitSync: (ms) => this.waitSync(ms),
      wake: () => this.wake(),
      readLine: (prompt) => this.readLine(prompt),
      flush: () => this.deps.output.flush(),
      canReadSync: () => this.control !== null,
      readLineSync: (prompt) => this.readLineSync(prompt),
      interrupted: () => this.interrupted(),
      httpFetch: (request, sink) => this.deps.http.fetch(request, sink),
      startThread: (body) => this.startThread(body),
      onStop: (listener) => {
        this.stopListener = listener;
      },
      webReaches: (host, port) => this.deps.http.reaches(host, port),
    };
  }

  /**
   * Starts a green thread: `body` is called as a task of its own, so it may suspend (stack switching) while
   * the program's other threads run; the JavaScript event loop is their scheduler. `callPromising` enters
   * Python from a fresh macrotask, as Pyodide requires for a new stack.
   */
  private startThread(body: PyCallable): void {
    if (!body.callPromising) throw new Error('green threads need stack switching');
    const ended: Promise<void> = body
      .callPromising()
      .then(
        () => undefined,
        (error: unknown) => {
          // threads.py reports the thread's own errors; this is Pyodide failing under it.
          this.deps.output.write('stderr', `Error in a thread: ${String(error)}\n`);
        },
      )
      .finally(() => {
        body.destroy();
        this.threads.delete(ended);
      });
    this.threads.add(ended);
  }

  /**
   * Resolves once every green thread has ended, or false after `ms` (a thread that will not end: the run
   * is then over without it, and its stack stays suspended until the worker ends).
   */
  async threadsEnded(ms: number): Promise<boolean> {
    // A thread still waiting for a line (a daemon thread at exit) gets end of input, and so ends too.
    this.endInput(undefined);
    const { setTimeout, clearTimeout } = this.deps.timers;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    const all = Promise.all([...this.threads]).then(() => true);
    try {
      return await Promise.race([all, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves after `ms` (or, for a negative value, only) when the program's loop is woken. */
  sleep(ms: number): Promise<void> {
    const { setTimeout, clearTimeout } = this.deps.timers;
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.wakeCurrent === done) this.wakeCurrent = null;
        resolve();
      };
      const timer = ms >= 0 ? setTimeout(done, Math.ceil(ms)) : undefined;
      this.wakeCurrent = done;
    });
  }

  /** Blocks the worker for `ms` (time.sleep without stack switching), or until a stop. */
  private waitSync(ms: number): void {
    this.deps.output.flush();
    if (this.interrupted()) return; // a stop came first: Python raises KeyboardInterrupt right after
    if (this.control) {
      this.control.sleep(ms);
      return;
    }
    if (this.ownSleepCell) {
      Atomics.wait(this.ownSleepCell, 0, 0, ms);
      return;
    }
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // Busy wait: the only way to block a worker without shared memory or stack switching.
    }
  }

  /** Ends the current wait now (a callback of the program's loop came). */
  wake(): void {
    this.wakeCurrent?.();
  }

  /** Asks the page for a line typed by the reader; resolves with it, or undefined at end of input. */
  private readLine(prompt: string): Promise<string | undefined> {
    this.deps.output.flush();
    const id = this.deps.runId();
    return new Promise((resolve) => {
      this.answerInput = resolve;
      this.inputFor = id;
      this.deps.post({ type: 'input-request', id, prompt });
    });
  }

  /** Asks the page for a line and blocks until it answers (input() can block: the page shares memory). */
  private readLineSync(prompt: string): string | undefined {
    const control = this.control;
    if (!control) return undefined;
    this.deps.output.flush();
    control.expectLine();
    this.deps.post({ type: 'input-request', id: this.deps.runId(), prompt });
    return control.waitForLine(() => this.interrupted());
  }

  /** The page asked to stop this run (cross-origin isolated pages: see WorkerInit.control). */
  interrupted(): boolean {
    return this.control !== null && this.control.stopRequested();
  }

  /** The page stops the current run: wake it from whatever it waits on, so Python sees the interrupt. */
  stop(): void {
    // Acknowledge: the program is waiting and stops itself, so no SIGINT is needed (raised while stack
    // switching has Python suspended, it would crash Pyodide).
    this.control?.acknowledgeStop();
    this.wakeCurrent?.();
    this.stopListener?.();
    this.endInput(undefined);
  }

  /**
   * The reader's line for run `id`: only the run waiting for a line gets it, once. End of input travels as
   * undefined: Pyodide turns undefined into None (null would become jsnull).
   */
  answer(id: number, text: string | null): void {
    if (id !== this.inputFor || !this.answerInput) return;
    this.endInput(text ?? undefined);
  }

  private endInput(text: string | undefined): void {
    this.answerInput?.(text);
    this.answerInput = null;
    this.inputFor = null;
  }
}
