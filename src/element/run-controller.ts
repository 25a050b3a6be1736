import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { failureResult } from '../run/failure.js';
import { loadRunFlow, runnerUnavailable } from '../run/lazy.js';
import type { OutputDetail, RunDownload, RunListeners, RunResult } from '../run/types.js';
import type { OutputStream } from '../runtime/protocol.js';
import type { Timeline } from '../timeline/model.js';
import type { Tip } from '../tips/types.js';
import type { OutputLog } from './output-log.js';
import type { RequestHost } from './run-request.js';

type RunView = typeof import('./run-view.js');

/** What the element is doing, as its `status` attribute reflects it (Lit's `TaskStatus` is the model). */
export const RUN_STATUS = {
  idle: 'idle',
  loading: 'loading',
  running: 'running',
  done: 'done',
  stopped: 'stopped',
  error: 'error',
} as const;

/** What the element is doing; reflected as the `status` attribute so CSS can style it. */
export type ElementStatus = (typeof RUN_STATUS)[keyof typeof RUN_STATUS];

/** Errors of ours that the next Run may not meet again (the runtime, the `src` file): its button says Retry. */
const RETRIED = new Set(['RuntimeFailure', 'SourceUnavailable']);

/** What the controller needs from its element. */
export interface RunHost extends ReactiveControllerHost, RequestHost {
  status: ElementStatus;
  readonly maxOutputChars: number;
  readonly maxOutputLines: number;
}

/** The code one run runs, and the tips about it that come first in its result (a CMS's repairs). */
export interface RunCode {
  code: string;
  tips: Tip[];
}

/** The element's side of a run: where its code comes from, and its input prompt. */
export interface RunSteps {
  /** Waits for code still on its way (`src`): a sentence saying why there is none, or null. */
  sourceUnavailable(): Promise<string | null>;
  code(): Promise<RunCode>;
  ask(prompt: string): Promise<string | null>;
  /** The run ended: an open input prompt is answered with end of input. */
  endInput(): void;
}

/**
 * The run lifecycle of the element: one run at a time with an explicit status, its output, progress, timeline
 * and result. The run flow and the views of a run (run-view.ts) load with the first Run. Stop aborts the run,
 * which still resolves with a result; a second Run while one goes returns that run.
 */
export class RunController implements ReactiveController {
  /** The status line's text. */
  message = '';
  result: RunResult | null = null;
  /** The output shown of the current run. */
  output: OutputLog | null = null;
  download: RunDownload | null = null;
  timeline: Timeline | null = null;
  /** Controlled by our service worker means it activated, which it does only once everything is cached. */
  offlineReady = false;
  /** The views of a run's result, there once the run flow loaded. */
  view: RunView | null = null;
  private active: Promise<RunResult> | null = null;
  private abort: AbortController | null = null;
  private frame = 0;

  constructor(
    private readonly host: RunHost,
    private readonly steps: RunSteps,
  ) {
    host.addController(this);
  }

  /** A run is loading or running: Run is disabled, Stop shown, the output `aria-busy`. */
  get busy(): boolean {
    return this.host.status === RUN_STATUS.loading || this.host.status === RUN_STATUS.running;
  }

  /** The last run failed on our side in a way the next may not: Run says Retry. */
  get retry(): boolean {
    return RETRIED.has(this.result?.error?.type ?? '');
  }

  /** Runs the program (see the element's `run()`): a call while a run goes returns that run. */
  run(): Promise<RunResult> {
    this.active ??= this.runOnce().finally(() => {
      this.active = null;
    });
    return this.active;
  }

  /** Stops the current run, if any; it resolves with status `stopped` and the output so far. */
  stop(): void {
    this.abort?.abort('stopped');
  }

  /** The code's `src` loaded or failed: says so, unless a run is going, whose end says it. */
  sourceSettled(error: string | null): void {
    if (this.active) return;
    this.host.status = error ? RUN_STATUS.error : RUN_STATUS.idle;
    this.show('message', error ?? '');
  }

  /** A sentence for the status line, from outside a run (copying failed). */
  say(message: string): void {
    this.show('message', message);
  }

