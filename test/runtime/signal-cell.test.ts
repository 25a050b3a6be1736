import { expect } from '@open-wc/testing';
import { signalCell } from '../../src/runtime/signal-cell.js';

/** What Pyodide does with its signal cell while Python runs: read it, then clear it. */
function pyodideReads(cell: { 0: number }, between: () => void = () => undefined): number {
  const signal = cell[0];
  between();
  cell[0] = 0;
  return signal;
}

describe('the signal cell', () => {
  it("hands Python the page's SIGINT once, and calls onRead at every read", () => {
    const control = new Int32Array(8);
    let reads = 0;
    const cell = signalCell(
      () => control,
      () => reads++,
    );
    expect(pyodideReads(cell)).to.equal(0);
    Atomics.store(control, 0, 2);
    expect(pyodideReads(cell)).to.equal(2);
    expect(pyodideReads(cell)).to.equal(0);
    expect(reads).to.equal(3);
  });

  it('keeps a SIGINT the page raised between the read and the clear, for the next read', () => {
    const control = new Int32Array(8);
    const cell = signalCell(
      () => control,
      () => undefined,
    );
    expect(pyodideReads(cell, () => Atomics.store(control, 0, 2))).to.equal(0);
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
