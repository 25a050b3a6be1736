/**
 * The layout of the memory a cross-origin isolated page shares with its runtime worker (see WorkerInit.control):
 * a few Int32 cells, then room for one line of input. A module of its own, without the `ControlCells` class: the
 * worker's start (first paint) needs only the block's size.
 */

/** Which Int32 cell holds what. */
export const CELL = {
  /** Pyodide's interrupt buffer: the page stores SIGINT there, Python checks it between bytecodes. */
  signal: 0,
  /** What blocking waits (time.sleep without stack switching) sleep on; the page's notify ends them. */
  sleep: 1,
  /** A stop of the current run (see STOP). */
  stop: 2,
  /** The line input() waits for (see INPUT). */
  input: 3,
  /** The line's length in bytes, in the input room. */
  inputLength: 4,
} as const;

/** The values of the stop cell. */
export const STOP = {
  none: 0,
  /** The page asked for a stop. */
  requested: 1,
  /** The worker read the stop message: the program was waiting and stops itself, no SIGINT needed. */
  acknowledged: 2,
} as const;

/** The values of the input cell. */
export const INPUT = { waiting: 0, line: 1, ended: 2 } as const;

/** Pyodide's number for SIGINT, which raises KeyboardInterrupt. */
export const SIGINT = 2;

/** Cells reserved (some spare, for what the worker may need next). */
export const CELL_COUNT = 8;
/** Room for one line of input, in UTF-8; a longer line is cut there. */
export const INPUT_ROOM_BYTES = 64 * 1024;

/** The whole shared block's size in bytes: the cells, then the input room. */
export const CONTROL_BYTES = CELL_COUNT * 4 + INPUT_ROOM_BYTES;
