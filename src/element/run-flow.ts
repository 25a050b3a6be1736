import { REPLACED, runProgram } from '../run/run-program.js';
export { OutputLog } from './output-log.js';
export { renderResult } from './result-view.js';
import type { RunResult } from '../run/types.js';
import type { OutputStream } from '../runtime/protocol.js';
import type { Timeline } from '../timeline/model.js';
import type { Cell } from './cells.js';
import { SETUP_SCRIPT } from './clean-code.js';

/** The element running, with what it asks of a run. */
export interface RunElement extends Cell {
  readonly timeout: number;
  readonly packages: string;
  readonly noPackageDetection: boolean;
  readonly timeline: boolean;
}

/** The element, and what it shows of a run; the flow below decides when. */
export interface RunView {
  readonly element: RunElement;
  /** Python is running (the runtime and the packages are there). */
  showRunning(): void;
  showMessage(message: string): void;
  showDownload(download: { loaded: number; total: number; what: string } | null): void;
  showTimeline(timeline: Timeline): void;
  write(stream: OutputStream, text: string): void;
  askForInput(prompt: string): Promise<string | null>;
}

/**
 * One run of an element's code, from Run to its result: the session's cells above and the setup first
 * (cells.ts), then the code with its packages, progress, input, timeline and time limit. Loaded with the
 * runner on the first Run, so the embed's first paint carries none of it.
 */
export async function runFlow(view: RunView, code: string, controller: AbortController): Promise<RunResult> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The limit counts from when Python starts running, not while the runtime or packages download.
  const startTimer = () => {
    if (view.element.timeout > 0)
      timer = setTimeout(() => controller.abort('timeout'), view.element.timeout * 1000);
  };
  let packages: string | null = null;
  let loading = true;
  const prepare = async () =>
    view.element.session || view.element.querySelector(SETUP_SCRIPT)
      ? (await import('./cells.js')).prepareCell(view.element, controller.signal, {
          status: (message) => view.showMessage(message),
          output: (stream, text) => view.write(stream, text),
          packages: splitList(view.element.packages),
          detectImports: !view.element.noPackageDetection,
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
      const result = await runProgram(code, {
        ...before.hooks,
        signal: controller.signal,
        onProgress: (loaded, total) => {
          if (!loading && !packages) return;
          const what = packages ?? 'Python';
          view.showDownload({ loaded, total, what });
          view.showMessage(`Downloading ${what}… ${megabytes(loaded)} of ${megabytes(total)} MB`);
        },
        onWaiting: () => view.showMessage('Waiting for another program to finish…'),
        onRunning: () => {
          loading = false;
          view.showDownload(null);
          view.showRunning();
          startTimer();
        },
        packages: splitList(view.element.packages),
        detectImports: !view.element.noPackageDetection,
        onPackages: (names) => {
          // The limit counts the program's time, not downloads: paused while packages load.
          clearTimeout(timer);
          view.showDownload(null);
          packages = names.length ? names.join(', ') : null;
          view.showMessage(packages ? `Loading ${packages}…` : 'Running…');
          if (!packages) startTimer();
        },
        onInput: (prompt) => view.askForInput(prompt),
        timeline: view.element.timeline,
        onTimeline: (timeline) => view.showTimeline(timeline),
        onOutput: (stream, text) => view.write(stream, text),
      });
      if (replaced(result)) continue;
      before.finished(result);
      return result;
    }
  } finally {
    clearTimeout(timer);
    view.showDownload(null);
  }
}

/** How often a run prepares its session again after its runtime was replaced. */
const MAX_ATTEMPTS = 3;

/** `"numpy, ./w/pkg.whl  six"` → its items. */
function splitList(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

function megabytes(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}
