import { expect, openConfigured, runInPage, test } from './fixtures.js';

/** Starts a run, stops it once it printed, and returns the result. */
function runAndStop(page: import('@playwright/test').Page, code: string) {
  return page.evaluate(async (source) => {
    const el = document.createElement('py-async-run');
    el.code = source;
    document.body.append(el);
    let printed: () => void = () => {};
    const firstOutput = new Promise<void>((resolve) => (printed = resolve));
    el.addEventListener('py-output', () => printed(), { once: true });
    const running = el.run();
    await firstOutput;
    // Into its loop or its wait, which no message tells the page: the stop then interrupts that, not start-up.
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    el.stop();
    const result = await running;
    el.remove();
    return { ...result, stopMs: performance.now() - t0 };
  }, code);
}

// Counts runs in this runtime, on the worker's global (the interpreter's own state is put back after every
// run): a fresh runtime (even restored from the snapshot) starts again at 1.
const sameInterpreter = 'import js\nprint(js.eval("self.runs_here = (self.runs_here || 0) + 1"))\n';

for (const stackSwitching of [true, false]) {
  test.describe(`on a cross-origin isolated page (${stackSwitching ? 'stack switching' : 'none'})`, () => {
    let page: import('@playwright/test').Page;
    test.beforeAll(async ({ browser, isolatedURL }) => {
      page = await browser.newPage();
      await openConfigured(page, isolatedURL, { stackSwitching });
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    });
    test.afterAll(() => page.close());

    const programs = {
      'a CPU loop': 'print("go", flush=True)\nwhile True:\n    pass\n',
      'a coroutine waiting in the loop':
        'import asyncio\nasync def main():\n    print("waiting")\n    await asyncio.sleep(100)\nasyncio.run(main())\n',
      'an endless loop of short sleeps':
        'import asyncio\nasync def main():\n    while True:\n        print("tick")\n        await asyncio.sleep(0.5)\nasyncio.run(main())\n',
      'a blocking time.sleep': 'import time\nprint("sleeping")\ntime.sleep(100)\n',
    };
    for (const [name, code] of Object.entries(programs)) {
      test(`stops ${name} through the interrupt buffer, keeping the runtime`, async () => {
        const before = Number((await runInPage(page, sameInterpreter)).stdout);
        const result = await runAndStop(page, code);
        expect(result.status).toBe('stopped');
        expect(result.stdout.length).toBeGreaterThan(0);
        // The same interpreter answers: the worker was not replaced, and the next run is not interrupted.
        const after = await runInPage(
          page,
          `${sameInterpreter}import asyncio\nasyncio.run(asyncio.sleep(0.2))\nprint("next run ok")\n`,
        );
        expect(after.stdout).toBe(`${before + 1}\nnext run ok\n`);
      });
    }
  });
}
