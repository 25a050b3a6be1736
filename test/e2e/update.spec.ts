import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, runInPage, test, controlledByServiceWorker } from './fixtures.js';

const root = resolve(import.meta.dirname, '../..');

function buildVersion(label: string, outDir: string) {
  execFileSync(join(root, 'node_modules/.bin/vite'), ['build', '--logLevel', 'error'], {
    cwd: root,
    env: { ...process.env, PY_ASYNC_RUN_BUILD_LABEL: label, PY_ASYNC_RUN_OUT_DIR: outDir },
    stdio: 'inherit',
  });
}

const versionInPage = (page: import('@playwright/test').Page, bundle = './py-async-run.js') =>
  page.evaluate(
    async (bundle) => ((await import(new URL(bundle, document.baseURI).href)) as { version: string }).version,
    bundle,
  );

/** A page of the site's own (not precached) under /posts/, saying which deploy it belongs to. */
function writePost(site: string, label: string) {
  mkdirSync(join(site, 'posts'), { recursive: true });
  writeFileSync(
    join(site, 'posts', 'page.html'),
    `<!doctype html><meta charset="utf-8"><p id="deploy">${label}</p>
     <script type="module">import { configure } from '/lib/py-async-run.js';
     configure({ serviceWorkerScope: '/' });</script>`,
  );
}

test('a new build activates only when no page uses the old one, never mixing versions', async ({
  browser,
  startServer,
}) => {
  test.setTimeout(240_000);
  const work = mkdtempSync(join(tmpdir(), 'par-update-'));
  const v1 = join(work, 'v1');
  const v2 = join(work, 'v2');
  const site = join(work, 'site');
  buildVersion('v1', v1);
  buildVersion('v2', v2);
  cpSync(v1, site, { recursive: true });
  const { url } = await startServer({ dir: site });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    expect(await versionInPage(page)).toMatch(/\+v1$/);
    expect((await runInPage(page, 'print("v1 run")\n')).stdout).toBe('v1 run\n');
    await controlledByServiceWorker(page);

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
    // Time itself is under test: no reload comes in the next 1.5 s.
    await next.waitForTimeout(1500);
    expect(reloads).toEqual([]); // no reload loop
  } finally {
    await context.close();
    rmSync(work, { recursive: true, force: true });
  }
});

test('after a deploy, an open tab never gets the new page with the old bundle', async ({
  browser,
  startServer,
}) => {
  test.setTimeout(300_000);
  const work = mkdtempSync(join(tmpdir(), 'par-update-page-'));
  const v1 = join(work, 'v1');
  const v2 = join(work, 'v2');
  const site = join(work, 'site');
  buildVersion('v1', v1);
  buildVersion('v2', v2);
  cpSync(v1, join(site, 'lib'), { recursive: true });
  writePost(site, 'page v1');
  const { url } = await startServer({
    dir: site,
    headers: (path: string): Record<string, string> =>
      path === '/lib/sw.js' ? { 'service-worker-allowed': '/' } : {},
  });
  const post = `${url}posts/page.html`;
  const context = await browser.newContext();
  const deployOf = async (page: import('@playwright/test').Page) => ({
    page: await page.locator('#deploy').textContent(),
    bundle: (await versionInPage(page, '/lib/py-async-run.js')).replace(/.*\+/, 'bundle '),
  });
  try {
    const page = await context.newPage();
    await page.goto(post);
    expect((await runInPage(page, 'print("v1 run")\n')).stdout).toBe('v1 run\n');
    await controlledByServiceWorker(page);
    await page.reload(); // read once through the service worker: a copy is kept
    expect(await deployOf(page)).toEqual({ page: 'page v1', bundle: 'bundle v1' });

    // Deploy v2, the bundle and the page together; the open tab reloads before the browser has looked.
    cpSync(v2, join(site, 'lib'), { recursive: true });
    writePost(site, 'page v2');
    await page.reload();
    expect(await deployOf(page)).toEqual({ page: 'page v1', bundle: 'bundle v1' });
    expect((await runInPage(page, 'print("still v1")\n')).stdout).toBe('still v1\n');

    // Once no page uses v1, the next visit gets v2, page and bundle.
    await page.close();
    const next = await context.newPage();
    await expect
      .poll(
        async () => {
          await next.goto('about:blank');
          await next.goto(post);
          return deployOf(next);
        },
        { timeout: 60_000 },
      )
      .toEqual({ page: 'page v2', bundle: 'bundle v2' });
    expect((await runInPage(next, 'print("v2 run")\n')).stdout).toBe('v2 run\n');
  } finally {
    await context.close();
    rmSync(work, { recursive: true, force: true });
  }
});
