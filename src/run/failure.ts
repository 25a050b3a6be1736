import { runResult } from './result.js';
import type { RunResult } from './types.js';

/**
 * The result of a run that failed on our side, not in the program (the runner could not be loaded, the
 * runtime crashed): status `error`, error type `RuntimeFailure`, the output so far kept.
 */
export function failureResult(
  message: string,
  output: { stdout?: string; stderr?: string } = {},
  type?: string,
): RunResult {
  return runResult(
    { kind: 'failed', message, ...(type ? { type } : {}) },
    { output: { stdout: output.stdout ?? '', stderr: output.stderr ?? '' } },
  );
}
