import { expect, runInPage, test } from './fixtures.js';

const PROGRAM = 'print("hello")\n';

test('offline on a first visit: a readable error, then Retry works once back online', async ({
  browser,
  distURL: url,
}) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await context.setOffline(true);
    const failed = await runInPage(page, PROGRAM);
    expect(failed.status).toBe('error');
    expect(failed.error?.summary).toMatch(/^Python could not start/);
    await context.setOffline(false);
    const classic = page.locator('py-async-run#classic');
    await classic.evaluate((el) =>
      (el as HTMLElement & { code: string }).setAttribute('code', 'print("back")'),
    );
    await classic.evaluate((el) => (el as HTMLElement & { run(): Promise<unknown> }).run());
    await expect(classic.locator('[part="output"]')).toHaveText('back\n');
  } finally {
    await context.close();
  }
});

test("WebAssembly refused by the page's policy: a readable error with Retry, not a spinner", async ({
  page,
  startServer,
}) => {
  const { url } = await startServer({
    // No 'wasm-unsafe-eval', on the page and on the worker script (a worker has its own policy): the
    // browser refuses to compile Pyodide.
    headers: () => ({ 'content-security-policy': "script-src 'self'; worker-src 'self'" }),
  });
  await page.goto(url);
  const classic = page.locator('py-async-run#classic');
  await classic.locator('[part="run-button"]').click();
  await expect(classic).toHaveAttribute('status', 'error', { timeout: 60_000 });
  await expect(classic.locator('[part="status"]')).toContainText('Python could not start');
  await expect(classic.locator('[part="run-button"]')).toHaveText('Retry');
});
