/**
 * The memory a cross-origin isolated page shares with its runtime worker (see WorkerInit.control): a few Int32
 * cells, then room for one line of input. Both sides read it through `ControlCells`, so its layout is written
 * down in control-layout.ts only.
 */

import { CELL, CELL_COUNT, INPUT, SIGINT, STOP } from './control-layout.js';

export { CELL, CONTROL_BYTES, INPUT, SIGINT, STOP } from './control-layout.js';

/**
 * The control cells, over a SharedArrayBuffer of `CONTROL_BYTES` (any buffer in tests: Atomics work on plain
 * memory too, without waits across threads). The page stops runs and answers input(); the worker waits, reads
 * and acknowledges.
 */
export class ControlCells {
  readonly cells: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer | ArrayBuffer) {
    this.cells = new Int32Array(buffer, 0, CELL_COUNT);
  }

  // The page's side.

  /** Asks for a stop, and ends a blocking wait or a blocking input() so the program sees it. */
  requestStop(): void {
    Atomics.store(this.cells, CELL.stop, STOP.requested);
    Atomics.notify(this.cells, CELL.sleep);
    Atomics.notify(this.cells, CELL.input);
  }

  /** Whether the stop is still unread by the worker: Python is computing, and only SIGINT reaches it. */
  stopUnread(): boolean {
    return Atomics.load(this.cells, CELL.stop) === STOP.requested;
  }

  /** Raises KeyboardInterrupt in Python at its next check of the signal cell. */
  raiseSigint(): void {
    Atomics.store(this.cells, CELL.signal, SIGINT);
  }

  /** Puts a line (or end of input, null) where a worker blocked in input() reads it, and wakes it. */
  writeLine(text: string | null): void {
    const bytes = new TextEncoder().encode(text ?? '');
    const room = this.inputRoom();
    const length = Math.min(bytes.length, room.length);
    room.set(bytes.subarray(0, length));
    Atomics.store(this.cells, CELL.inputLength, length);
    Atomics.store(this.cells, CELL.input, text === null ? INPUT.ended : INPUT.line);
    Atomics.notify(this.cells, CELL.input);
  }

  // The worker's side.

  /** A new run starts: a signal or a stop meant for a run that already ended must not reach it. */
  startRun(): void {
    Atomics.store(this.cells, CELL.signal, 0);
    Atomics.store(this.cells, CELL.stop, STOP.none);
  }

  /** Whether the page asked to stop the current run. */
  stopRequested(): boolean {
    return Atomics.load(this.cells, CELL.stop) !== STOP.none;
  }

  /** Says the stop message was read (requested -> acknowledged), so the page raises no SIGINT. */
  acknowledgeStop(): void {
    Atomics.compareExchange(this.cells, CELL.stop, STOP.requested, STOP.acknowledged);
  }

  /** Blocks the worker for `ms`, or until the page asks for a stop. */
  sleep(ms: number): void {
    Atomics.wait(this.cells, CELL.sleep, 0, ms);
  }

  /** Marks that a line is awaited; then ask the page for it and `waitForLine`. */
  expectLine(): void {
    Atomics.store(this.cells, CELL.input, INPUT.waiting);
  }

  /**
   * Blocks until the page wrote a line (see writeLine) and returns it; undefined at end of input, or when
   * `stopped()` says the run was stopped meanwhile (checked every second).
   */
  waitForLine(stopped: () => boolean): string | undefined {
    while (Atomics.load(this.cells, CELL.input) === INPUT.waiting && !stopped())
      Atomics.wait(this.cells, CELL.input, INPUT.waiting, 1000);
    if (Atomics.load(this.cells, CELL.input) !== INPUT.line) return undefined;
    const length = Atomics.load(this.cells, CELL.inputLength);
    // TextDecoder refuses views of shared memory: copy the bytes out first.
    return new TextDecoder().decode(this.inputRoom().subarray(0, length).slice());
  }

  private inputRoom(): Uint8Array {
    return new Uint8Array(this.buffer, CELL_COUNT * 4);
  }
}

/** What Pyodide reads and clears a pending signal through (an Int32Array's cell 0, or a stand-in). */
export interface SignalCell {
  0: number;
}

/**
 * A stand-in for Pyodide's signal cell. While Python runs, Pyodide reads the cell every few dozen bytecodes
 * for a pending signal, then clears it; no timer of the worker can fire meanwhile, so each read first calls
 * `onRead` (the worker sends output that has waited its turn). Behind it is the signal cell of `control()`,
 * where a cross-origin isolated page raises SIGINT to stop a run; without it, no signal ever comes.
 * Pyodide's clear follows its read: a SIGINT stored in between was lost with a plain cell, and the run ended
 * only when the page gave up on it (1 stop in 16 in a test, 5 in 16 once reads went through a stand-in).
 * Here the clear only clears what was read.
 */
export function signalCell(control: () => ControlCells | null, onRead: () => void): SignalCell {
  let read = 0;
  return {
    get 0() {
      onRead();
      const cells = control()?.cells;
      read = cells ? Atomics.load(cells, CELL.signal) : 0;
      return read;
    },
    set 0(value: number) {
      const cells = control()?.cells;
      if (!cells) return;
      if (value === 0) Atomics.compareExchange(cells, CELL.signal, read, 0);
      else Atomics.store(cells, CELL.signal, value);
    },
  };
}
