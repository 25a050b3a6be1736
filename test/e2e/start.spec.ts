import { expect, runInPage, test, type StartServer } from './fixtures.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';

const PROGRAM = 'import asyncio\nasync def main():\n    print("started")\nasyncio.run(main())\n';

/** Records every worker the page creates, and the settings each is told to start with. */
async function recordWorkers(page: Page) {
  await page.addInitScript(() => {
    const created: { at: number; url: string; init?: unknown }[] = [];
    (window as unknown as { workersCreated: typeof created }).workersCreated = created;
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        const record: (typeof created)[number] = { at: performance.now(), url: String(url) };
        created.push(record);
        const post = this.postMessage.bind(this);
        this.postMessage = (message: { type?: string; init?: unknown }, ...rest: unknown[]) => {
          if (message?.type === 'init') record.init = message.init;
          (post as (...args: unknown[]) => void)(message, ...rest);
        };
      }
    };
  });
  return () =>
    page.evaluate(
      () =>
        (window as unknown as { workersCreated: { at: number; url: string; init?: unknown }[] })
          .workersCreated,
    );
}

/** A site folder with one page, served on its own. */
async function site(startServer: StartServer, html: string) {
  const dir = mkdtempSync(join(tmpdir(), 'par-start-'));
  writeFileSync(join(dir, 'index.html'), html);
  return startServer({ dir, host: 'localhost' });
}

test('the first Run starts one worker, before the runtime client is fetched', async ({
  page,
  distURL: url,
}) => {
  const workers = await recordWorkers(page);
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('py-async-run'));
  const result = await runInPage(page, PROGRAM);
  expect(result.stdout).toBe('started\n');
  const created = await workers();
  expect(created).toHaveLength(1);
  // The client chunk (client-<hash>.js) was requested after the worker was created, not before.
  const clientRequested = await page.evaluate(
    () =>
      performance.getEntriesByType('resource').find((entry) => /\/client-[\w-]+\.js$/.test(entry.name))
        ?.startTime,
  );
  expect(clientRequested).toBeDefined();
  expect(created[0].at).toBeLessThanOrEqual(clientRequested!);
});

test('configure() in a later module script still applies: the worker started early is replaced', async ({
  page,
  startServer,
}) => {
  const cdn = await startServer({ cors: true });
  const bundle = `${cdn.url}py-async-run.js`;
  // A preloading element starts the worker as the bundle defines it; the page configures right after.
  const page2 = await site(
    startServer,
    `<!doctype html><script type="module" src="${bundle}"></script>
     <py-async-run id="x" preload="eager"><script type="text/python">${PROGRAM}</script></py-async-run>
     <script type="module">
       import { configure } from '${bundle}';
       try { configure({ stackSwitching: false }); window.configured = 'yes'; }
       catch (error) { window.configured = error.code; }
     </script>`,
  );
  const workers = await recordWorkers(page);
  await page.goto(page2.url);
  await page.waitForFunction(() => (window as unknown as { configured?: string }).configured);
  expect(await page.evaluate(() => (window as unknown as { configured: string }).configured)).toBe('yes');
  const result = await page.evaluate(() => document.querySelector('py-async-run')!.run());
  expect(result.stdout).toBe('started\n');
  const created = await workers();
  const inits = created.map((worker) => (worker.init as { stackSwitching: boolean }).stackSwitching);
  // The worker started early had the defaults; the one that ran was told what configure() said.
  expect(inits.at(-1)).toBe(false);
  expect(inits).toEqual([true, false]);
});

test('a cache-busting query on the bundle URL (WordPress adds ?ver=) loads the embed once', async ({
  page,
  startServer,
}) => {
  const cdn = await startServer({ cors: true });
  const page2 = await site(
    startServer,
    `<!doctype html><script type="module" src="${cdn.url}py-async-run.js?ver=6.4"></script>
     <py-async-run id="x"><script type="text/python">${PROGRAM}</script></py-async-run>`,
  );
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(page2.url);
  await page.waitForFunction(() => customElements.get('py-async-run'));
  const result = await page.evaluate(() => document.querySelector('py-async-run')!.run());
  expect(result.stdout).toBe('started\n');
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name))
      .filter((url) => url.pathname.endsWith('.js'))
      .map((url) => url.pathname.split('/').pop()! + url.search),
  );
  // The lazy chunks import the embed chunk, never the entry: one entry, one copy of the element.
  expect(scripts.filter((name) => name.startsWith('py-async-run.js'))).toEqual(['py-async-run.js?ver=6.4']);
  expect(scripts.filter((name) => name.startsWith('embed-'))).toHaveLength(1);
  expect(errors).toEqual([]);
});

