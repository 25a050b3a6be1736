import { expect, runInPage, test, configureInPage, controlledByServiceWorker } from './fixtures.js';

const PROGRAM =
  'import asyncio\nasync def main():\n    await asyncio.sleep(0.01)\n    print("offline ok")\nasyncio.run(main())\n';

test('after a first visit and a run, the demo reloads and runs Python offline', async ({
  browser,
  startServer,
}) => {
  const { url, server } = await startServer();
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    expect((await runInPage(page, PROGRAM)).stdout).toBe('offline ok\n');
    // The first run registers the service worker; installing precaches the runtime, then it claims the page.
    await controlledByServiceWorker(page);
    const cached = await page.evaluate(async () => {
      const names = await caches.keys();
      const urls: string[] = [];
      for (const name of names)
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    });
    expect(cached.some((u) => u.includes('pyodide.asm.wasm'))).toBe(true);
    expect(cached.some((u) => u.includes('py-async-run.js'))).toBe(true);

    await context.setOffline(true);
    server.close();
    await page.reload();
    await expect(page.locator('py-async-run#classic [part="code"]')).toContainText('asyncio.run(main())');
    expect((await runInPage(page, PROGRAM)).stdout).toBe('offline ok\n');
  } finally {
    await context.close();
  }
});

test('configure({ serviceWorker: false }) registers none', async ({ browser, distURL: url }) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await configureInPage(page, { serviceWorker: false });
    expect((await runInPage(page, PROGRAM)).stdout).toBe('offline ok\n');
    // Time itself is under test: no registration comes in the second after the run.
    await page.waitForTimeout(1000);
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(
      0,
    );
  } finally {
    await context.close();
  }
});
