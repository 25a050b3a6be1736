import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { distDir, expect, runInPage, test, type StartServer, controlledByServiceWorker } from './fixtures.js';
// @ts-expect-error - plain JS helpers shared with the wtr config
import { testWheels } from '../packages/wheel.js';

const controlled = { timeout: 60_000 };

/**
 * A site with the bundle under /lib/ (a copy of dist/ when `copy`, to remove files from) and `pages` under
 * /posts/, each sent with its own headers; sw.js may control the whole site. `close` removes the files
 * (the server closes with the test).
 */
async function site(
  startServer: StartServer,
  pages: Record<string, Record<string, string>>,
  options: { copy?: boolean; headers?: (path: string) => Record<string, string> } = {},
) {
  const root = mkdtempSync(join(os.tmpdir(), 'par-sw-rules-'));
  if (options.copy) cpSync(distDir, join(root, 'lib'), { recursive: true });
  else symlinkSync(distDir, join(root, 'lib'));
  mkdirSync(join(root, 'posts'));
  for (const name of ['page.html', ...Object.keys(pages)]) {
    writeFileSync(
      join(root, 'posts', name),
      `<!doctype html><meta charset="utf-8"><title>${name}</title>
       <script type="module">import { configure } from '/lib/py-async-run.js';
       configure({ serviceWorkerScope: '/' });</script><p>${name}</p>`,
    );
  }
  const { url, server } = await startServer({
    dir: root,
    headers: (path: string) => ({
      ...(path === '/lib/sw.js' ? { 'service-worker-allowed': '/' } : {}),
      ...(pages[path.replace('/posts/', '')] ?? {}),
      ...(options.headers?.(path) ?? {}),
    }),
  });
  const close = () => rmSync(root, { recursive: true, force: true });
  return { url, root, server, close };
}

/** Opens the site's first page, runs a program there and waits until the service worker controls it. */
async function installed(page: Page, url: string) {
  await page.goto(`${url}posts/page.html`);
  expect((await runInPage(page, 'print("ran")\n')).stdout).toBe('ran\n');
  await controlledByServiceWorker(page);
}

/** The paths the service worker kept in its pages cache. */
const keptPages = (page: Page) =>
  page.evaluate(async () =>
    (await (await caches.open('py-async-run-pages')).keys()).map((request) => new URL(request.url).pathname),
  );

test('pages that depend on cookies or credentials are served but never kept', async ({
  browser,
  startServer,
}) => {
  const { url, close } = await site(startServer, {
    'plain.html': {},
    'sets-cookie.html': { 'set-cookie': 'visitor=42; Path=/' },
    'vary-cookie.html': { vary: 'Accept-Encoding, Cookie' },
    'vary-authorization.html': { vary: 'Authorization' },
    'vary-star.html': { vary: '*' },
  });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await installed(page, url);
    for (const name of ['sets-cookie', 'vary-cookie', 'vary-authorization', 'vary-star', 'plain']) {
      await page.goto(`${url}posts/${name}.html`);
      await expect(page.locator('p')).toHaveText(`${name}.html`);
    }
    // The plain page is kept (stored after it is served): by then the others would have been too.
    await expect.poll(() => keptPages(page), controlled).toContain('/posts/plain.html');
    expect(
      (await keptPages(page)).filter((path) => !path.endsWith('/plain.html') && !path.endsWith('/page.html')),
    ).toEqual([]);
  } finally {
    await context.close();
    close();
  }
});

test('a package file sent with Cache-Control: no-store is served, not kept', async ({
  browser,
  startServer,
}) => {
  const [greet, shout] = testWheels() as { fileName: string; bytes: Buffer }[];
  const { url, root, close } = await site(
    startServer,
    {},
    {
      headers: (path: string): Record<string, string> =>
        path.endsWith(shout.fileName) ? { 'cache-control': 'no-store' } : {},
    },
  );
  mkdirSync(join(root, 'wheels'));
  for (const wheel of [greet, shout]) writeFileSync(join(root, 'wheels', wheel.fileName), wheel.bytes);
  const context = await browser.newContext();
  const runWith = (page: Page, code: string, wheel: string) =>
    page.evaluate(
      async ({ code, wheel }) => {
        const el = document.createElement('py-async-run') as HTMLElement & {
          code: string;
          packages: string;
          run(): Promise<{ stdout: string }>;
        };
        el.code = code;
        el.packages = wheel;
        document.body.append(el);
        return (await el.run()).stdout;
      },
      { code, wheel: `/wheels/${wheel}` },
    );
  try {
    const page = await context.newPage();
    await installed(page, url);
    await page.reload(); // its runtime worker is now controlled from the start
    expect(await runWith(page, 'from shout import shout\nprint(shout("kept?"))\n', shout.fileName)).toBe(
      'KEPT?!\n',
    );
    expect(await runWith(page, 'import greet\nprint("greet")\n', greet.fileName)).toBe('greet\n');
    const kept = () =>
      page.evaluate(async () => {
        const name = (await caches.keys()).find((n) => n.startsWith('py-async-run-packages-'));
        return name ? (await (await caches.open(name)).keys()).map((request) => request.url) : [];
      });
    // The other wheel is kept: by then the no-store one would have been too.
    await expect.poll(kept, controlled).toContainEqual(expect.stringContaining(greet.fileName));
    expect((await kept()).filter((u) => u.includes(shout.fileName))).toEqual([]);
  } finally {
    await context.close();
    close();
  }
});

test('a site that removes sw.js gets its service worker unregistered and its caches dropped', async ({
  browser,
  startServer,
}) => {
  const { url, root, close } = await site(startServer, {}, { copy: true });
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await installed(page, url);
    await page.reload(); // kept in the pages cache
    await expect.poll(() => keptPages(page), controlled).toContain('/posts/page.html');
    const ours = (names: string[]) =>
      names.filter(
        (name) => name.startsWith('workbox-precache') || /^py-async-run-(pages|packages|lock)/.test(name),
      );
    await expect
      .poll(async () => ours(await page.evaluate(() => caches.keys())).length, controlled)
      .toBeGreaterThan(1);

    rmSync(join(root, 'lib', 'sw.js')); // the site is no longer offline-capable: sw.js answers 404
    await page.reload();
    expect((await runInPage(page, 'print("still runs")\n')).stdout).toBe('still runs\n');
    await expect
      .poll(
        () => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length),
        controlled,
      )
      .toBe(0);
    expect(ours(await page.evaluate(() => caches.keys()))).toEqual([]);
    // The next load is the site's own page, from the network.
    await page.reload();
    expect(await page.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    expect((await runInPage(page, 'print("still runs")\n')).stdout).toBe('still runs\n');
  } finally {
    await context.close();
    close();
  }
});
