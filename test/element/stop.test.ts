import { expect } from '@open-wc/testing';
import { outputText } from '../helpers/element.js';
import { until } from '../helpers/wait.js';
import { configureForTests, element, py } from './run-helpers.js';

configureForTests(true);

describe('stopping runs', () => {
  it('stops a CPU loop, keeps the output so far, and the next run works', async () => {
    const el = await element('print("spinning", flush=True)\nwhile True:\n    pass\n');
    const running = el.run();
    await until(() => el.status === 'running', 'the program runs');
    await until(() => outputText(el).includes('spinning'), 'its output shows');
    el.stop();
    const result = await running;
    expect(result.status).to.equal('stopped');
    expect(result.stdout).to.equal('spinning\n');
    expect(el.status).to.equal('stopped');
    const next = await (await element('print("fresh")\n')).run();
    expect(next.stdout).to.equal('fresh\n');
  });

  it('stops a program waiting in the event loop', async () => {
    const el = await element(py`
      import asyncio

      async def main():
          while True:
              print("tick")
              await asyncio.sleep(0.5)

      asyncio.run(main())
    `);
    const running = el.run();
    await until(() => el.status === 'running', 'the program runs');
    await until(() => outputText(el).split('tick').length > 2, 'two ticks, a wait between them');
    el.stop();
    const result = await running;
    expect(result.status).to.equal('stopped');
    expect(result.stdout).to.match(/^(tick\n)+$/);
  });

  it('times out a blocking time.sleep after `timeout` seconds', async () => {
    const el = await element('import time\nprint("sleeping")\ntime.sleep(100)\nprint("never")\n');
    el.timeout = 1;
    const result = await el.run();
    expect(result.status).to.equal('timeout');
    expect(result.stdout).to.equal('sleeping\n');
    expect(result.tips.map((t) => t.id)).to.include('timeout');
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.match(/^Timed out after/);
  });

  it('timeout="0" sets no limit: the program that a 1 s limit stops runs to its end', async () => {
    const code = 'import time\ntime.sleep(1.5)\nprint("finished")\n';
    const limited = await element(code);
    limited.setAttribute('timeout', '1');
    expect((await limited.run()).status).to.equal('timeout');
    const unlimited = await element(code);
    unlimited.setAttribute('timeout', '0');
    const result = await unlimited.run();
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal('finished\n');
  });

  it('stops the run of an element removed from the page', async () => {
    const el = await element('import asyncio\nasyncio.run(asyncio.sleep(100))\n');
    const running = el.run();
    await until(() => el.status === 'running', 'the program runs');
    el.remove();
    expect((await running).status).to.equal('stopped');
  });

  it('shows a Stop button only while running', async () => {
    const el = await element('import asyncio\nasyncio.run(asyncio.sleep(0.3))\n');
    const stop = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="stop-button"]')!;
    expect(stop.hidden).to.equal(true);
    const running = el.run();
    await until(() => el.status === 'running', 'the program runs');
    await el.updateComplete;
    expect(stop.hidden).to.equal(false);
    await running;
    await el.updateComplete;
    expect(stop.hidden).to.equal(true);
  });
});
