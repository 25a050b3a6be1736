import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { until } from '../helpers/wait.js';
import { configureForTests, py } from './run-helpers.js';

configureForTests(true);

async function timelineElement(code: string) {
  const el = await fixture<PyAsyncRunElement>(html`<py-async-run timeline></py-async-run>`);
  el.code = code;
  await el.updateComplete;
  return el;
}

const TASK_GROUP = py`
  import asyncio

  async def fetch(name, delay):
      await asyncio.sleep(delay)
      print(f"{name} done")
      return name

  async def main():
      async with asyncio.TaskGroup() as group:
          group.create_task(fetch("slow", 0.12), name="slow")
          group.create_task(fetch("quick", 0.02), name="quick")
          group.create_task(fetch("middle", 0.06), name="middle")
      print("all done")

  asyncio.run(main())
`;

describe('task timeline', () => {
  it('draws one row per TaskGroup task, in creation order, with their runs and outcomes', async () => {
    const el = await timelineElement(TASK_GROUP);
    const result = await el.run();
    expect(result.stdout).to.equal('quick done\nmiddle done\nslow done\nall done\n');
    const timeline = result.timeline!;
    expect(timeline.finished).to.equal(true);
    expect(timeline.tasks.map((task) => task.name)).to.deep.equal(['Task-1', 'slow', 'quick', 'middle']);
    expect(timeline.tasks.map((task) => task.coro)).to.deep.equal(['main', 'fetch', 'fetch', 'fetch']);
    expect(timeline.tasks.every((task) => task.outcome === 'done')).to.equal(true);
    const byName = Object.fromEntries(timeline.tasks.map((task) => [task.name, task]));
    // The quick task ends first and the slow one last, about their sleeps after they were created.
    expect(byName.quick.ended!).to.be.lessThan(byName.middle.ended!);
    expect(byName.middle.ended!).to.be.lessThan(byName.slow.ended!);
    expect(byName.slow.ended! - byName.slow.created).to.be.at.least(110);
    // Each fetch runs twice (start, then after its sleep) and waits in between.
    for (const name of ['slow', 'quick', 'middle']) expect(byName[name].runs.length).to.equal(2);
    expect(timeline.marks.map((mark) => mark.text)).to.deep.equal([
      'quick done',
      'middle done',
      'slow done',
      'all done',
    ]);
    expect(timeline.marks[0].t).to.be.closeTo(byName.quick.ended!, 15);

    await el.updateComplete;
    const root = el.shadowRoot!;
    const rows = [...root.querySelectorAll('[part="timeline"] svg g.task')];
    expect(rows.map((row) => row.getAttribute('data-name'))).to.deep.equal([
      'Task-1',
      'slow',
      'quick',
      'middle',
    ]);
    expect(rows[1].querySelectorAll('rect.running').length).to.be.at.least(1);
    expect(rows[1].querySelector('.outcome.done')?.textContent).to.equal('✓');
    expect(root.querySelectorAll('[part="timeline"] rect.mark').length).to.equal(4);
    const svg = root.querySelector('[part="timeline"] svg')!;
    expect(svg.getAttribute('role')).to.equal('img');
    expect(svg.getAttribute('aria-label')).to.contain('4 asyncio tasks');
    // The table's rows are made when the reader opens it.
    expect(root.querySelectorAll('[part="timeline-table"] tbody tr').length).to.equal(0);
    root.querySelector<HTMLElement>('[part="timeline-table"] summary')!.click();
    await until(() => root.querySelector('[part="timeline-table"] tbody tr'), 'the table opens', 10_000);
    await el.updateComplete;
    const tableRows = [...root.querySelectorAll('[part="timeline-table"] tbody tr')];
    expect(tableRows.map((row) => row.querySelector('th')!.textContent)).to.deep.equal([
      'Task-1',
      'slow',
      'quick',
      'middle',
    ]);
    expect(tableRows[2].textContent).to.contain('✓ done');
  });

  it('shows cancelled and failed tasks and a task renamed while it ran', async () => {
    const el = await timelineElement(py`
      import asyncio

      async def forever():
          await asyncio.sleep(10)

      async def broken():
          await asyncio.sleep(0.01)
          raise ValueError("bad input")

      async def renamed():
          asyncio.current_task().set_name("renamed")
          await asyncio.sleep(0)

      async def main():
          waiting = asyncio.create_task(forever())
          failing = asyncio.create_task(broken())
          await asyncio.create_task(renamed())
          await asyncio.sleep(0.03)
          waiting.cancel()
          await asyncio.gather(waiting, failing, return_exceptions=True)

      asyncio.run(main())
    `);
    const result = await el.run();
    expect(result.status).to.equal('ok');
    const tasks = result.timeline!.tasks;
    expect(tasks.map((task) => [task.name, task.outcome])).to.deep.equal([
      ['Task-1', 'done'],
      ['Task-2', 'cancelled'],
      ['Task-3', 'failed'],
      ['renamed', 'done'],
    ]);
    expect(tasks[2].error).to.equal('ValueError: bad input');
    await el.updateComplete;
    const root = el.shadowRoot!;
    expect(root.querySelector('g.task.cancelled .outcome')?.textContent).to.equal('⊘');
    expect(root.querySelector('g.task.failed title')?.textContent).to.contain('ValueError: bad input');
  });

  it('streams the timeline while the program runs, and marks tasks left pending by a stop', async () => {
    const el = await timelineElement(py`
      import asyncio

      async def ticker():
          while True:
              print("tick")
              await asyncio.sleep(0.05)

      async def main():
          await asyncio.gather(ticker(), ticker())

      asyncio.run(main())
    `);
    const running = el.run();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="timeline"] g.task'), 'no timeline row', {
      timeout: 30_000,
      interval: 20,
    });
    expect(el.status).to.equal('running');
    expect(el.shadowRoot!.querySelector('[part="timeline"] figcaption')?.textContent).to.contain('running');
    el.stop();
    const result = await running;
    expect(result.status).to.equal('stopped');
    expect(result.timeline!.tasks.length).to.be.at.least(1);
  });

  it('records nothing without the attribute', async () => {
    const el = await fixture<PyAsyncRunElement>(html`<py-async-run></py-async-run>`);
    el.code = 'import asyncio\nasync def main():\n    await asyncio.sleep(0)\nasyncio.run(main())\n';
    const result = await el.run();
    expect(result.status).to.equal('ok');
    expect(result.timeline).to.equal(undefined);
    expect(el.shadowRoot!.querySelector('[part="timeline"]')).to.equal(null);
  });
});
