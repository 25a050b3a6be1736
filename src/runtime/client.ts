import { PyAsyncRunError } from '../errors.js';
import type {
  OutputStream,
  TimelineEvent,
  TimelineMark,
  ToWorker,
  WorkerReady,
  WorkerRun,
  WorkerRunResult,
} from './protocol.js';
import { claimedType, isExpectedMessage, type ExpectedIds } from './message-check.js';
import { runtimeConfig, serviceWorkerURL } from './runtime-config.js';
import { registerServiceWorker } from './service-worker.js';
import { heapOutgrown, HEAP_LIMIT_BYTES } from './heap-limit.js';
import { adoptEarlyWorker, startRuntimeWorker } from './worker-start.js';
import { ControlCells } from './control-cells.js';
import { sharedMemoryIsolated, stackSwitchingSupported } from './capabilities.js';

/** How long a program may take to honour an interrupt before its worker is ended instead. */
const INTERRUPT_GRACE_MS = 300;
/** How long a waiting program gets to wake and stop itself before SIGINT is raised. */
const SIGINT_AFTER_MS = 30;

/** What a run reports while it runs. */
export interface RunListeners {
  onOutput(stream: OutputStream, text: string): void;
  /** The program called input(): resolve with the reader's line, or null to end the input. */
  onInput?(prompt: string): Promise<string | null>;
  /** New facts of the task timeline (runs with `timeline` set). */
  onTimeline?(events: TimelineEvent[], marks: TimelineMark[]): void;
  /** The run loads packages before it starts; `onProgress` then counts their bytes. */
  onPackages?(names: string[]): void;
  onProgress?(loaded: number, total: number): void;
  /** The run's turn came: the program is sent to the worker now (runs before it in the queue have ended). */
  onStart?(): void;
}

interface PendingRun extends RunListeners {
  resolve(result: WorkerRunResult): void;
  reject(error: Error): void;
  /** The run asked for a line the reader has not given yet: it is answered once, and asks once at a time. */
  asking?: boolean;
}

/**
 * The page's handle on its one runtime worker. Started on the first run (never at page load), shared by
 * every element, and running one program at a time: runs are queued so output never mixes.
 */
export class RuntimeClient {
  private worker: Worker | null = null;
  /** How many workers this page started: sessions live in one worker, and end with it. */
  private generation = 0;
  private ready: Promise<WorkerReady> | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, PendingRun>();
  private readonly starting = new Map<number, { resolve(r: WorkerReady): void; reject(e: Error): void }>();
  private queue: Promise<unknown> = Promise.resolve();
  private control: ControlCells | null = null;
  private readonly progressListeners = new Set<(loaded: number, total: number) => void>();

