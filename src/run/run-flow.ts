import { REPLACED, runProgram } from './run-program.js';
import type { RunListeners, RunRequest, RunResult } from './types.js';

/**
 * One Run, from the click to its result: the session's cells above and the setup first (cells.ts), then the
 * code with its packages, progress, input, timeline and time limit. Loaded with the runner on the first Run
 * (lazy.ts), so the embed's first paint carries none of it. Aborting `controller` stops the run; the time
 * limit aborts it with the reason `'timeout'`.
 */
export async function runFlow(
  request: RunRequest,
  listeners: RunListeners,
  controller: AbortController,
): Promise<RunResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The limit counts from when Python starts running, not while the runtime or packages download.
  const startTimer = () => {
    if (request.timeout > 0) timer = setTimeout(() => controller.abort('timeout'), request.timeout * 1000);
  };
  let packages: string | null = null;
  let loading = true;
  const cell = request.cell;
  const prepare = async () =>
    cell
      ? (await import('./cells.js')).prepareCell(cell, controller.signal, {
          status: (message) => listeners.onMessage(message),
          output: (stream, text) => listeners.onOutput(stream, text),
          packages: request.packages,
          detectImports: request.detectImports,
        })
      : { hooks: {}, finished: () => undefined };
  try {
    // A session's cells and a setup ran in one runtime; if another element's Stop replaced it before this
    // run's turn came, they run again in the new one first (a few times at most: each Stop can do it).
    for (let attempt = 1; ; attempt++) {
      const before = await prepare();
      const replaced = (result: RunResult) => result.error?.type === REPLACED && attempt < MAX_ATTEMPTS;
      if ('blocked' in before) {
        if (replaced(before.blocked)) continue;
        return before.blocked;
      }
      const result = await runProgram(request.code, {
        ...before.hooks,
        signal: controller.signal,
        onProgress: (loaded, total) => {
          if (!loading && !packages) return;
          // Nothing counted yet (a runtime started anew after a Stop, from the cache): no "0.0 of 0.0 MB".
          if (total <= 0) return;
          if (!packages && loaded >= total) {
            // Downloaded: the seconds left are Python starting, which a full bar would not say.
            listeners.onDownload(null);
            listeners.onMessage('Starting Python…');
            return;
          }
          const what = packages ?? 'Python';
          listeners.onDownload({ loaded, total, what });
          listeners.onMessage(`Downloading ${what}… ${megabytes(loaded)} of ${megabytes(total)} MB`);
        },
        onWaiting: () => listeners.onMessage('Waiting for another program to finish…'),
        onRunning: () => {
          loading = false;
          listeners.onDownload(null);
          listeners.onRunning();
          startTimer();
        },
        packages: request.packages,
        detectImports: request.detectImports,
        onPackages: (names) => {
          // The limit counts the program's time, not downloads: paused while packages load.
          clearTimeout(timer);
          listeners.onDownload(null);
          packages = names.length ? names.join(', ') : null;
          listeners.onMessage(packages ? `Loading ${packages}…` : 'Running…');
          if (!packages) startTimer();
        },
        onInput: (prompt) => listeners.onInput(prompt),
        timeline: request.timeline,
        onTimeline: (timeline) => listeners.onTimeline(timeline),
        onOutput: (stream, text) => listeners.onOutput(stream, text),
      });
      if (replaced(result)) continue;
      before.finished(result);
      return result;
    }
  } finally {
    clearTimeout(timer);
    listeners.onDownload(null);
  }
}

/** How often a run prepares its session again after its runtime was replaced. */
const MAX_ATTEMPTS = 3;

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
