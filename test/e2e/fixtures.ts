import { test as base, type Page } from '@playwright/test';
import { resolve } from 'node:path';
// @ts-expect-error - plain JS server shared with `npm start`
import { serve } from '../../scripts/serve.js';

// PY_ASYNC_RUN_OUT_DIR: test a build made elsewhere (as vite.config.ts writes it).
export const distDir = resolve(import.meta.dirname, '../..', process.env.PY_ASYNC_RUN_OUT_DIR ?? 'dist');

/** A static server for dist/, started for one test file. */
export async function startServer(options: Record<string, unknown> = {}) {
  return (await serve({ dir: distDir, ...options })) as { url: string; server: import('node:http').Server };
}

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

/** Opens the demo page and, before any run, configures the runtime. */
export async function openConfigured(page: Page, url: string, options: { stackSwitching: boolean }) {
  await page.goto(url);
  await page.evaluate(async (opts) => {
    const api = (await import(new URL('./py-async-run.js', document.baseURI).href)) as {
      configure(o: unknown): void;
    };
    api.configure(opts);
  }, options);
}

export const test = base;
export { expect } from '@playwright/test';
