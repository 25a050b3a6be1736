import type { RunHooks } from './run-program.js';
import type { RunResult } from './types.js';

type Runner = typeof import('./run-program.js');
let runner: Promise<Runner> | null = null;

/**
 * The runner (transform, tips, memo, runtime client), loaded with the first Run or preload: the embed shows
 * code at first paint without the Python parser and the rest, and the reader who never clicks Run never
 * fetches them. A failed load (offline on a first visit) is forgotten, so the next Run tries again.
 */
function loadRunner(): Promise<Runner> {
  runner ??= import('./run-program.js').catch((error: unknown) => {
    runner = null;
    throw error;
  });
  return runner;
}

/** `runProgram`, loaded on first use; resolves with a `RuntimeFailure` result when it cannot be loaded. */
export async function runProgramLazily(source: string, hooks: RunHooks): Promise<RunResult> {
  let loaded: Runner;
  try {
    loaded = await loadRunner();
  } catch {
    const message =
      'Python could not start: its runner could not be loaded (offline on a first visit, or its files are missing).';
    return {
      status: 'error',
      stdout: '',
      stderr: '',
      error: { type: 'RuntimeFailure', message, summary: message, line: null, traceback: '' },
      mode: 'unchanged',
      tips: [],
      durationMs: 0,
    };
  }
  return loaded.runProgram(source, hooks);
}

/** Starts loading the runner and the page's runtime ahead of a run (`preload`); failures show on Run. */
export function preloadRunner(): Promise<void> {
  return loadRunner().then(
    (loaded) => loaded.preloadRuntime(),
    () => undefined,
  );
}

/** The runtime the next run gets (`RuntimeClient.runtimeEpoch`), loading the runner if needed. */
export async function runtimeEpoch(): Promise<number> {
  return (await loadRunner()).runtimeEpoch();
}
