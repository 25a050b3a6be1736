import type { PythonErrorInfo, RuntimeNote } from '../runtime/protocol.js';
import type { Timeline } from '../timeline/model.js';
import { mergeTips } from '../tips/merge.js';
import { runtimeTips, type RunFacts } from '../tips/rules.js';
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
  /** The author's code as written (runtime tips find the lines Python's reports leave out in it). */
  source?: string;
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
  const { source } = record;
  const durationMs = record.durationMs ?? 0;
  const { prepared } = outcome;
  if (outcome.kind === 'stopped') {
    const { timedOut } = outcome;
    return withTimeline({
      status: timedOut ? 'timeout' : 'stopped',
      ...output,
      ...ranAs(prepared, []),
      tips: resultTips(prepared, { error: null, notes: [], stackSwitching, timedOut, source }),
      durationMs,
    });
  }
  const { error, exitCode, notes } = outcome;
  const unread = unreadable(prepared, error);
  // A program Python could not read did nothing: no timeline to draw (it would be empty).
  return (unread ? (result: RunResult) => result : withTimeline)({
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
            ...(error.subExceptions?.length ? { subExceptions: error.subExceptions } : {}),
          },
        }
      : {}),
    ...(unread ? { mode: 'not-run' as const } : ranAs(prepared, notes)),
    tips: resultTips(prepared, { error, notes, stackSwitching, stderr: output.stderr, source }),
    durationMs,
  });
}

/**
 * The code's tips and the run's, merged; without `entry-rewritten`, which the "how this ran" line already
 * tells (from `mode` and `entryPoint`): a reader saw it twice under every program.
 */
function resultTips(prepared: PreparedProgram, facts: Omit<RunFacts, 'codeTips'>) {
  const fromCode = prepared.tips.filter((tip) => tip.id !== 'entry-rewritten');
  return mergeTips(fromCode, runtimeTips({ ...facts, codeTips: prepared.tips }));
}

/**
 * Whether the program never ran because Python could not compile it: a SyntaxError (or its subclasses) with
 * no traceback above it. One that the program raised itself (`compile()`, `ast.parse`) has frames.
 */
function unreadable(prepared: PreparedProgram, error: PythonErrorInfo | null): boolean {
  if (!error || !/^(SyntaxError|IndentationError|TabError)$/.test(error.type)) return false;
  return prepared.syntaxError || !error.traceback.includes('Traceback (most recent call last)');
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
