import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, runInPage, test } from './fixtures.js';
// @ts-expect-error - plain JS server
import { serve } from '../../scripts/serve.js';

const root = resolve(import.meta.dirname, '../..');

function buildVersion(label: string, outDir: string) {
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], {
    cwd: root,
    env: { ...process.env, PY_ASYNC_RUN_BUILD_LABEL: label, PY_ASYNC_RUN_OUT_DIR: outDir },
    stdio: 'inherit',
  });
}

const versionInPage = (page: import('@playwright/test').Page) =>
  page.evaluate(
    async () =>
      ((await import(new URL('./py-async-run.js', document.baseURI).href)) as { version: string }).version,
  );

test('a new build activates only when no page uses the old one, never mixing versions', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const work = mkdtempSync(join(tmpdir(), 'par-update-'));
  const v1 = join(work, 'v1');
  const v2 = join(work, 'v2');
  const site = join(work, 'site');
  buildVersion('v1', v1);
  buildVersion('v2', v2);
  cpSync(v1, site, { recursive: true });
  const { url, server } = await serve({ dir: site });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    expect(await versionInPage(page)).toMatch(/\+v1$/);
    expect((await runInPage(page, 'print("v1 run")\n')).stdout).toBe('v1 run\n');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
      timeout: 60_000,
    });

    // Deploy v2 and let the browser find it.
    cpSync(v2, site, { recursive: true });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    // Polled from here: Playwright's waitForFunction does not wait for an async predicate's promise.
    await expect
      .poll(
        () => page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)),
        { timeout: 60_000 },
      )
      .toBe(true);

    // The open page keeps v1 whole: its reload still gets v1's bundle and runtime, and runs.
    await page.reload();
    expect(await versionInPage(page)).toMatch(/\+v1$/);
    expect((await runInPage(page, 'print("still v1")\n')).stdout).toBe('still v1\n');

    // Once no page uses v1, the next visit gets v2, whole.
    await page.close();
    const next = await context.newPage();
    await expect
      .poll(
        async () => {
          // Away first: a page of the site open on v1 (the attempt before) keeps v1 active.
          await next.goto('about:blank');
          await next.goto(url);
          return versionInPage(next);
        },
        { timeout: 60_000 },
      )
      .toMatch(/\+v2$/);
    expect((await runInPage(next, 'print("v2 run")\n')).stdout).toBe('v2 run\n');
    const reloads: string[] = [];
    next.on('framenavigated', (frame) => reloads.push(frame.url()));
    await next.waitForTimeout(1500);
    expect(reloads).toEqual([]); // no reload loop
  } finally {
    await context.close();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
