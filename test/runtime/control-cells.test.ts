import { expect } from '@open-wc/testing';
import {
  CELL,
  CONTROL_BYTES,
  ControlCells,
  INPUT,
  SIGINT,
  STOP,
  signalCell,
} from '../../src/runtime/control-cells.js';

/** Cells over plain memory: Atomics load, store and notify work on it as on shared memory. */
const newCells = () => new ControlCells(new ArrayBuffer(CONTROL_BYTES));

/** What Pyodide does with its signal cell while Python runs: read it, then clear it. */
function pyodideReads(cell: { 0: number }, between: () => void = () => undefined): number {
  const signal = cell[0];
  between();
  cell[0] = 0;
  return signal;
}

describe('the signal cell', () => {
  it("hands Python the page's SIGINT once, and calls onRead at every read", () => {
    const control = newCells();
    let reads = 0;
    const cell = signalCell(
      () => control,
      () => reads++,
    );
    expect(pyodideReads(cell)).to.equal(0);
    control.raiseSigint();
    expect(pyodideReads(cell)).to.equal(2);
    expect(pyodideReads(cell)).to.equal(0);
    expect(reads).to.equal(3);
  });

  it('keeps a SIGINT the page raised between the read and the clear, for the next read', () => {
    const control = newCells();
    const cell = signalCell(
      () => control,
      () => undefined,
    );
    expect(pyodideReads(cell, () => control.raiseSigint())).to.equal(0);
    expect(pyodideReads(cell)).to.equal(2);
  });

  it('never signals without the control cells (a page that is not cross-origin isolated)', () => {
    const cell = signalCell(
      () => null,
      () => undefined,
    );
    cell[0] = 2;
    expect(pyodideReads(cell)).to.equal(0);
  });
});

describe('the control cells', () => {
  it('fit the shared block: the cells, then the room for one line of input', () => {
    const control = newCells();
    expect(control.cells.length).to.equal(8);
    expect(Math.max(...Object.values(CELL))).to.be.below(control.cells.length);
    expect(new Set(Object.values(CELL)).size).to.equal(Object.keys(CELL).length);
    expect(CONTROL_BYTES).to.equal(8 * 4 + 64 * 1024);
    expect(SIGINT).to.equal(2); // Pyodide's number for it: KeyboardInterrupt
  });

  it('carry a stop from the page to the worker, and its acknowledgement back', () => {
    const control = newCells();
    expect(control.stopRequested()).to.equal(false);
    control.requestStop();
    expect(control.stopRequested()).to.equal(true);
    expect(control.stopUnread(), 'the worker has not read the stop message').to.equal(true);
    control.acknowledgeStop();
    expect(control.stopUnread()).to.equal(false);
    expect(control.stopRequested(), 'still stopping').to.equal(true);
    expect(Atomics.load(control.cells, CELL.stop)).to.equal(STOP.acknowledged);
  });

  it('acknowledge only a stop that was requested', () => {
    const control = newCells();
    control.acknowledgeStop();
    expect(control.stopRequested()).to.equal(false);
  });

  it('forget the signal and the stop of a run that ended when the next one starts', () => {
    const control = newCells();
    control.requestStop();
    control.raiseSigint();
    control.startRun();
    expect(control.stopRequested()).to.equal(false);
    expect(Atomics.load(control.cells, CELL.signal)).to.equal(0);
  });

  it('hand a line of input from the page to a blocked worker, whole and in UTF-8', () => {
    const control = newCells();
    control.expectLine();
    control.writeLine('héllo, 世界 🐍');
    expect(Atomics.load(control.cells, CELL.input)).to.equal(INPUT.line);
    expect(control.waitForLine(() => false)).to.equal('héllo, 世界 🐍');
  });

  it('say end of input as undefined', () => {
    const control = newCells();
    control.expectLine();
    control.writeLine(null);
    expect(control.waitForLine(() => false)).to.equal(undefined);
  });

  it('give up waiting for a line when the run is stopped', () => {
    const control = newCells();
    control.expectLine();
    expect(control.waitForLine(() => true)).to.equal(undefined);
  });

  it('cut a line longer than the room at the room', () => {
    const control = newCells();
    control.expectLine();
    control.writeLine('x'.repeat(70 * 1024));
    expect(control.waitForLine(() => false)).to.equal('x'.repeat(64 * 1024));
  });
});
