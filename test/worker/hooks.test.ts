import { expect } from '@open-wc/testing';
import { CONTROL_BYTES, ControlCells, STOP, CELL } from '../../src/runtime/control-cells.js';
import type { FromWorker } from '../../src/runtime/protocol.js';
import { PythonHooks } from '../../src/worker/hooks.js';
import { HttpFetcher } from '../../src/worker/http-fetch.js';
import { OutputBuffer } from '../../src/worker/output-buffer.js';

/** Hooks for run 7, with what they post and what output they sent, over the page's cells or none. */
function makeHooks({
  control = null as ControlCells | null,
  onPost = (() => undefined) as (message: FromWorker) => void,
} = {}) {
  const posted: FromWorker[] = [];
  const sent: string[] = [];
  const output = new OutputBuffer((_stream, text) => sent.push(text));
  const hooks = new PythonHooks({
    output,
    post: (message) => {
      posted.push(message);
      onPost(message);
    },
    runId: () => 7,
    timers: { setTimeout: (f, ms) => window.setTimeout(f, ms), clearTimeout: (id) => clearTimeout(id) },
    http: new HttpFetcher(self as unknown as WorkerGlobalScope),
  });
  hooks.control = control;
  return { hooks, table: hooks.forPython(), posted, sent, output };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 20));
  return done;
};

describe('the hooks handed to Python', () => {
  it('sleep for a time, or until woken when the time is negative', async () => {
    const { table } = makeHooks();
    const t0 = performance.now();
    await table.sleep(30);
    expect(performance.now() - t0).to.be.at.least(29);
    const forever = table.sleep(-1);
    expect(await settled(forever), 'no time ends it').to.equal(false);
    table.wake();
    expect(await settled(forever)).to.equal(true);
  });

  it('ask the page for a line, and take the answer of the run that asked, once', async () => {
    const { hooks, table, posted } = makeHooks();
    const line = table.readLine('name? ');
    expect(posted).to.deep.equal([{ type: 'input-request', id: 7, prompt: 'name? ' }]);
    hooks.answer(6, 'not mine');
    expect(await settled(line)).to.equal(false);
    hooks.answer(7, 'Ada');
    expect(await line).to.equal('Ada');
    hooks.answer(7, 'again'); // nobody waits: dropped
    const ended = table.readLine('more? ');
    hooks.answer(7, null);
    expect(await ended, 'end of input is undefined, which Python sees as None').to.equal(undefined);
  });

  it('on a stop, wake the wait and end the input, acknowledging it in the cells', async () => {
    const control = new ControlCells(new ArrayBuffer(CONTROL_BYTES));
    const { hooks, table } = makeHooks({ control });
    const waiting = table.sleep(-1);
    const line = table.readLine('? ');
    expect(table.interrupted()).to.equal(false);
    control.requestStop();
    expect(table.interrupted()).to.equal(true);
    hooks.stop();
    expect(await settled(waiting)).to.equal(true);
    expect(await line).to.equal(undefined);
    expect(Atomics.load(control.cells, CELL.stop)).to.equal(STOP.acknowledged);
  });

  it('are never interrupted without the cells, and cannot read a line blocking then', () => {
    const { table, posted } = makeHooks();
    expect(table.interrupted()).to.equal(false);
    expect(table.canReadSync()).to.equal(false);
    expect(table.readLineSync('? ')).to.equal(undefined);
    expect(posted).to.deep.equal([]);
  });

  it('read a line blocking through the cells, output sent first', () => {
    const control = new ControlCells(new ArrayBuffer(CONTROL_BYTES));
    let sentWhenAsked = '';
    const { table, posted, sent, output } = makeHooks({
      control,
      onPost: (message) => {
        sentWhenAsked = sent.join('');
        // The page answers at once: the worker finds the line without waiting.
        if (message.type === 'input-request') control.writeLine('42');
      },
    });
    output.write('stdout', 'first');
    output.write('stdout', ' line\n'); // held: written right after the first
    expect(table.canReadSync()).to.equal(true);
    expect(table.readLineSync('n? ')).to.equal('42');
    expect(sentWhenAsked).to.equal('first line\n');
    expect(posted).to.deep.equal([{ type: 'input-request', id: 7, prompt: 'n? ' }]);
  });

  it('do not block in waitSync once the run is stopped', () => {
    const control = new ControlCells(new ArrayBuffer(CONTROL_BYTES));
    const { table } = makeHooks({ control });
    control.requestStop();
    const t0 = performance.now();
    table.waitSync(10_000);
    expect(performance.now() - t0).to.be.below(1000);
  });
});
