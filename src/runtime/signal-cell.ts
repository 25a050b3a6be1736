/**
 * The signal cell Pyodide reads while Python runs (`setInterruptBuffer`), as a stand-in over the page's
 * control cell 0: see `signalCell`.
 */

/** What Pyodide reads and clears a pending signal through (an Int32Array's cell 0, or a stand-in). */
export interface SignalCell {
  0: number;
}

/**
 * A stand-in for Pyodide's signal cell. While Python runs, Pyodide reads the cell every few dozen bytecodes
 * for a pending signal, then clears it; no timer of the worker can fire meanwhile, so each read first calls
 * `onRead` (the worker sends output that has waited its turn). Behind it is cell 0 of `cells()`, where a
 * cross-origin isolated page raises SIGINT (2) to stop a run; without it, no signal ever comes. Pyodide's
 * clear follows its read: a SIGINT stored in between was lost with a plain cell, and the run ended only
 * when the page gave up on it (1 stop in 16 in a test, 5 in 16 once reads went through a stand-in). Here
 * the clear only clears what was read.
 */
export function signalCell(cells: () => Int32Array | null, onRead: () => void): SignalCell {
  let read = 0;
  return {
    get 0() {
      onRead();
      const control = cells();
      read = control ? Atomics.load(control, 0) : 0;
      return read;
    },
    set 0(value: number) {
      const control = cells();
      if (!control) return;
      if (value === 0) Atomics.compareExchange(control, 0, read, 0);
      else Atomics.store(control, 0, value);
    },
  };
}
