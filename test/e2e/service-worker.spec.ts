import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import {
  expect,
  distDir,
  runInPage,
  test,
  type StartServer,
  configureInPage,
  controlledByServiceWorker,
} from './fixtures.js';
// @ts-expect-error - plain JS helpers shared with the wtr config
import { testWheels } from '../packages/wheel.js';

const PROGRAM = 'import asyncio\nasync def main():\n    print("ran")\nasyncio.run(main())\n';
const controlled = { timeout: 60_000 };

test('configure({ crossOriginIsolation: true }): the same service worker serves its pages isolated from the next load', async ({
  browser,
  distURL: url,
}) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
    await configureInPage(page, { crossOriginIsolation: true });
    expect((await runInPage(page, PROGRAM)).stdout).toBe('ran\n');
    await controlledByServiceWorker(page);
    await page.reload();
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // Isolated: the runtime gets shared memory, so Stop interrupts Python and keeps the runtime warm.
    const stopped = await page.evaluate(async () => {
      const el = document.createElement('py-async-run') as HTMLElement & {
        code: string;
        run(): Promise<{ status: string; stdout: string }>;
        stop(): void;
      };
      el.code = 'import time\nprint("go", flush=True)\nwhile True:\n    time.sleep(0.01)\n';
      document.body.append(el);
      const running = el.run();
      await new Promise<void>((resolve) => el.addEventListener('py-output', () => resolve(), { once: true }));
      el.stop();
      return running;
    });
    expect(stopped.status).toBe('stopped');
    expect((await runInPage(page, PROGRAM)).stdout).toBe('ran\n');
    const registrations = await page.evaluate(async () =>
      (await navigator.serviceWorker.getRegistrations()).map((r) => r.active?.scriptURL ?? ''),
    );
    expect(registrations).toHaveLength(1);
    expect(registrations[0]).toContain('sw.js?isolate=credentialless');
  } finally {
    await context.close();
  }
});

