import { test as base, type Page } from '@playwright/test';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { resolve } from 'node:path';
// @ts-expect-error - plain JS server shared with `npm start`
import { serve } from '../../scripts/serve.js';

// PY_ASYNC_RUN_OUT_DIR: test a build made elsewhere (as vite.config.ts writes it).
export const distDir = resolve(import.meta.dirname, '../..', process.env.PY_ASYNC_RUN_OUT_DIR ?? 'dist');

/** What scripts/serve.js takes: the folder (dist/ unless said), and how to serve it. */
export interface ServeOptions {
  dir?: string;
  host?: string;
  /** A fixed port (0, the default, picks a free one): to bring a closed server back at the same origin. */
  port?: number;
  /** The path the files are served under, with slashes at both ends ('/assets/py/'). */
  prefix?: string;
  /** Cross-origin isolation headers (COOP, COEP, CORP) on every file. */
  isolated?: boolean;
  /** `access-control-allow-origin: *` on every file, as a CDN sends. */
  cors?: boolean;
  /** Extra response headers for a file, by its URL path. */
  headers?: (pathname: string) => Record<string, string | undefined>;
  /** Answers a request itself (returning true) before the files are looked at. */
  route?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** A running server and its base URL (ending in its prefix). */
export interface Served {
  url: string;
  server: Server;
}

/** Starts a server, closed for the caller when the fixture that handed it out ends. */
export type StartServer = (options?: ServeOptions) => Promise<Served>;

/** Starts scripts/serve.js on a free port (dist/ unless `options.dir` says otherwise). */
function startServing(options: ServeOptions): Promise<Served> {
  return serve({ dir: distDir, ...options }) as Promise<Served>;
}

/**
 * Closes a server, ending the browser's open connections (a page still open would otherwise keep it alive).
 * A server the test closed itself (to go offline) is already closed: that is fine.
 */
function stopServing({ server }: Served): Promise<void> {
  server.closeAllConnections();
  return new Promise((done) => server.close(() => done()));
}

/** Servers started on demand, all closed when the fixture's scope ends. */
async function serversFor(use: (start: StartServer) => Promise<void>) {
  const started: Served[] = [];
  try {
    await use(async (options = {}) => {
      const served = await startServing(options);
      started.push(served);
      return served;
    });
  } finally {
    await Promise.all(started.map(stopServing));
  }
}

interface TestFixtures {
  /**
   * Starts a server for this test alone, closed when the test ends: for a test that needs headers, a
   * prefix, another folder or host, its own routes, or a server it may close (to go offline).
   */
  startServer: StartServer;
}

interface WorkerFixtures {
  /** The base URL of dist/, served as `npm start` serves it, one server for all the tests of a worker. */
  distURL: string;
  /** The base URL of dist/ served cross-origin isolated (shared memory), one server per worker. */
  isolatedURL: string;
  /** Starts a server that lives until the worker ends: for servers a `beforeAll` sets up. */
  startWorkerServer: StartServer;
}

/**
 * Playwright's test with the servers as fixtures. Each test has a fresh browser context (its own caches,
 * storage and service workers), so tests can share one origin; a test that changes its server (routes,
 * headers, closing it) starts its own.
 */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  startServer: async ({}, use) => serversFor(use),
  startWorkerServer: [async ({}, use) => serversFor(use), { scope: 'worker' }],
  distURL: [async ({ startWorkerServer }, use) => use((await startWorkerServer()).url), { scope: 'worker' }],
  isolatedURL: [
    async ({ startWorkerServer }, use) => use((await startWorkerServer({ isolated: true })).url),
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';

/** Creates an element with `code` in the page and resolves with its RunResult. */
export function runInPage(page: Page, code: string) {
  return page.evaluate(async (source) => {
    const el = document.createElement('py-async-run');
    el.code = source;
    document.body.append(el);
    const result = await el.run();
    el.remove();
    return result;
  }, code);
}

/** Calls `configure(options)` in the open page, through the bundle beside it (before any run). */
export async function configureInPage(page: Page, options: object) {
  await page.evaluate(async (opts) => {
    const api = (await import(new URL('./py-async-run.js', document.baseURI).href)) as {
      configure(o: unknown): void;
    };
    api.configure(opts);
  }, options);
}

/** Opens the demo page and, before any run, configures the runtime. */
export async function openConfigured(page: Page, url: string, options: { stackSwitching: boolean }) {
  await page.goto(url);
  await configureInPage(page, options);
}

/**
 * Waits until the service worker controls the page: the first run registers it, installing precaches the
 * runtime (a minute on a busy machine), then it claims the page.
 */
export async function controlledByServiceWorker(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 60_000,
  });
}
