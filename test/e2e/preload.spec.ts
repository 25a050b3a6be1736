import { expect, test } from './fixtures.js';

for (const [preload, expectLoad] of [
  ['none', false],
  ['eager', true],
] as const) {
  test(`preload="${preload}" ${expectLoad ? 'starts loading Python at once' : 'loads nothing before Run'}`, async ({
    page,
    distURL: url,
  }) => {
    const pyodideRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/pyodide/')) pyodideRequests.push(request.url());
    });
    await page.goto(url);
    await page.evaluate((value) => {
      const el = document.createElement('py-async-run');
      el.setAttribute('preload', value);
      el.code = 'print(1)\n';
      document.body.prepend(el);
    }, preload);
    const loads = () => pyodideRequests.some((u) => u.endsWith('pyodide.asm.wasm'));
    // Loading is awaited; not loading is a claim about time itself: nothing in the next 1.5 s.
    if (expectLoad) await expect.poll(loads, { timeout: 1500 }).toBe(true);
    else await page.waitForTimeout(1500);
    expect(loads()).toBe(expectLoad);
  });
}

test('preload="visible" starts loading when the element scrolls into view', async ({
  page,
  distURL: url,
}) => {
  const wasm: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('pyodide.asm.wasm')) wasm.push(request.url());
  });
  await page.goto(url);
  await page.evaluate(() => {
    const spacer = document.createElement('div');
    spacer.style.height = '5000px';
    document.body.append(spacer);
    const el = document.createElement('py-async-run');
    el.id = 'far';
    el.setAttribute('preload', 'visible');
    el.code = 'print(1)\n';
    document.body.append(el);
  });
  await page.waitForTimeout(1000); // time itself is under test: nothing loads while the element is far away
  expect(wasm).toEqual([]);
  await page.locator('#far').scrollIntoViewIfNeeded();
  await expect.poll(() => wasm.length, { timeout: 10_000 }).toBeGreaterThan(0);
});