for (const attribute of ['preload="eager"', 'autorun']) {
  test(`an element with ${attribute} in the page's markup starts the worker before its first render`, async ({
    page,
    startServer,
  }) => {
    const cdn = await startServer({ cors: true });
    const page2 = await site(
      startServer,
      `<!doctype html><script type="module" src="${cdn.url}py-async-run.js"></script>
       <py-async-run id="x" ${attribute}><script type="text/python">${PROGRAM}</script></py-async-run>`,
    );
    // What the element had drawn when the worker was created: its Run button comes with the first render.
    await page.addInitScript(() => {
      const Original = window.Worker;
      window.Worker = class extends Original {
        constructor(url: string | URL, options?: WorkerOptions) {
          super(url, options);
          const root = document.querySelector('py-async-run')?.shadowRoot;
          (window as unknown as { drawnAtWorker: boolean }).drawnAtWorker = Boolean(
            root?.querySelector('button'),
          );
        }
      };
    });
    await page.goto(page2.url);
    await page.waitForFunction(() => 'drawnAtWorker' in window);
    expect(await page.evaluate(() => (window as unknown as { drawnAtWorker: boolean }).drawnAtWorker)).toBe(
      false,
    );
    // And the element still draws and runs as usual.
    if (attribute === 'autorun') {
      await expect(page.locator('py-async-run [part="output"]')).toContainText('started', {
        timeout: 60_000,
      });
    }
    await expect(page.locator('py-async-run').getByRole('button', { name: 'Run' })).toBeVisible();
  });
}

test("a first start fetches each of Pyodide's files once, though the worker asks for them early", async ({
  page,
  distURL: url,
}) => {
  const fetched: string[] = [];
  // Requests of the page's workers are the page's requests here (Chromium).
  page.on('request', (request) => {
    const name = new URL(request.url()).pathname.split('/').pop()!;
    // The start-up part of the standard library (see scripts/stdlib-split.js) is named by the build's hash.
    if (/^(pyodide|python_stdlib|stdlib-)/.test(name))
      fetched.push(name.replace(/-[0-9a-f]+\.zip$/, '-….zip'));
  });
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('py-async-run'));
  const result = await runInPage(page, PROGRAM);
  expect(result.stdout).toBe('started\n');
  expect(fetched.sort()).toEqual([
    'pyodide-lock.json',
    'pyodide.asm.mjs',
    'pyodide.asm.wasm',
    'pyodide.mjs',
    'stdlib-….zip',
  ]);
});

test("a first start imports the runtime's modules from the bytecode the build compiled", async ({
  page,
  distURL: url,
}) => {
  await page.goto(url);
  await page.waitForFunction(() => customElements.get('py-async-run'));
  const result = await runInPage(page, CHECK_BYTECODE);
  // Flags 3: a checked-hash .pyc, as the build writes them (Python itself would have written a timestamped
  // one, flags 0, had it compiled the source); its hash is the one of the source beside it.
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe('entry.py 3 True\nloop.py 3 True\nprogram.py 3 True\n');
});

// Programs cannot import the runtime's modules (they are out of sys.modules during a run): the files are read
// where the worker wrote them, the .pyc where Python looks for it (and would have rewritten it, timestamped,
// had it compiled the source itself).
const CHECK_BYTECODE = `import importlib.util, os
for name in ('entry', 'loop', 'program'):
    path = '/lib/py_async_run/py_async_run/' + name + '.py'
    with open(importlib.util.cache_from_source(path), 'rb') as f:
        data = f.read()
    with open(path, 'rb') as f:
        source = f.read()
    flags = int.from_bytes(data[4:8], 'little')
    print(os.path.basename(path), flags, data[8:16] == importlib.util.source_hash(source))
`;
