import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { statusText } from '../helpers/element.js';
import { until } from '../helpers/wait.js';
import { configureForTests } from './run-helpers.js';

configureForTests(true);

type Cells = [PyAsyncRunElement, PyAsyncRunElement, PyAsyncRunElement];

async function notebook(session: string, codes: string[]): Promise<Cells> {
  const page = await fixture<HTMLDivElement>(html`<div></div>`);
  for (const code of codes) {
    const el = document.createElement('py-async-run');
    el.session = session;
    el.code = code;
    page.append(el);
  }
  const cells = [...page.querySelectorAll('py-async-run')] as Cells;
  await Promise.all(cells.map((cell) => cell.updateComplete));
  return cells;
}

describe('sessions', () => {
  it('run the cells above first, in page order, sharing one namespace', async () => {
    const [first, second, third] = await notebook('tour', [
      'import asyncio\nsteps = ["first"]\nprint("cell 1")\n',
      'async def add(name):\n    await asyncio.sleep(0)\n    steps.append(name)\nasyncio.run(add("second"))\nprint("cell 2")\n',
      'print(steps)\n',
    ]);
    const result = await third.run();
    expect(result.stdout).to.equal("['first', 'second']\n");
    expect(first.status).to.equal('done');
    expect(second.status).to.equal('done');
    // Cells that ran are not run again: the namespace goes on, as a notebook's does.
    expect((await second.run()).stdout).to.equal('cell 2\n');
    expect((await third.run()).stdout).to.equal("['first', 'second', 'second']\n");
  });

  it('keep sessions apart, and elements without a session isolated', async () => {
    const [a] = await notebook('one', ['shared = 1\n', 'print(shared)\n', 'print("x")\n']);
    await a.run();
    const [, other] = await notebook('two', ['pass\n', 'print(shared)\n', 'pass\n']);
    expect((await other.run()).error?.summary).to.equal("NameError: name 'shared' is not defined");
    const alone = await fixture<PyAsyncRunElement>(html`<py-async-run></py-async-run>`);
    alone.code = 'print(shared)\n';
    expect((await alone.run()).error?.type).to.equal('NameError');
  });

  it('stop at a cell above that fails, and say which', async () => {
    const [, , third] = await notebook('broken', ['x = 1\n', 'raise ValueError("bad cell")\n', 'print(x)\n']);
    const result = await third.run();
    expect(result.status).to.equal('error');
    expect(result.error?.type).to.equal('SessionError');
    expect(result.error?.message).to.contain('cell 2 of session "broken"');
    expect(result.error?.message).to.contain('ValueError: bad cell');
    expect(result.tips.map((tip) => tip.id)).to.deep.equal(['cell-above-failed']);
  });
});

describe('sessions, stopped', () => {
  it('stopping a cell also stops the cell above that it runs first', async () => {
    const [first, second] = await notebook('slow', [
      'import asyncio\nprint("starting", flush=True)\nasyncio.run(asyncio.sleep(30))\n',
      'print("never")\n',
      'pass\n',
    ]);
    const running = second.run();
    await new Promise<void>((resolve) =>
      first.addEventListener('py-output', () => resolve(), { once: true }),
    );
    second.stop();
    const result = await running;
    expect(result.status).to.equal('stopped');
    expect(first.status).to.equal('stopped');
    expect(second.status).to.equal('stopped');
  });

  it('a cell whose runtime another Stop replaced while it waited runs the cells above again', async () => {
    const [first, second] = await notebook('replaced', [
      'value = 41\nprint("cell 1")\n',
      'print(value + 1)\n',
      'pass\n',
    ]);
    await first.run();
    // Another element's run holds the runtime; the cell's run waits its turn behind it.
    const busy = await fixture<PyAsyncRunElement>(html`<py-async-run></py-async-run>`);
    busy.code = 'import asyncio\nprint("busy", flush=True)\nasyncio.run(asyncio.sleep(30))\n';
    const busyRun = busy.run();
    await new Promise<void>((resolve) => busy.addEventListener('py-output', () => resolve(), { once: true }));
    const waiting = second.run();
    await waitUntil(() => second.status === 'loading' || second.status === 'running');
    // Its transform is done: it waits in the queue.
    await until(() => /Waiting for another program/.test(statusText(second)), 'the cell waits its turn');
    let firstRunAgain = 0;
    first.addEventListener('py-run-start', () => firstRunAgain++);
    // Without shared memory, Stop ends the worker: the session's namespace goes with it.
    busy.stop();
    expect((await busyRun).status).to.equal('stopped');
    const result = await waiting;
    expect(result.error?.summary).to.equal(undefined);
    expect(result.stdout).to.equal('42\n');
    expect(firstRunAgain, 'cell 1 ran again in the new runtime').to.equal(1);
  });
});

describe('setup', () => {
  it('runs a hidden preamble before the code, in its namespace, without showing it', async () => {
    const el = await fixture<PyAsyncRunElement>(html`
      <py-async-run>
        <script type="text/python" data-setup>
          import asyncio
          async def fetch(name):
              await asyncio.sleep(0.01)
              return {"name": name}
        </script>
        <script type="text/python">
          print(asyncio.run(fetch("reader")), "left" in globals())
          left = True
        </script>
      </py-async-run>
    `);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="code"]')!.textContent).to.equal(
      'print(asyncio.run(fetch("reader")), "left" in globals())\nleft = True\n',
    );
    const result = await el.run();
    expect(result.stdout).to.equal("{'name': 'reader'} False\n");
    // Each run starts again from the setup: nothing is left of the last one.
    expect((await el.run()).stdout).to.equal("{'name': 'reader'} False\n");
  });

  it('reports a failing setup at its own lines, and does not run the code', async () => {
    const el = await fixture<PyAsyncRunElement>(html`
      <py-async-run>
        <script type="text/python" data-setup>
          value = 1
          raise RuntimeError("setup broke")
        </script>
        <script type="text/python">
          print("never")
        </script>
      </py-async-run>
    `);
    const result = await el.run();
    expect(result.stdout).to.equal('');
    expect(result.error?.summary).to.equal('RuntimeError: setup broke');
    expect(result.error?.traceback).to.contain('setup.py", line 2');
    expect(result.tips[0].id).to.equal('setup-failed');
  });
});