test('package files a run fetched are kept by the service worker and load offline', async ({
  browser,
  startServer,
}) => {
  const [, shout] = testWheels() as { fileName: string; bytes: Buffer }[];
  const folder = join(distDir, 'e2e-packages');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, shout.fileName), shout.bytes);
  const { url, server } = await startServer();
  const context = await browser.newContext();
  const code = 'from shout import shout\nprint(shout("offline"))\n';
  const runWithPackage = (page: import('@playwright/test').Page) =>
    page.evaluate(
      async ({ source, wheel }) => {
        const el = document.createElement('py-async-run') as HTMLElement & {
          code: string;
          packages: string;
          run(): Promise<{ stdout: string; tips: { id: string }[] }>;
        };
        el.code = source;
        el.packages = wheel;
        document.body.append(el);
        return el.run();
      },
      { source: code, wheel: `./e2e-packages/${shout.fileName}` },
    );
  try {
    const page = await context.newPage();
    await page.goto(url);
    expect((await runInPage(page, PROGRAM)).stdout).toBe('ran\n');
    await controlledByServiceWorker(page);
    // A new page: its runtime worker is controlled by the service worker from the start.
    await page.reload();
    expect((await runWithPackage(page)).stdout).toBe('OFFLINE!\n');
    const kept = await page.evaluate(async () => {
      const name = (await caches.keys()).find((n) => n.startsWith('py-async-run-packages-'))!;
      return (await (await caches.open(name)).keys()).map((request) => request.url);
    });
    expect(kept.some((u) => u.endsWith(shout.fileName))).toBe(true);

    await context.setOffline(true);
    server.close();
    await page.reload();
    expect((await runWithPackage(page)).stdout).toBe('OFFLINE!\n');
  } finally {
    await context.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

/**
 * A site with the bundle under /lib/ and a blog post under /posts/ (outside the default scope, /lib/).
 * `close` removes the files (the server closes with the test).
 */
async function blogSite(startServer: StartServer, configureScript: string) {
  const site = mkdtempSync(join(os.tmpdir(), 'par-scope-'));
  symlinkSync(distDir, join(site, 'lib'));
  mkdirSync(join(site, 'posts'));
  writeFileSync(
    join(site, 'posts', 'page.html'),
    `<!doctype html><meta charset="utf-8">
     <script type="module">import { configure } from '/lib/py-async-run.js'; ${configureScript}</script>
     <py-async-run id="p"><script type="text/python">print("outside")</script></py-async-run>`,
  );
  const hits = new Map<string, number>();
  const { url, server } = await startServer({
    dir: site,
    headers: (path: string) => {
      hits.set(path, (hits.get(path) ?? 0) + 1);
      // What a site sends to let sw.js control more than its own folder.
      return path === '/lib/sw.js' ? { 'service-worker-allowed': '/' } : {};
    },
  });
  const close = () => rmSync(site, { recursive: true, force: true });
  return { url: `${url}posts/page.html`, hits, server, close };
}

/**
 * Waits until the service worker is active and has precached Pyodide's wasm. (Polled from here: Playwright's
 * waitForFunction does not wait for an async predicate's promise.)
 */
const precached = (tab: import('@playwright/test').Page) =>
  expect
    .poll(
      () =>
        tab.evaluate(async () => {
          const registration = (await navigator.serviceWorker.getRegistrations())[0];
          if (registration?.active?.state !== 'activated') return false;
          for (const name of await caches.keys()) {
            const keys = await (await caches.open(name)).keys();
            if (keys.some((request) => request.url.includes('pyodide.asm.wasm'))) return true;
          }
          return false;
        }),
      { timeout: controlled.timeout, intervals: [200] },
    )
    .toBe(true);

test('scope: a page outside it gets the runtime from the cache but does not open offline; a wider scope opens it offline', async ({
  browser,
  startServer,
}) => {
  const wasm = '/lib/pyodide/pyodide.asm.wasm';
  // The default scope, /lib/: the post is not controlled, but the runtime worker is (a worker is matched by its
  // own script URL, /lib/assets/...), so the runtime comes from the cache; the page itself does not.
  const narrow = await blogSite(startServer, '');
  let context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(narrow.url);
    expect((await runInPage(tab, 'print("outside")\n')).stdout).toBe('outside\n');
    await precached(tab);
    expect(await tab.evaluate(() => navigator.serviceWorker.controller)).toBeNull();
    const before = { wasm: narrow.hits.get(wasm) ?? 0, page: narrow.hits.get('/posts/page.html') ?? 0 };
    await tab.reload();
    expect((await runInPage(tab, 'print("again")\n')).stdout).toBe('again\n');
    expect(narrow.hits.get(wasm) ?? 0).toBe(before.wasm);
    expect(narrow.hits.get('/posts/page.html') ?? 0).toBe(before.page + 1);
    await context.setOffline(true);
    await expect(tab.reload()).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
  } finally {
    await context.close();
    narrow.close();
  }

  // configure({ serviceWorkerScope: '/' }) with `Service-Worker-Allowed: /` on sw.js: the post is controlled
  // from its next load, its runtime comes from the cache, and it opens and runs offline.
  const wide = await blogSite(startServer, "configure({ serviceWorkerScope: '/' });");
  context = await browser.newContext();
  try {
    const tab = await context.newPage();
    await tab.goto(wide.url);
    expect((await runInPage(tab, 'print("outside")\n')).stdout).toBe('outside\n');
    await precached(tab);
    await controlledByServiceWorker(tab);
    await tab.reload();
    const before = wide.hits.get(wasm) ?? 0;
    expect((await runInPage(tab, 'print("again")\n')).stdout).toBe('again\n');
    expect(wide.hits.get(wasm) ?? 0).toBe(before);
    await context.setOffline(true);
    wide.server.close();
    await tab.reload();
    await expect(tab.locator('py-async-run#p [part="code"]')).toContainText('print("outside")');
    expect((await runInPage(tab, 'print("offline")\n')).stdout).toBe('offline\n');
  } finally {
    await context.close();
    wide.close();
  }
});
