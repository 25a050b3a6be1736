import type { RunResult } from './types.js';

/** The error type of a failure on our side: the program may not even have started. */
export const RUNTIME_FAILURE = 'RuntimeFailure';

/**
 * The result of a run that failed on our side, not in the program (the code could not be prepared, the
 * runner could not be loaded, the runtime crashed or was replaced): status `error`, error type
 * `RuntimeFailure` unless told, the output and the timeline so far kept. Its own module, without the tips
 * or the result's other shapes (result.ts): the element's first-paint code shows these failures too.
 */
export function failureResult(
  message: string,
  output: Partial<Pick<RunResult, 'stdout' | 'stderr' | 'outputCut' | 'timeline'>> = {},
  type: string = RUNTIME_FAILURE,
): RunResult {
  const { stdout = '', stderr = '', outputCut, timeline } = output;
  return {
    status: 'error',
    stdout,
    stderr,
    ...(outputCut ? { outputCut } : {}),
    error: { type, message, summary: message, line: null, traceback: '' },
    mode: 'unchanged',
    tips: [],
    durationMs: 0,
    ...(timeline ? { timeline } : {}),
  };
}
