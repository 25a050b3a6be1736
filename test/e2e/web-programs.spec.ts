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
        hosts: { 'httpbin.org': cors.url, 'no-cors.test': closed.url },
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
        const result = await runInPage(page, program.source);
        expect(result.stderr, JSON.stringify(result.error)).toBe('');
        expect(result.stdout, program.why ?? 'as CPython printed').toBe(program.expected);
      });
    }
  });
}
