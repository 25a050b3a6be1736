import type { Page } from '@playwright/test';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, createServer } from 'vite';
import webpack, { type Configuration, type Stats } from 'webpack';
import { copyApp, packProject } from './bundler-apps.js';
import { expect, test } from './fixtures.js';

// Each app is built from `npm pack` of the project (see bundler-apps.ts); one at a time, as CI runs them.
test.describe.configure({ mode: 'serial' });
test.beforeAll(() => {
  packProject();
});

/** Clicks the element's Run button; resolves once the app wrote `expected` from its `py-run-end` event. */
async function runAndExpect(page: Page, expected: string): Promise<void> {
  await page.locator('py-async-run [part="run-button"]').click();
  await expect.poll(() => page.locator('#result').textContent(), { timeout: 120_000 }).toBe(expected);
}

/** Builds an app with Vite (its own vite.config.js) and returns its output folder. */
async function viteBuild(app: string): Promise<string> {
  const folder = copyApp(app);
  await build({ root: folder, logLevel: 'warn', clearScreen: false });
  return `${folder}/dist`;
}

test('Vite dev server: `import "py-async-run"` runs with the plugin as the whole configuration', async ({
  page,
}) => {
  const server = await createServer({
    root: copyApp('vite'),
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0 },
  });
  try {
    await server.listen();
    await page.goto(server.resolvedUrls!.local[0]!);
    await runAndExpect(page, 'ok: hello from vite\n');
  } finally {
    await server.close();
  }
});

test('Vite build: the built app finds the worker, Pyodide and the service worker', async ({
  page,
  startServer,
}) => {
  const { url } = await startServer({ dir: await viteBuild('vite') });
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(url);
  await runAndExpect(page, 'ok: hello from vite\n');
  // The first run registers the service worker: its precache list is all there (a 404 fails its install).
  await expect
    .poll(
      () => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations())[0]?.active?.state),
      {
        timeout: 60_000,
      },
    )
    .toBe('activated');
  expect(failed).toEqual([]);
});

test('CDN: the script tag loads the npm package from another origin (CORS) and runs', async ({
  page,
  startServer,
}) => {
  // The package as jsDelivr serves it (`/npm/py-async-run@version/dist/...`), on an origin of its own.
  const cdn = await startServer({ dir: packProject(), prefix: '/npm/py-async-run@0/', cors: true });
  const html = readFileSync(join(copyApp('cdn'), 'index.html'), 'utf8').replace(
    'CDN_URL',
    cdn.url.slice(0, -1),
  );
  const { url } = await startServer({
    route: (req, res) => {
      if (req.url !== '/') return false;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
      return true;
    },
  });
  expect(new URL(url).origin).not.toBe(new URL(cdn.url).origin);
  await page.goto(url);
  await runAndExpect(page, 'ok: hello from a CDN\n');
});

test('webpack 5: a production build with PyAsyncRunPlugin runs', async ({ page, startServer }) => {
  const folder = copyApp('webpack');
  const { default: config } = (await import(pathToFileURL(join(folder, 'webpack.config.js')).href)) as {
    default: Configuration;
  };
  const stats = await new Promise<Stats | undefined>((done, fail) =>
    webpack(config, (error, result) => (error ? fail(error) : done(result))),
  );
  expect(stats?.toString({ all: false, errors: true, warnings: true })).toBe('');
  const { url } = await startServer({ dir: folder });
  await page.goto(url);
  await runAndExpect(page, 'ok: hello from webpack\n');
});

test('any bundler: a copy of dist/ and configure({ baseURL }), with no plugin', async ({
  page,
  startServer,
}) => {
  const out = await viteBuild('copy');
  cpSync(join(packProject(), 'dist'), join(out, 'py-async-run'), { recursive: true });
  const { url } = await startServer({ dir: out });
  await page.goto(url);
  await runAndExpect(page, 'ok: hello from a copy\n');
});

for (const framework of ['react', 'vue', 'svelte']) {
  test(`${framework}: renders the element, sets its properties, hears py-run-end; unmounting stops the run`, async ({
    page,
    startServer,
  }) => {
    const { url } = await startServer({ dir: await viteBuild(framework) });
    await page.goto(url);
    // Two re-renders set `code` anew on the same element.
    await page.click('#rerender');
    await page.click('#rerender');
    await runAndExpect(page, `ok: ${framework} 2\n`);
    // A program that never ends (its `timeout` property is 600 s), unmounted while it runs.
    await page.click('#forever');
    await page.locator('py-async-run [part="run-button"]').click();
    await expect(page.locator('py-async-run [part="output"]')).toContainText('tick 2', { timeout: 60_000 });
    await page.click('#unmount');
    await expect(page.locator('py-async-run')).toHaveCount(0);
    // A framework that keeps the element's listener after unmounting (Vue) hears the run end as stopped.
    await expect(page.locator('#result')).toHaveText(/^(stopped: tick 0\n[^]*)?$/);
    // The page runs one program at a time: a new element's run ends only if the old one was stopped.
    await page.click('#mount');
    await runAndExpect(page, `ok: ${framework} 2\n`);
  });
}
