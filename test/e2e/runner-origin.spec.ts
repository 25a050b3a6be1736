import type { Page } from '@playwright/test';
import { expect, runInPage, test, type Served, type ServeOptions } from './fixtures.js';

/**
 * configure({ runnerOrigin }): the page on http://127.0.0.1:A, the same dist/ deployed as the runner on
 * http://localhost:B, two origins as a site and a cookie-less subdomain. A program must run as usual there,
 * with none of the page's cookies or storage.
 */

type Route = NonNullable<ServeOptions['route']>;

let site: Served;
let runner: Served;

// dist/ on two hosts, each with `route` answering the requests it takes before the static files.
test.beforeAll(async ({ startWorkerServer }) => {
  const serveDist = (host: string, route: Route) => startWorkerServer({ host, route });
  // The page's origin echoes the cookies a request carried, to anyone (CORS *, without credentials).
  site = await serveDist('127.0.0.1', (req, res) => {
    // ?frames=self: the page's Content-Security-Policy allows frames from its own origin only.
    if (req.url?.includes('?frames=self')) res.setHeader('content-security-policy', "frame-src 'self'");
    if (!req.url?.startsWith('/echo-cookies')) return false;
    res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
    res.end(`cookies: ${req.headers.cookie ?? ''}`);
    return true;
  });
  // The runner's origin also serves a page that impersonates a runner frame to its parent.
  runner = await serveDist('localhost', (req, res) => {
    if (!req.url?.startsWith('/forger.html')) return false;
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><script>
      const forged = { kind: 'message', data: { type: 'output', id: 1, stream: 'stdout', text: 'forged\\n' } };
      setInterval(() => {
        parent.postMessage({ type: 'py-async-run:runner-hello' }, '*');
        parent.postMessage(forged, '*');
      }, 5);
    </script>`);
    return true;
  });
});

/** Opens the page, gives it a cookie and storage, and configures the runner origin. */
async function openPage(page: Page, runnerOrigin: string, query = '') {
  await page.goto(site.url + query);
  await page.evaluate(async (folder) => {
    document.cookie = 'secret=page-cookie; path=/';
    localStorage.setItem('secret', 'page-storage');
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('page-secrets', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('secrets').put('page-idb', 'secret');
      open.onsuccess = () => {
        open.result.close();
        resolve();
      };
      open.onerror = () => reject(open.error);
    });
    const api = (await import(new URL('./py-async-run.js', document.baseURI).href)) as {
      configure(options: unknown): void;
    };
    api.configure({ runnerOrigin: folder });
  }, runnerOrigin);
}

test.describe('a page with a runner origin', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  test.beforeAll(async ({ browser }) => {
    page = await browser.newPage();
    await openPage(page, runner.url);
  });
  test.afterAll(() => page.close());

  test("runs programs as usual, on the runner's origin", async () => {
    const printed = await runInPage(
      page,
      // The origin a request of the program resolves against (js.location's getters throw "Illegal
      // invocation" through Pyodide's proxy of a worker's global scope, on any origin).
      'import sys, js\nprint("out", js.URL.new(js.Request.new("/").url).origin)\nprint("err", file=sys.stderr)\n',
    );
    expect(printed.error?.message).toBeUndefined();
    expect(printed.status).toBe('ok');
    expect(printed.stdout).toBe(`out ${new URL(runner.url).origin}\n`);
    expect(printed.stderr).toBe('err\n');
    const failed = await runInPage(page, 'x = 1\nraise ValueError("boom")\n');
    expect(failed.status).toBe('error');
    expect(failed.error?.type).toBe('ValueError');
    expect(failed.error?.line).toBe(2);
    expect(failed.error?.traceback).toContain('line 2');
    // One frame for the page, hidden from sight and from assistive technology, kept between runs.
    const frames = await page.evaluate(() =>
      [...document.querySelectorAll('iframe')].map((frame) => ({
        src: frame.src,
        hidden: frame.hidden,
        ariaHidden: frame.getAttribute('aria-hidden'),
        title: frame.title,
      })),
    );
    expect(frames).toEqual([
      { src: `${runner.url}runner.html`, hidden: true, ariaHidden: 'true', title: 'Python runner' },
    ]);
  });

  test("a program's request to the page's origin carries none of its cookies", async () => {
    const echo = `${site.url}echo-cookies`;
    // The page's own request carries the cookie: the echo would show it.
    expect(await page.evaluate((url) => fetch(url).then((r) => r.text()), echo)).toContain(
      'secret=page-cookie',
    );
    const result = await runInPage(
      page,
      `import asyncio, js\nasync def main():\n    response = await js.fetch("${echo}")\n` +
        '    print(await response.text())\nasyncio.run(main())\n',
    );
    expect(result.stdout).toBe('cookies: \n');
  });

  test("a program cannot see the page's IndexedDB", async () => {
    // Through run_js: the worker's global getters (js.indexedDB) throw "Illegal invocation" through Pyodide's
    // proxy on any origin. Storage taken away altogether (an error) counts as not seen either.
    const result = await runInPage(
      page,
      'import asyncio\nfrom pyodide.code import run_js\nasync def main():\n    try:\n' +
        '        names = [db.name for db in await run_js("indexedDB.databases()")]\n' +
        '    except Exception:\n        names = []\n    print("page-secrets" in names)\nasyncio.run(main())\n',
    );
    expect(result.stdout).toBe('False\n');
  });

  test('input() asks the reader', async () => {
    const running = page.evaluate(async () => {
      const el = document.createElement('py-async-run');
      el.id = 'asking';
      el.code = 'name = input("Name? ")\nprint(f"Hello, {name}!")\n';
      document.body.append(el);
      const result = await el.run();
      el.remove();
      return result;
    });
    const field = page.locator('#asking [part="input-field"]');
    await field.fill('Ada');
    await field.press('Enter');
    const result = await running;
    expect(result.stdout).toBe('Name? Hello, Ada!\n');
  });

  test('Stop ends a program that computes forever, and the next run starts a fresh runtime', async () => {
    // A mark on the worker's global: only a fresh runtime loses it (the interpreter's state is put back anyway).
    await runInPage(page, 'import js\njs.eval("self.x = 1")\n');
    const running = page.workers();
    expect(running.map((worker) => new URL(worker.url()).origin)).toEqual([new URL(runner.url).origin]);
    const ended: unknown[] = [];
    for (const worker of running) worker.on('close', () => ended.push(worker));
    const stopped = await page.evaluate(async () => {
      const el = document.createElement('py-async-run');
      el.code = 'print("spinning")\nwhile True:\n    pass\n';
      document.body.append(el);
      const printed = new Promise((resolve) => el.addEventListener('py-output', resolve, { once: true }));
      const running = el.run();
      await printed;
      el.stop();
      const result = await running;
      el.remove();
      return result;
    });
    // The runner frame ended that worker (Playwright sees the workers of the page's frames too).
    await expect.poll(() => ended.length, { timeout: 30_000 }).toBe(running.length);
    expect(stopped.status).toBe('stopped');
    expect(stopped.stdout).toBe('spinning\n');
    const next = await runInPage(page, 'import js\nprint(js.eval("typeof self.x"))\n');
    expect(next.stdout).toBe('undefined\n');
    expect(await page.locator('iframe').count()).toBe(1);
  });
});

test('messages posted to the page by other windows are not taken for the runner', async ({ page }) => {
  // A frame of the runner's own origin says hello and posts output before the real runner frame exists.
  await openPage(page, runner.url);
  await page.evaluate(async (forger) => {
    const frame = document.createElement('iframe');
    frame.src = forger;
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
    setInterval(() => window.postMessage({ kind: 'message', data: { type: 'ready', id: 1 } }, '*'), 5);
  }, `${runner.url}forger.html`);
  const result = await runInPage(page, 'print("real")\n');
  expect(result.status).toBe('ok');
  expect(result.stdout).toBe('real\n');
});

test('a runner that does not answer fails the start with runner-unavailable', async ({ page }) => {
  await openPage(page, `${runner.url}missing/`);
  const t0 = Date.now();
  const result = await runInPage(page, 'print("never")\n');
  expect(result.status).toBe('error');
  expect(result.error?.message).toBe(
    `Python could not start: its runner at ${runner.url}missing/runner.html did not answer ` +
      "(a wrong runnerOrigin, the runner offline, or the page's Content-Security-Policy frame-src refusing it).",
  );
  // Within the grace after the frame's page loaded, not the 30 s limit.
  expect(Date.now() - t0).toBeLessThan(15_000);
});

test("a runner the page's frame-src refuses fails the start with runner-unavailable", async ({ page }) => {
  await openPage(page, runner.url, '?frames=self');
  const t0 = Date.now();
  const result = await runInPage(page, 'print("never")\n');
  expect(result.status).toBe('error');
  expect(result.error?.message).toContain(`its runner at ${runner.url}runner.html did not answer`);
  expect(Date.now() - t0).toBeLessThan(15_000);
});
