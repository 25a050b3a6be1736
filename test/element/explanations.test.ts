import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { configureForTests, element, py } from './run-helpers.js';

configureForTests(true);

const shadow = (el: PyAsyncRunElement) => el.shadowRoot!;
const statusText = (el: PyAsyncRunElement) => shadow(el).querySelector('[part="status"]')!.textContent;

describe('how a run is explained', () => {
  it("names a TaskGroup's failed task in the status, with a tip on except*", async () => {
    const el = await element(py`
      import asyncio

      async def bad():
          await asyncio.sleep(0)
          raise ValueError("bad id")

      async def main():
          async with asyncio.TaskGroup() as group:
              group.create_task(bad())

      asyncio.run(main())
    `);
    const result = await el.run();
    await el.updateComplete;
    expect(result.error?.subExceptions).to.deep.equal(['ValueError: bad id']);
    expect(statusText(el)).to.contain('ValueError: bad id');
    const tip = result.tips.find((t) => t.id === 'exception-group');
    expect(tip?.line).to.equal(5);
    expect(tip?.message).to.contain('except*');
  });

  it('opens the tips by itself for a warning, and leaves info tips one click away', async () => {
    const warned = await element(
      'import asyncio\nasync def main():\n    asyncio.sleep(1)\nasyncio.run(main())\n',
    );
    await warned.run();
    await warned.updateComplete;
    expect(shadow(warned).querySelector<HTMLDetailsElement>('[part="tips"]')!.open).to.equal(true);
    // A process pool run as threads is an info tip only.
    const told = await element(py`
      from concurrent.futures import ProcessPoolExecutor

      def square(n):
          return n * n

      with ProcessPoolExecutor() as pool:
          print(list(pool.map(square, [1, 2])))
    `);
    const result = await told.run();
    await told.updateComplete;
    expect(result.tips.length).to.be.greaterThan(0);
    expect(result.tips.every((tip) => tip.severity === 'info')).to.equal(true);
    expect(shadow(told).querySelector<HTMLDetailsElement>('[part="tips"]')!.open).to.equal(false);
  });

  it('shows the tips of one line as one item, the line said once', async () => {
    const el = await element(py`
      import asyncio

      async def worker():
          await asyncio.sleep(1)

      async def main():
          asyncio.create_task(worker())
          await asyncio.sleep(0)

      asyncio.run(main())
    `);
    const result = await el.run();
    await el.updateComplete;
    const atLine7 = result.tips.filter((tip) => tip.line === 7).map((tip) => tip.id);
    expect(atLine7).to.have.members(['task-dropped', 'task-pending-at-end']);
    const items = [...shadow(el).querySelectorAll('[part="tip"]')];
    const item = items.find((li) => li.getAttribute('data-tip')!.split(' ').includes('task-pending-at-end'))!;
    expect(item.getAttribute('data-tip')!.split(' ')).to.have.members([
      'task-dropped',
      'task-pending-at-end',
    ]);
    expect(item.querySelectorAll('.line').length).to.equal(1);
    expect(item.textContent).to.contain('Task-2');
  });

  it('says nothing ran for a SyntaxError, and draws no timeline', async () => {
    const el = await fixture<PyAsyncRunElement>(html`<py-async-run timeline></py-async-run>`);
    el.code = 'import asyncio\nasync def main():\n    pass\nasyncio.run(main()\n';
    const result = await el.run();
    await el.updateComplete;
    expect(result.mode).to.equal('not-run');
    expect(result.timeline).to.equal(undefined);
    const mode = shadow(el).querySelector('[part="mode"]')!.textContent!;
    expect(mode).to.match(/^Nothing ran/);
    expect(mode).to.not.contain('as written');
    expect(shadow(el).querySelector('[part="timeline"]')).to.equal(null);
  });

  it('shows the timeline from the start of the run, each row labelled with its coroutine', async () => {
    const el = await fixture<PyAsyncRunElement>(html`<py-async-run timeline></py-async-run>`);
    el.code = py`
      import time
      time.sleep(1)
      import asyncio

      async def main():
          await asyncio.sleep(0.05)

      asyncio.run(main())
    `;
    const running = el.run();
    // The program blocks a second before any task exists: the timeline is there meanwhile, empty.
    await waitUntil(() => shadow(el).querySelector('[part="timeline"]'), 'no timeline while running', {
      timeout: 60_000,
      interval: 10,
    });
    expect(shadow(el).querySelectorAll('[part="timeline"] g.task').length).to.equal(0);
    expect(el.status).to.equal('running');
    const result = await running;
    await el.updateComplete;
    const label = shadow(el).querySelector('[part="timeline"] g.task text.label')!.textContent!;
    expect(label.replace(/\s+/g, ' ').trim()).to.equal('Task-1 main');
    // The status time is the program's own, the clock the timeline uses: they agree within a few ms.
    expect(Math.abs(result.durationMs - result.timeline!.end)).to.be.lessThan(40);
  });
});
