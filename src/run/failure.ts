import type { RunResult } from './types.js';

/**
 * The result of a run that failed on our side, not in the program (the runner could not be loaded, the
 * runtime crashed): status `error`, error type `RuntimeFailure`, the output so far kept.
 */
export function failureResult(
  message: string,
  output: { stdout?: string; stderr?: string } = {},
  type = 'RuntimeFailure',
): RunResult {
  return {
    status: 'error',
    stdout: output.stdout ?? '',
    stderr: output.stderr ?? '',
    error: { type, message, summary: message, line: null, traceback: '' },
    mode: 'unchanged',
    tips: [],
    durationMs: 0,
  };
}
