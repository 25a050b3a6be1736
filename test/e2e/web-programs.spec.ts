import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { configureInPage, expect, runInPage, test, type Served } from './fixtures.js';
// @ts-expect-error - plain JS test server
import { startHttpbin } from '../servers/httpbin.js';
// @ts-expect-error - plain JS script of the suite
import { WEB_WHEELS_DIR, webWheels } from '../packages/web-wheels.js';

/**
 * The HTTP client programs of test/programs/web/ (aiohttp, httpx, requests, urllib.request, http.client, raw
 * HTTP over `open_connection(..., ssl=True)`, a CORS refusal), run for real: the runtime's socket layer hands
 * their connections to the web peer, which fetches from the suite's httpbin through the host map. Their
 * libraries come from the repacked wheels' lock file (test/packages/web-wheels.js, built here on first use),
 * never from Pyodide's CDN. Each runs with stack switching and without: the output must be what CPython printed.
 */

interface Httpbin {
  url: string;
  close(): Promise<void>;
}

interface ProgramCase {
  name: string;
  source: string;
  expected: string;
  /** Why the program's output is not CPython's (its .json); see the folder's README. */
  why?: string;
}

const folder = resolve(import.meta.dirname, '../programs/web');

function readWebPrograms(): ProgramCase[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.py'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -3);
      const json = join(folder, `${name}.json`);
      const meta = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')) as { why?: string }) : {};
      return {
        name,
        source: readFileSync(join(folder, file), 'utf8'),
        expected: readFileSync(join(folder, `${name}.out`), 'utf8'),
        why: meta.why,
      };
    });
}

/** The wheels' lock file, or why there is none: only a missing pip skips the suite; anything else fails it. */
function wheelsOrSkip(): string | null {
  try {
    webWheels();
    return null;
  } catch (error) {
    const text = String((error as { stderr?: unknown }).stderr ?? '') + String(error);
    if (/No module named pip|ENOENT/.test(text))
      return `pip is missing, so the HTTP libraries cannot be fetched: ${text}`;
    throw error;
  }
}

const programs = readWebPrograms();

/**
 * What does not work yet (issue #16), by mode and program, with why: skipped here, not hidden, so that the
 * list is the work left. Blocking socket reads without stack switching block the worker, so fetch's answer
 * cannot come; urllib3 (requests) fetches by itself, and with stack switching its `run_sync` of the fetch
 * never returns in the runtime's step loop.
 */
const NOT_YET: Record<'with' | 'without', Record<string, string>> = {
  with: {
    'requests-get': "urllib3's run_sync(fetch) does not return inside the runtime's steps",
    'requests-to-thread': "urllib3's run_sync(fetch) does not return inside the runtime's steps",
  },
  without: {
    'http-client': 'a blocking read waits for a fetch the blocked worker cannot finish',
    'httpx-sync': 'a blocking read waits for a fetch the blocked worker cannot finish',
    'urllib-request': 'a blocking read waits for a fetch the blocked worker cannot finish',
    'requests-get': "urllib3's XMLHttpRequest answer has no reason phrase ('200 ' for '200 OK')",
  },
};

/** `url` with the host name `localhost` in place of its loopback address. */
function onLocalhost(url: string): string {
  const parsed = new URL(url);
  parsed.hostname = 'localhost';
  return parsed.href;
}

for (const stackSwitching of [true, false]) {
  test.describe(`web programs, ${stackSwitching ? 'with' : 'without'} stack switching`, () => {
    let cors: Httpbin;
    let closed: Httpbin;
    let wheels: Served;
    let page: Page;
    let skipped: string | null = null;

    test.beforeAll(async ({ browser, startWorkerServer, distURL }) => {
      skipped = wheelsOrSkip();
      if (skipped) return;
      cors = (await startHttpbin({ cors: true })) as Httpbin;
      closed = (await startHttpbin({ cors: false })) as Httpbin;
      wheels = await startWorkerServer({ dir: WEB_WHEELS_DIR as string, cors: true });
      page = await browser.newPage();
      await page.goto(distURL);
      await configureInPage(page, {
        stackSwitching,
        // By the name `localhost`: the page is served from 127.0.0.1, and a program's XMLHttpRequest (requests
        // uses one) to the page's own site is refused under requestCredentials 'omit'.
        hosts: { 'httpbin.org': onLocalhost(cors.url), 'no-cors.test': onLocalhost(closed.url) },
        lockFileURL: `${wheels.url}pyodide-lock.json`,
        packageIndexURL: wheels.url,
      });
    });

    test.afterAll(async () => {
      await page?.close();
      await cors?.close();
      await closed?.close();
    });

    for (const program of programs) {
      test(program.name, async () => {
        test.skip(skipped !== null, skipped ?? '');
        const notYet = NOT_YET[stackSwitching ? 'with' : 'without'][program.name];
        test.fixme(notYet !== undefined, notYet);
        const result = await runInPage(page, program.source);
        expect(result.stderr, JSON.stringify(result.error)).toBe('');
        const why = program.why ?? 'as CPython printed';
        expect(result.stdout, `${why} (${result.status}: ${JSON.stringify(result.tips)})`).toBe(
          program.expected,
        );
      });
    }
  });
}
