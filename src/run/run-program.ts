import { PyAsyncRunError } from '../errors.js';
import { pageRuntime } from '../runtime/client.js';
import type { OutputStream, WorkerRunResult } from '../runtime/protocol.js';
import { lineOf } from '../syntax/lines.js';
import { memoizedPrepare } from '../cache/index.js';
import { TimelineBuilder, type Timeline } from '../timeline/model.js';
import { KeptOutput } from './kept-output.js';
import { LARGEST_REWRITTEN, prepareProgram, preparedAsWritten, type PreparedProgram } from './prepare.js';
import { runResult, type RunOutcome, type RunRecord } from './result.js';
import type { RunResult } from './types.js';

/** Where the author's code lives in the Python file system; tracebacks and `__file__` show it. */
export const PROGRAM_FILENAME = '/home/pyodide/main.py';

/** Callbacks of one run. */
export interface RunHooks {
  onOutput?(stream: OutputStream, text: string): void;
  /**
   * The program starts running: the runtime is started (first run of the page) and the runs queued before
   * this one have ended. A time limit counts from here.
   */
  onRunning?(): void;
  /** The program waits for another element's run to end first (the page runs one program at a time). */
  onWaiting?(): void;
  /** The program called input(): resolve with the reader's line, or null for end of input. */
  onInput?(prompt: string): Promise<string | null>;
  /** Aborting it stops the run; its reason, `'timeout'` or anything else, decides the status. */
  signal?: AbortSignal;
  /** Bytes of Python's files downloaded so far, while the runtime starts or packages load. */
  onProgress?(loaded: number, total: number): void;
  /** Packages to load before running: names from Pyodide's lock file, or URLs of wheels. */
  packages?: readonly string[];
  /** Load the lock file's packages the code imports too (default true). */
  detectImports?: boolean;
  /** The run loads these packages before the program starts; an empty list when they are loaded. */
  onPackages?(names: string[]): void;
  /** Share this session's namespace with its earlier runs (notebook cells); see `closeSession`. */
  session?: string;
  /** Forget the session after this run. */
  closeSession?: boolean;
  /** The file name tracebacks show (default `main.py` in Pyodide's home folder). */
  filename?: string;
  /**
   * Run only in this runtime (runtimeEpoch()), where the session's earlier cells or the setup ran: if it was
   * replaced meanwhile, the result is an error of type `RuntimeReplaced` and nothing runs.
   */
  runtimeEpoch?: number;
  /** Record the asyncio tasks' timeline (it costs a little time): the result carries it, and it streams. */
  timeline?: boolean;
  /** The timeline so far, while the program runs (about ten times a second). */
  onTimeline?(timeline: Timeline): void;
}

/*
 * Strategy, the same in every engine: rewrite loop entry points to awaits and drive a real CPython loop
 * (see src/transform and src/worker/python/py_async_run); stack switching only serves entry points the transform cannot
 * reach. Measured with bench/strategy.js (Chromium 156, Pyodide 314.0.7, the 22 shared corpus programs
 * matching CPython's output): bare Pyodide with stack switching 19, without it 1; py-async-run 22 with and
 * 22 without. Bare stack switching also interleaves time.sleep, turns 99.0 into 99, fails asyncio.Runner
 * and returns from run_forever() at once, so it is no default anywhere, and the rewrite works in WebKit.
 */

/**
 * Transforms and runs one program on the page's runtime. Resolves with a RunResult for anything that
 * happens: the program's own errors, a stop, and the runtime failing to start or crashing (status `error`,
 * error type `RuntimeFailure`, the output so far kept).
 */
