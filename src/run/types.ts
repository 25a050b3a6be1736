import type { OutputStream } from '../runtime/protocol.js';
import type { Timeline } from '../timeline/model.js';
import type { Tip } from '../tips/types.js';

/** How a run ended. A Python error is a result like any other, never a rejected promise. */
export type RunStatus = 'ok' | 'error' | 'stopped' | 'timeout';

/**
 * How the program was run: as written, with its loop entry points rewritten to `await`, or with blocking
 * entry points paused by WebAssembly stack switching.
 */
export type RunMode = 'unchanged' | 'rewritten' | 'stack-switching';

/** An uncaught Python exception as CPython reports it. */
export interface RunError {
  type: string;
  message: string;
  /** The final line of CPython's traceback, e.g. `ValueError: boom`. */
  summary: string;
  /** 1-based line in the author's code of the innermost frame there. */
  line: number | null;
  /** The traceback, without the runtime's own frames. */
  traceback: string;
}

/** Everything a run produced. */
export interface RunResult {
  status: RunStatus;
  stdout: string;
  stderr: string;
  error?: RunError;
  mode: RunMode;
  /**
   * For mode `rewritten`: the first loop entry point that was rewritten, as written with its white space
   * folded (`asyncio.run(main())`); what the element's "how this ran" line names.
   */
  entryPoint?: string;
  tips: Tip[];
  durationMs: number;
  /**
   * Set when the output was longer than a result keeps (the first and the last million characters of each
   * stream, see KEPT_CHARS): how many characters of each stream were cut from the middle, where `stdout` or
   * `stderr` says so in a line of its own. `py-output` listeners still received everything.
   */
  outputCut?: { stdout: number; stderr: number };
  /** The asyncio tasks' timeline, when the run recorded one (the element's `timeline` attribute). */
  timeline?: Timeline;
}

/** Detail of `py-output`. */
export interface OutputDetail {
  stream: OutputStream;
  text: string;
}
