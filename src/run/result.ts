import type { PythonErrorInfo, RuntimeNote } from '../runtime/protocol.js';
import type { Timeline } from '../timeline/model.js';
import { mergeTips } from '../tips/merge.js';
import { runtimeTips } from '../tips/rules.js';
import { failureResult } from './failure.js';
import type { PreparedProgram } from './prepare.js';
import type { RunResult } from './types.js';

/**
 * How one run ended, before it is a RunResult. `failed` is a failure on our side, not in the program: the
 * code could not be prepared, the runner could not be loaded, the runtime crashed or was replaced.
 */
export type RunOutcome =
  | {
      kind: 'finished';
      prepared: PreparedProgram;
      error: PythonErrorInfo | null;
      exitCode: number;
      notes: readonly RuntimeNote[];
    }
  | { kind: 'stopped'; prepared: PreparedProgram; timedOut: boolean }
  | { kind: 'failed'; message: string; type?: string };

/** What a run gathered on its way to its outcome, kept whatever the outcome; a run that failed early has none. */
export interface RunRecord {
  /** The output as the result keeps it (see kept-output.ts). */
  output?: Pick<RunResult, 'stdout' | 'stderr' | 'outputCut'>;
  timeline?: Timeline;
  durationMs?: number;
  /** The runtime had stack switching (runtime tips depend on it). */
  stackSwitching?: boolean;
}

/**
 * The one place a RunResult is made: a Python error, a stop, a timeout and a failure on our side all end
 * here, so every result has the same shape, with the output and the timeline gathered so far.
 */
export function runResult(outcome: RunOutcome, record: RunRecord = {}): RunResult {
  const { timeline } = record;
  const output = { stdout: '', stderr: '', ...record.output };
  const withTimeline = (result: RunResult): RunResult => (timeline ? { ...result, timeline } : result);
  if (outcome.kind === 'failed') {
    return failureResult(outcome.message, { ...record.output, timeline }, outcome.type);
  }
  const stackSwitching = record.stackSwitching ?? false;
  const durationMs = record.durationMs ?? 0;
  const { prepared } = outcome;
  if (outcome.kind === 'stopped') {
    const { timedOut } = outcome;
    return withTimeline({
      status: timedOut ? 'timeout' : 'stopped',
      ...output,
      ...ranAs(prepared, []),
      tips: mergeTips(prepared.tips, runtimeTips({ error: null, notes: [], stackSwitching, timedOut })),
      durationMs,
    });
  }
  const { error, exitCode, notes } = outcome;
  return withTimeline({
    status: error || exitCode !== 0 ? 'error' : 'ok',
    ...output,
    ...(error
      ? {
          error: {
            type: error.type,
            message: error.message,
            summary: error.summary,
            line: error.line,
            traceback: error.traceback,
          },
        }
      : {}),
    ...ranAs(prepared, notes),
    tips: mergeTips(prepared.tips, runtimeTips({ error, notes, stackSwitching, stderr: output.stderr })),
    durationMs,
  });
}

/**
 * How the program ran, as data: its mode, and for a rewritten program the first entry point rewritten, as
 * written (what the element's "how this ran" line names).
 */
function ranAs(
  prepared: PreparedProgram,
  notes: readonly RuntimeNote[],
): Pick<RunResult, 'mode' | 'entryPoint'> {
  if (notes.some((note) => note.kind === 'blocking-entry' && note.how === 'stack-switching')) {
    return { mode: 'stack-switching' };
  }
  if (prepared.edits.length === 0) return { mode: 'unchanged' };
  const rewritten = prepared.rewrites.find((fact) => fact.kind === 'entry-rewritten');
  return { mode: 'rewritten', ...(rewritten ? { entryPoint: rewritten.written } : {}) };
}