export async function runProgram(source: string, hooks: RunHooks = {}): Promise<RunResult> {
  const runtime = pageRuntime();
  // The runtime starts while the code is transformed: on a first visit the transform is off the critical path.
  const stopProgress = hooks.onProgress ? runtime.onProgress(hooks.onProgress) : () => undefined;
  const starting = runtime.start().finally(stopProgress);
  starting.catch(() => undefined); // awaited below, where a failed start becomes the result
  const prepared =
    source.length > LARGEST_REWRITTEN
      ? preparedAsWritten(source)
      : await memoizedPrepare(source, { inputAvailable: runtime.inputAvailable() }, prepareProgram).catch(
          (error: unknown) => {
            console.error('py-async-run: the transform failed.', error);
            return null;
          },
        );
  if (!prepared) {
    return runResult({
      kind: 'failed',
      message: 'py-async-run could not prepare this code to run (an error on our side).',
    });
  }
  const stdout = new KeptOutput();
  const stderr = new KeptOutput();
  let t0 = performance.now();
  let stackSwitching = false;
  const timeline = hooks.timeline ? new TimelineBuilder() : null;
  // What the run gathered, whatever its outcome: the output as kept (with how much was cut, see
  // kept-output.ts), the timeline streamed so far, the time since the program started.
  const record = (): RunRecord => {
    const cut = { stdout: stdout.cut, stderr: stderr.cut };
    return {
      output: {
        stdout: stdout.text,
        stderr: stderr.text,
        ...(cut.stdout || cut.stderr ? { outputCut: cut } : {}),
      },
      timeline: timeline?.timeline(),
      durationMs: Math.round(performance.now() - t0),
      stackSwitching,
      source,
    };
  };
  const stopped = (): RunOutcome => ({
    kind: 'stopped',
    prepared,
    timedOut: hooks.signal?.reason === 'timeout',
  });
  let waiting: ReturnType<typeof setTimeout> | undefined;
  let outcome: WorkerRunResult;
  try {
    const ready = await starting;
    stackSwitching = ready.stackSwitching;
    hooks.signal?.throwIfAborted();
    // Its turn comes within a few microtasks when no other run is queued: say "waiting" only after that.
    waiting = setTimeout(() => hooks.onWaiting?.(), 0);
    outcome = await runtime.run(
      {
        code: prepared.code,
        source,
        filename: hooks.filename ?? PROGRAM_FILENAME,
        ...(hooks.session ? { session: hooks.session, closeSession: Boolean(hooks.closeSession) } : {}),
        topLevelAwait: prepared.topLevelAwait,
        editedLines: editedLines(source, prepared),
        timeline: Boolean(timeline),
        // Wheel URLs resolve against the page, as the attribute's other URLs (`src`) do.
        packages: (hooks.packages ?? []).map((name) =>
          /[/:]/.test(name) ? new URL(name, document.baseURI).href : name,
        ),
        detectImports: hooks.detectImports ?? true,
      },
      {
        onOutput: (stream, text) => {
          (stream === 'stdout' ? stdout : stderr).append(text);
          hooks.onOutput?.(stream, text);
        },
        onStart: () => {
          clearTimeout(waiting);
          hooks.onRunning?.();
          t0 = performance.now();
        },
        onInput: hooks.onInput,
        onPackages: hooks.onPackages,
        onProgress: hooks.onProgress,
        onTimeline: (events, marks) => {
          timeline?.apply(events, marks);
          if (timeline) hooks.onTimeline?.(timeline.timeline());
        },
      },
      hooks.signal,
      hooks.runtimeEpoch,
    );
  } catch (error) {
    clearTimeout(waiting);
    if (hooks.signal?.aborted) return runResult(stopped(), record());
    if (error instanceof PyAsyncRunError && error.code === 'runtime-replaced') {
      return runResult({ kind: 'failed', message: error.message, type: REPLACED });
    }
    const message =
      error instanceof PyAsyncRunError
        ? error.message
        : 'The Python runtime failed while running the program.';
    // The output and the timeline streamed so far stay: they show what ran before the runtime failed.
    return runResult({ kind: 'failed', message }, record());
  }
  // Stopped through the interrupt buffer: the program ended with KeyboardInterrupt, as a result.
  if (hooks.signal?.aborted) return runResult(stopped(), record());
  const { error, exitCode, notes } = outcome;
  // The program's own time, as the worker measured it around the program (the timeline's clock starts
  // there too), not the page's, which adds the messages' way there and back.
  const durationMs = Number.isFinite(outcome.durationMs) ? Math.round(outcome.durationMs) : undefined;
  return runResult(
    { kind: 'finished', prepared, error, exitCode, notes },
    { ...record(), ...(durationMs === undefined ? {} : { durationMs }) },
  );
}

function editedLines(source: string, prepared: PreparedProgram): number[] {
  const lines = new Set<number>();
  for (const edit of prepared.edits) lines.add(lineOf(source, edit.from));
  return [...lines];
}

/** The error type of a run that did not start because its runtime was replaced (see `runtimeEpoch`). */
export const REPLACED = 'RuntimeReplaced';

/** The runtime the next run gets (see RuntimeClient.runtimeEpoch): sessions started in another are gone. */
export function runtimeEpoch(): number {
  return pageRuntime().runtimeEpoch;
}
