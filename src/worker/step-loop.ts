/**
 * Running one program: its packages loaded, then `Program.step()` called until it is over, with the waits it
 * asks for performed between steps, so the worker stays free to stream output, timers and the page's
 * messages.
 */
import type {
  FromWorker,
  OutputStream,
  RuntimeNote,
  WorkerRun,
  WorkerRunResult,
} from '../runtime/protocol.js';
import { heapBytes, type PyCallable, type Pyodide, type PyProxy } from './pyodide-start.js';
import type { PythonHooks } from './hooks.js';
import type { OutputBuffer } from './output-buffer.js';
import { needsPackages, type PackageLoader } from './packages.js';
import { STEP_OVER, WAIT_FOR_WAKE } from './steps.js';
import { TimelineMarks, timelineEvents } from './timeline-marks.js';
import type { RunTimers } from './worker-sandbox.js';

/** How long (ms) the threads still alive at a run's end get to unwind (each ends where it waits). */
const THREAD_END_MS = 2000;

/** How often (ms) a running program's timeline is sent to the page: often enough to watch it grow. */
const TIMELINE_INTERVAL_MS = 100;

/** What the step loop needs of the started runtime. */
export interface StepLoopDeps {
  py: Pyodide;
  /** The Python package `py_async_run`. */
  runtime: Record<string, PyCallable>;
  /** Steps may suspend (time.sleep, a blocking entry point) through stack switching. */
  stackSwitching: boolean;
  hooks: PythonHooks;
  output: OutputBuffer;
  timers: RunTimers;
  packages: PackageLoader;
  post(message: FromWorker): void;
}

/** Runs programs one at a time, and knows which is running. */
export class StepLoop {
  /** A program is between its start and its end (its callbacks may run; errors in them are its own). */
  running = false;
  /** Output lines of the current run as timeline markers, when the run records a timeline. */
  private marks: TimelineMarks | null = null;

  constructor(private readonly deps: StepLoopDeps) {}

  /** Python wrote `text` to `stream`: the run's output, and its timeline's markers. */
  write(stream: OutputStream, text: string): void {
    this.marks?.write(stream, text);
    this.deps.output.write(stream, text);
  }

  /** Runs program `run` as run `id`, to its end or its stop. */
  async run(run: WorkerRun, id: number): Promise<WorkerRunResult> {
    const { py, runtime, stackSwitching, hooks, output, timers, post } = this.deps;
    // An interrupt meant for a run that already ended must not reach this one.
    hooks.control?.startRun();
    output.startRun();
    const packageNotes = needsPackages(run) ? await this.deps.packages.load(py, run, id) : [];
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
    const program = runtime.Program(run.code, run.source, run.filename, options) as unknown as Record<
      string,
      PyCallable
    > &
      PyProxy;
    options.destroy();
    // The timeline's clock starts with the program, as Python's does (Timeline.t0), so markers line up.
    this.marks = run.timeline ? new TimelineMarks(performance.now()) : null;
    timers.startRun();
    this.running = true;
    let timelineSent = performance.now();
    const sendTimeline = (force: boolean) => {
      if (!run.timeline || (!force && performance.now() - timelineSent < TIMELINE_INTERVAL_MS)) return;
      timelineSent = performance.now();
      const events = timelineEvents(String(program.timeline_events()));
      const newMarks = this.marks?.take() ?? [];
      if (events.length || newMarks.length) post({ type: 'timeline', id, events, marks: newMarks });
    };
    try {
      program.start();
      const step = program.step;
      for (;;) {
        // callPromising lets the program suspend inside a step (time.sleep, a blocking entry point).
        const wait = Number(stackSwitching && step.callPromising ? await step.callPromising() : step());
        output.flush();
        sendTimeline(false);
        if (wait === STEP_OVER) break;
        await hooks.sleep(wait === WAIT_FOR_WAKE ? -1 : wait * 1000);
        if (hooks.interrupted()) {
          // Stopped while waiting in the loop: the interrupt alone would reach it only at its next step.
          const interrupt = program.interrupt;
          if (stackSwitching && interrupt.callPromising) await interrupt.callPromising();
          else interrupt();
          interrupt.destroy();
          break;
        }
      }
      // Daemon threads and those a Stop left: each ends where it waits, on its own stack, before finish().
      if (Number(program.end_threads()) > 0) await hooks.threadsEnded(THREAD_END_MS);
      program.finish();
      const raw = program.result() as PyProxy;
      const { durationMs, ...result } = raw.toJs({ dict_converter: Object.fromEntries }) as {
        error: null;
        exitCode: number;
        notes: RuntimeNote[];
        /** The program's own time (Program.duration_ms), on the timeline's clock. */
        durationMs: number;
      };
      raw.destroy();
      step.destroy();
      output.flush();
      this.marks?.end();
      sendTimeline(true);
      return {
        ...result,
        notes: [...packageNotes, ...result.notes],
        durationMs: Number.isFinite(durationMs) ? durationMs : performance.now() - t0,
        heapBytes: heapBytes(py),
      };
    } finally {
      this.running = false;
      timers.endRun();
      this.marks = null;
      program.destroy();
    }
  }
}
