import type { OutputStream } from '../runtime/protocol.js';
import type { Timeline } from '../timeline/model.js';
import type { Tip } from '../tips/types.js';

/** How a run ended. A Python error is a result like any other, never a rejected promise. */
export type RunStatus = 'ok' | 'error' | 'stopped' | 'timeout';

/**
 * How the program was run: as written, with its loop entry points rewritten to `await`, with blocking
 * entry points paused by WebAssembly stack switching, or not at all (`not-run`: Python could not read it, a
 * SyntaxError before its first line ran).
 */
export type RunMode = 'unchanged' | 'rewritten' | 'stack-switching' | 'not-run';

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
  /** For an exception group (a TaskGroup's), its own exceptions' summaries, e.g. `ValueError: bad`. */
  subExceptions?: string[];
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

/**
 * An element seen as a notebook cell by the run flow: a way to run it and to stop it. The flow keeps which
 * cells ran where by this object, never by looking at the page.
 */
export interface Cell {
  run(): Promise<RunResult>;
  stop(): void;
}

/** The notebook side of a run: its session, its setup preamble and the cells of its session above it. */
export interface CellRequest {
  /** The element running, remembered once its code ran cleanly in the session. */
  readonly cell: Cell;
  /** The session's name; empty for an element of its own (then only its setup shares its namespace). */
  readonly session: string;
  /** The setup preamble, cleaned; null when there is none (or it is blank). */
  readonly setup: string | null;
  /** The cells of the session above this one, in page order: asked for when the run gets to them. */
  above(): readonly Cell[];
}

/**
 * What one Run asks for, as data: the code and the element's settings at the moment of the run. What the
 * run tells back while it goes is in RunListeners.
 */
export interface RunRequest {
  readonly code: string;
  /** Seconds the program may run, counted from when it starts running; 0 for no limit. */
  readonly timeout: number;
  /** Packages to load first: names Pyodide builds, or URLs of wheels. */
  readonly packages: readonly string[];
  /** Load the packages the code imports too. */
  readonly detectImports: boolean;
  /** Record the asyncio tasks' timeline. */
  readonly timeline: boolean;
  /** Null for an element with neither a session nor a setup script: its code runs on its own. */
  readonly cell: CellRequest | null;
}

/** The download the run waits for: bytes so far, of how many, and of what (`Python`, or package names). */
export interface RunDownload {
  loaded: number;
  total: number;
  what: string;
}

/** What a run tells while it goes; the flow decides when, the element what to show. */
export interface RunListeners {
  /** Python is running (the runtime and the packages are there). */
  onRunning(): void;
  /** A sentence on what the run is doing now (downloading, waiting, running the cells above first). */
  onMessage(message: string): void;
  /** The download in progress, or null once there is none. */
  onDownload(download: RunDownload | null): void;
  onTimeline(timeline: Timeline): void;
  onOutput(stream: OutputStream, text: string): void;
  /** The program called input(): resolve with the reader's line, or null for end of input. */
  onInput(prompt: string): Promise<string | null>;
}