  /** Calls `listener(loaded, total)` while the runtime's files download; returns a function to stop. */
  onProgress(listener: (loaded: number, total: number) => void): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }
  private serviceWorkerAsked = false;
  /** Bytes of Python's heap when the current runtime started (see heapOutgrown). */
  private startHeapBytes: number | undefined;
  /** Internal: the heap size above which the runtime is replaced after a run (tests lower it). */
  heapLimitBytes = HEAP_LIMIT_BYTES;

  /**
   * Whether `input()` can ask the reader for a line on this page, known before the runtime starts: it needs
   * stack switching (JSPI) or shared memory (a cross-origin isolated page), as the worker will find.
   */
  inputAvailable(): boolean {
    return (runtimeConfig().stackSwitching && stackSwitchingSupported()) || sharedMemoryIsolated();
  }

  /**
   * Which runtime the next run gets: the same number while one worker lives, a new one once it was ended
   * (a Stop without shared memory, a crash). Sessions live in one runtime and end with it.
   */
  get runtimeEpoch(): number {
    return this.worker ? this.generation : this.generation + 1;
  }

  /** Starts the runtime if it is not started; resolves when Python is ready. */
  start(): Promise<WorkerReady> {
    if (!this.ready) {
      this.ready = this.spawn();
      const serviceWorker = serviceWorkerURL(runtimeConfig());
      if (serviceWorker && !this.serviceWorkerAsked) {
        this.serviceWorkerAsked = true;
        // Once Python is up and the runs queued by then have ended: precaching (~12 MB fetched and stored)
        // then never competes with a first visit's first output.
        void this.ready
          .then(() => this.queue)
          .then(
            () => registerServiceWorker(serviceWorker, runtimeConfig().serviceWorkerScope || undefined),
            () => undefined,
          );
      }
    }
    return this.ready;
  }

  /**
   * Runs one program after those queued before it; output streams to `onOutput` as it is printed, and
   * `onStart` says when its turn came. Aborting `signal` rejects with `run-stopped`: a queued run rejects at
   * once and never starts (a program that never yields must not hold other elements' Stop), a running one
   * ends with the worker (Python cannot be interrupted from outside without shared memory), and the next run
   * gets a fresh runtime. With `epoch` (see runtimeEpoch), the run starts only in that runtime: when it was
   * replaced while the run waited its turn (another run's Stop ended the worker), it rejects with
   * `runtime-replaced`, for a session to run its earlier cells again first.
   */
  run(
    run: WorkerRun,
    listeners: RunListeners,
    signal?: AbortSignal,
    epoch?: number,
  ): Promise<WorkerRunResult> {
    const stopped = () => new PyAsyncRunError('run-stopped', {}, { cause: signal?.reason });
    const turn = this.queue;
    const result = abortable(turn, signal, stopped).then(async () => {
      if (signal?.aborted) throw stopped();
      await abortable(this.start(), signal, stopped);
      if (epoch !== undefined && epoch !== this.generation) {
        throw new PyAsyncRunError('runtime-replaced', { when: 'before-run' });
      }
      const id = this.nextId++;
      listeners.onStart?.();
      return new Promise<WorkerRunResult>((resolve, reject) => {
        this.pending.set(id, { ...listeners, resolve, reject });
        this.send({ type: 'run', id, run });
        signal?.addEventListener('abort', () => this.pending.has(id) && this.stopRun(id, stopped), {
          once: true,
        });
      });
    });
    const kept = result.then((done) => this.giveMemoryBack(done));
    // A run stopped while queued leaves at once, but the next one still waits for those before it.
    this.queue = turn.then(() => kept).catch(() => undefined);
    return kept;
  }

  /**
   * Stops the active run. On a cross-origin isolated page, Pyodide's interrupt buffer raises
   * KeyboardInterrupt in the program and the run ends as a result, keeping the worker (and its warm
   * Python); an interrupt alone does not reach a coroutine waiting in the loop, so the worker is also told
   * to wake it. Without shared memory, or when the program ignores the interrupt, the worker is ended and
   * the next run starts a fresh one.
   */
  private stopRun(id: number, stopped: () => PyAsyncRunError) {
    if (!this.control) {
      this.terminate(stopped());
      return;
    }
    const control = this.control;
    // A program waiting (in the loop, time.sleep, input()) is woken and raises KeyboardInterrupt itself;
    // raising SIGINT while it is suspended by stack switching would crash Pyodide, so SIGINT comes only
    // when the worker has not answered by then: the program is computing, and Pyodide polls the buffer.
    // Also ends a blocking wait (time.sleep without stack switching) or a blocking input().
    control.requestStop();
    this.send({ type: 'stop', id });
    setTimeout(() => {
      // The worker never read the stop message, so Python is computing: raise SIGINT.
      if (this.pending.has(id) && control.stopUnread()) control.raiseSigint();
    }, SIGINT_AFTER_MS);
    setTimeout(() => {
      if (this.pending.has(id)) this.terminate(stopped());
    }, INTERRUPT_GRACE_MS);
  }

  /**
   * Replaces the runtime, in the background, after a run that grew Python's heap past the limit (its memory
   * is never given back otherwise): the next run gets the new one, sessions run their cells again.
   */
  private giveMemoryBack(result: WorkerRunResult): WorkerRunResult {
    if (this.worker && heapOutgrown(this.startHeapBytes, result.heapBytes, this.heapLimitBytes)) {
      this.terminate(new PyAsyncRunError('runtime-replaced', { when: 'for-memory' }));
      void this.start().catch(() => undefined);
    }
    return result;
  }

  /** Ends the worker (its Python with it); the next run starts a fresh one. */
  terminate(reason: PyAsyncRunError): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
    for (const run of this.pending.values()) run.reject(reason);
    for (const start of this.starting.values()) start.reject(reason);
    this.pending.clear();
    this.starting.clear();
  }

  private spawn(): Promise<WorkerReady> {
    const config = runtimeConfig();
    // The worker the first Run or preload started from the first-paint code, when its settings still hold.
    const started = adoptEarlyWorker(config) ?? startRuntimeWorker(config, this.nextId++);
    const { worker, initId } = started;
    this.worker = worker;
    this.generation++;
    this.control = started.init.control ? new ControlCells(started.init.control) : null;
    let ready = false;
    const promise = new Promise<WorkerReady>((resolve, reject) =>
      this.starting.set(initId, { resolve, reject }),
    );
    void promise.then(
      (info) => {
        ready = true;
        this.startHeapBytes = info.heapBytes;
      },
      () => undefined,
    );
    started.listen(
      (message) => this.receive(message),
      (event) => {
        if (this.worker !== worker) return;
        // Before it was ready, an error means the worker script itself did not load (offline on a first
        // visit, a missing file, a policy refusing it); later, that the runtime died under a run.
        this.terminate(
          ready
            ? new PyAsyncRunError('runtime-crashed', { reason: event.message || 'worker error' })
            : new PyAsyncRunError('runtime-start-failed', {
                reason: 'its files could not be loaded (offline on a first visit, or missing).',
              }),
        );
      },
    );
    return promise;
  }

  private send(message: ToWorker) {
    this.worker?.postMessage(message);
  }

  /** The init id of the runtime that said `ready` last. */
  private startedId: number | null = null;
  /** The ids the worker may answer now: the start in progress, the run waited on, the start done. */
  private readonly expected: ExpectedIds = {
    starting: (id) => this.starting.has(id),
    running: (id) => this.pending.has(id),
    started: (id) => id === this.startedId,
  };

  /**
   * Acts on a message from the worker, once it is checked (message-check.ts): the worker runs the author's
   * Python, which can post messages of its own, so a message with another id or with fields of other types
   * is dropped and said once.
   */
  private receive(data: unknown) {
    if (!isExpectedMessage(data, this.expected)) {
      this.drop(data);
      return;
    }
    const message = data;
    switch (message.type) {
      case 'ready':
        this.startedId = message.id;
        this.starting.get(message.id)?.resolve(message.ready);
        this.starting.delete(message.id);
        return;
      case 'progress':
        if (this.pending.has(message.id))
          this.pending.get(message.id)!.onProgress?.(message.loaded, message.total);
        else for (const listener of this.progressListeners) listener(message.loaded, message.total);
        return;
      case 'packages':
        this.pending.get(message.id)?.onPackages?.(message.names);
        return;
      case 'output':
        this.pending.get(message.id)?.onOutput(message.stream, message.text);
        return;
      case 'timeline':
        this.pending.get(message.id)?.onTimeline?.(message.events, message.marks);
        return;
      case 'input-request': {
        const run = this.pending.get(message.id)!;
        // One question at a time: a second request before the first is answered is not the worker's (it
        // waits for the answer), and would leave the reader's first answer to no one.
        if (run.asking) {
          this.drop(message);
          return;
        }
        run.asking = true;
        const answer = run.onInput ? run.onInput(message.prompt) : Promise.resolve(null);
        void answer.then((text) => {
          // Only to the run that asked, while it still runs.
          if (this.pending.get(message.id) !== run) return;
          run.asking = false;
          // With stack switching the worker waits for this message; without it, blocked in Atomics.wait,
          // it can only read shared memory.
          this.send({ type: 'input', id: message.id, text });
          this.control?.writeLine(text);
        });
        return;
      }
      case 'result':
        this.pending.get(message.id)?.resolve(message.result);
        this.pending.delete(message.id);
        return;
      case 'failed': {
        const error = PyAsyncRunError.reported(message.code, message.message);
        if (this.starting.has(message.id)) {
          this.starting.get(message.id)!.reject(error);
          this.starting.delete(message.id);
          this.ready = null;
          this.worker?.terminate();
          this.worker = null;
        } else {
          // The runtime failed under a run (a fatal Pyodide error): it cannot be trusted for the next one.
          this.terminate(error);
        }
      }
    }
  }

  /**
   * Drops a message the page does not expect, saying so once per page. A result for the running run that
   * is not a whole result still ends that run, as an error: dropped, it would leave the run waiting forever.
   */
  private drop(data: unknown) {
    if (!droppedSaid) {
      droppedSaid = true;
      console.warn(
        `py-async-run: a message from the Python worker was dropped (type ${claimedType(data)}): its id or its fields are not what the page expects. Later ones are dropped without a word.`,
      );
    }
    const fields = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
    const run = typeof fields.id === 'number' ? this.pending.get(fields.id) : undefined;
    if (fields.type === 'result' && run) {
      this.pending.delete(fields.id as number);
      run.reject(new PyAsyncRunError('result-invalid', {}));
    }
  }
}

/** Whether a dropped message was reported (once per page). */
let droppedSaid = false;

/** `promise`, or a rejection as soon as `signal` aborts (the promise itself goes on for others). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined, reason: () => Error): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason());
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

let shared: RuntimeClient | null = null;

/** The page's one runtime. */
export function pageRuntime(): RuntimeClient {
  shared ??= new RuntimeClient();
  return shared;
}
