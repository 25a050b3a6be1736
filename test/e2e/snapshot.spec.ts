import { expect, runInPage, test } from './fixtures.js';
import type { BrowserContext, Page } from '@playwright/test';

const SNAPSHOTS = 'py-async-run-snapshots-v1';
const PROGRAM = 'import asyncio\nasync def main():\n    print("from", "python")\nasyncio.run(main())\n';

/** Keeps the `ready` message of every runtime worker the page starts (what the page is told of its start). */
async function recordStarts(page: Page) {
  await page.addInitScript(() => {
    const starts: unknown[] = [];
    (window as unknown as { runtimeStarts: unknown[] }).runtimeStarts = starts;
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (event: MessageEvent<{ type: string; ready?: unknown }>) => {
          if (event.data?.type === 'ready') starts.push(event.data.ready);
        });
      }
    };
  });
  return () =>
    page.evaluate(() => (window as unknown as { runtimeStarts: { fromSnapshot: boolean }[] }).runtimeStarts);
}

/** Opens `url` in a new tab of `context`, runs the program there, and says how its runtime started. */
async function visit(context: BrowserContext, url: string) {
  const tab = await context.newPage();
  const warnings: string[] = [];
  tab.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const starts = await recordStarts(tab);
  await tab.goto(url);
  expect((await runInPage(tab, PROGRAM)).stdout).toBe('from python\n');
  return { tab, warnings, fromSnapshot: (await starts()).map((start) => start.fromSnapshot) };
}

/** The size of the stored snapshot under `key` (or the first one), 0 when there is none. */
function storedSize(page: Page, key?: string) {
  return page.evaluate(
    async ({ name, key }) => {
      const cache = await caches.open(name);
      const stored = await cache.match(key ?? (await cache.keys())[0]?.url ?? '/none');
      return stored ? (await stored.arrayBuffer()).byteLength : 0;
    },
    { name: SNAPSHOTS, key },
  );
}

/** The stored snapshots' keys, once one is there in full (stored after the first run, in the background). */
async function storedSnapshots(page: Page) {
  await expect.poll(() => storedSize(page), { timeout: 30_000 }).toBeGreaterThan(1_000_000);
  return page.evaluate(
    async (name) => (await (await caches.open(name)).keys()).map((request) => request.url),
    SNAPSHOTS,
  );
}

test('the first start stores a snapshot, and the next visit starts from it', async ({
  browser,
  distURL: url,
}) => {
  const context = await browser.newContext();
  try {
    const first = await visit(context, url);
    expect(first.fromSnapshot).toEqual([false]);
    const keys = await storedSnapshots(first.tab);
    expect(keys).toHaveLength(1);
    // Keyed by Pyodide's version, the init code's hash and the mode (stack switching here).
    expect(keys[0]).toMatch(/\/__py-async-run__\/snapshot\/314\.[\d.]+\/[0-9a-f]{16}\/jspi$/);
    expect((await visit(context, url)).fromSnapshot).toEqual([true]);
  } finally {
    await context.close();
  }
});

test('a snapshot that does not load is dropped: a normal start, and a good one stored again', async ({
  browser,
  distURL: url,
}) => {
  const context = await browser.newContext();
  try {
    const first = await visit(context, url);
    const [key] = await storedSnapshots(first.tab);
    // Damaged in storage (a truncated write, a disk error): the same key, bytes that are no snapshot.
    await first.tab.evaluate(
      async ({ name, key }) => (await caches.open(name)).put(key, new Response(new Uint8Array(1024).fill(7))),
      { name: SNAPSHOTS, key },
    );
    const second = await visit(context, url);
    expect(second.fromSnapshot).toEqual([false]);
    expect(second.warnings.some((text) => text.includes('snapshot did not load'))).toBe(true);
    // The normal start made a new snapshot, stored after its first run: the third visit starts from it.
    await expect.poll(() => storedSize(second.tab, key), { timeout: 30_000 }).toBeGreaterThan(1_000_000);
    expect((await visit(context, url)).fromSnapshot).toEqual([true]);
  } finally {
    await context.close();
  }
});

/** The build named in the metadata of the stored snapshot under `key`, '' when there is none. */
function storedBuild(page: Page, key: string) {
  return page.evaluate(
    async ({ name, key }) => {
      const stored = await (await caches.open(name)).match(key);
      return stored?.headers.get('x-py-async-run-build') ?? '';
    },
    { name: SNAPSHOTS, key },
  );
}

test('a snapshot this build did not store is never loaded, though it has the right key', async ({
  browser,
  distURL: url,
}) => {
  const context = await browser.newContext();
  try {
    const first = await visit(context, url);
    const [key] = await storedSnapshots(first.tab);
    // Written by another build, or by any script of the origin (a program's own `js`): real snapshot bytes
    // under the worker's key, once with no metadata and once claiming another build.
    for (const build of [null, '0.0.0+other']) {
      await expect.poll(() => storedSize(first.tab, key), { timeout: 30_000 }).toBeGreaterThan(1_000_000);
      await first.tab.evaluate(
        async ({ name, key, build }) => {
          const cache = await caches.open(name);
          const bytes = await (await cache.match(key))!.arrayBuffer();
          const headers = build
            ? { 'x-py-async-run-build': build, 'x-py-async-run-bytes': String(bytes.byteLength) }
            : undefined;
          await cache.put(key, new Response(bytes, { headers }));
        },
        { name: SNAPSHOTS, key, build },
      );
      const crafted = await visit(context, url);
      expect(crafted.fromSnapshot).toEqual([false]);
      expect(crafted.warnings.some((text) => text.includes('snapshot did not load'))).toBe(true);
      // The normal start stores a good one again after its first run (its tab stays open meanwhile).
      await expect.poll(() => storedBuild(first.tab, key), { timeout: 30_000 }).toMatch(/\d/);
      await crafted.tab.close();
    }
    expect((await visit(context, url)).fromSnapshot).toEqual([true]);
  } finally {
    await context.close();
  }
});
