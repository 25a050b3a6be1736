import { expect, test } from './fixtures.js';

// The longest task is one sample of a busy machine: a collection in the page or the browser's own work can add
// a 200+ ms task to a run whose drawing is fine (seen on main and this build alike: 98-258 ms over four runs).
// Drawing a flood in one piece took 279-535 ms every time, so three tries over the bound still mean it regressed.
test.describe.configure({ retries: 2 });

test('a flood of a million short lines keeps the page responsive', async ({ page, distURL: url }) => {
  await page.goto(url);
  // Start the runtime first: its start-up is not what this test measures.
  await page.evaluate(async () => {
    const el = document.createElement('py-async-run');
    el.code = 'pass\n';
    document.body.append(el);
    await el.run();
  });
  const outcome = await page.evaluate(async () => {
    const longest: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    const el = document.createElement('py-async-run');
    el.code = 'for i in range(1_000_000):\n    print(i)\n';
    document.body.append(el);
    const result = await el.run();
    // The output drawn after the result counts too: once it is drawn and two frames have passed, the long
    // tasks not yet handed to the observer are taken from it.
    await (el as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (const entry of observer.takeRecords()) longest.push(entry.duration);
    observer.disconnect();
    return {
      status: result.status,
      head: result.stdout.slice(0, 8),
      tail: result.stdout.slice(-14),
      cut: result.outputCut?.stdout ?? 0,
      longestTask: Math.max(0, ...longest),
      notice: el.shadowRoot!.querySelector('[part="output-notice"]')?.textContent ?? '',
    };
  });
  expect(outcome.status).toBe('ok');
  // The result keeps the head and the tail of the 6.9 MB printed (see kept-output.ts), and says so.
  expect(outcome.head).toBe('0\n1\n2\n3\n');
  expect(outcome.tail).toBe('999998\n999999\n');
  expect(outcome.cut).toBeGreaterThan(4_000_000);
  expect(outcome.notice).toContain('990,000 lines');
  expect(outcome.longestTask).toBeLessThan(200);
});