  /** Output (or the echo of a line typed for input) for the log. */
  append(stream: OutputStream | 'stdin', text: string): void {
    this.output?.append(stream, text);
    // A flood of output must not render once per message: one render per animation frame at most.
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.host.requestUpdate();
    });
  }

  /** A run of an element that left the page would only burn the shared runtime. */
  hostDisconnected(): void {
    this.stop();
  }

  private async runOnce(): Promise<RunResult> {
    this.output = null;
    this.show('result', null);
    this.show('timeline', null);
    this.host.status = RUN_STATUS.loading;
    this.show('message', 'Loading Python…');
    this.dispatch('py-run-start', {});
    const loading = loadRunner(); // starts the runtime on a first run: before anything is awaited
    const unavailable = await this.steps.sourceUnavailable();
    if (unavailable !== null) return this.sourceUnavailable(unavailable);
    const abort = new AbortController();
    this.abort = abort;
    let result: RunResult;
    try {
      // Code a CMS altered runs repaired; the module that repairs it may still be loading (autorun).
      const { code, tips } = await this.steps.code();
      const [flow, view] = await loading;
      if (flow && view) {
        this.show('view', view);
        this.output = new view.OutputLog({
          maxChars: this.host.maxOutputChars,
          maxLines: this.host.maxOutputLines,
        });
      }
      result =
        flow && view
          ? await flow.runFlow(view.runRequest(this.host, code), this.listeners(), abort)
          : runnerUnavailable();
      // What a CMS had changed in the code (and was repaired) explains the rest of the run: its tip first.
      if (tips.length) result = { ...result, tips: [...tips, ...result.tips] };
    } catch (error) {
      // A part of ours failed (a chunk that could not load offline, say): a result, never a stuck element.
      console.error('py-async-run: the run failed on our side.', error);
      result = failureResult('The run failed on our side: reload the page to try again.');
    } finally {
      this.abort = null;
      this.steps.endInput();
    }
    this.output?.end();
    this.show('result', result);
    this.show('timeline', result.timeline ?? null);
    this.show('offlineReady', Boolean(globalThis.navigator?.serviceWorker?.controller));
    this.host.status =
      result.status === 'ok'
        ? RUN_STATUS.done
        : result.status === 'error'
          ? RUN_STATUS.error
          : RUN_STATUS.stopped;
    this.show('message', statusMessage(result));
    this.dispatch('py-run-end', { result });
    return result;
  }

  /** The run of an element whose `src` gave no program: an error result saying why, nothing run. */
  private sourceUnavailable(message: string): RunResult {
    const result = failureResult(message, {}, 'SourceUnavailable');
    this.show('result', result);
    this.host.status = RUN_STATUS.error;
    this.show('message', message);
    this.dispatch('py-run-end', { result });
    return result;
  }

  /** What the run tells the element while it goes. */
  private listeners(): RunListeners {
    return {
      onRunning: () => {
        this.host.status = RUN_STATUS.running;
        this.show('message', 'Running…');
        // The timeline is there from the run's start, not from its first event: a program that prints or
        // finishes its first task late still shows that it runs.
        if (this.host.timeline && !this.timeline) this.show('timeline', STARTED_TIMELINE);
      },
      onMessage: (message) => this.show('message', message),
      onDownload: (download) => this.show('download', download),
      onTimeline: (timeline) => this.show('timeline', timeline),
      onOutput: (stream, text) => {
        this.append(stream, text);
        this.dispatch('py-output', { stream, text } satisfies OutputDetail);
      },
      onInput: (prompt) => this.steps.ask(prompt),
    };
  }

  /** Sets what the element shows, rendering again only when it changed (as a Lit `@state` would). */
  private show<K extends 'message' | 'result' | 'download' | 'timeline' | 'offlineReady' | 'view'>(
    key: K,
    value: this[K],
  ): void {
    if (Object.is(this[key], value)) return;
    this[key] = value;
    this.host.requestUpdate();
  }

  private dispatch(type: string, detail: object) {
    this.host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

/** The timeline of a run that just started: nothing yet, still running. */
const STARTED_TIMELINE: Timeline = { tasks: [], marks: [], end: 0, finished: false, dropped: 0 };

/** The run flow and the views of its result, each null when it could not be loaded. */
function loadRunner() {
  return Promise.all([loadRunFlow(), import('./run-view.js').catch(() => null)]);
}

function statusMessage(result: RunResult): string {
  const time = `${Math.round(result.durationMs)} ms`;
  if (result.status === 'ok') return `Done in ${time}`;
  if (result.status === 'stopped') return `Stopped after ${time}`;
  if (result.status === 'timeout') return `Timed out after ${time}`;
  const where = result.error?.line ? ` (line ${result.error.line})` : '';
  return `Error${where}: ${errorCause(result.error)}`;
}

/**
 * What failed, in one line: CPython's summary, and for an exception group (a TaskGroup's) the errors inside
 * it, which its own summary only counts ("unhandled errors in a TaskGroup (1 sub-exception)").
 */
function errorCause(error: RunResult['error']): string {
  if (!error) return 'the program failed';
  const subs = error.subExceptions ?? [];
  if (subs.length === 0) return error.summary;
  const MOST_NAMED = 3;
  const named = subs.slice(0, MOST_NAMED).join('; ');
  const more = subs.length > MOST_NAMED ? `; ${subs.length - MOST_NAMED} more` : '';
  return `${error.summary}: ${named}${more}`;
}
