#!/usr/bin/env node
/**
 * The engine suite: runs our test programs and the shared corpus (when present) through `el.run()` in
 * Firefox ESR (puppeteer-core over WebDriver BiDi) and WebKitGTK (WebKitWebDriver + MiniBrowser, which
 * needs a display: run under `xvfb-run -a`), against the built dist/. Playwright cannot drive either here
 * (it needs its own patched builds, which cannot be downloaded). Chromium is covered by the Playwright suite.
 *
 * Prints one line per case, a total per engine, and writes test-results/engines.json. An engine whose
 * browser is not installed is reported as skipped, not failed; PY_ASYNC_RUN_ENGINES=firefox,webkit picks.
 * PY_ASYNC_RUN_CASES=sockets- runs only the cases whose name contains one of these comma-separated parts.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.js';
import { readCorpus } from '../e2e/corpus.js';
import { judge } from '../programs/judge.js';
import { readPrograms } from '../programs/read.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FIREFOX = process.env.PY_ASYNC_RUN_FIREFOX ?? '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.PY_ASYNC_RUN_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
const MINIBROWSER =
  process.env.PY_ASYNC_RUN_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const CASE_TIMEOUT_MS = 60_000;

/** Runs one program in the page (the demo) through a fresh element; resolves with its RunResult. */
async function runInPage(source) {
  const el = document.createElement('py-async-run');
  el.code = source;
  document.body.append(el);
  try {
    return await el.run();
  } finally {
    el.remove();
  }
}

async function withFirefox(url, body) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    await page.waitForFunction(() => customElements.get('py-async-run'));
    await body(
      (code) => page.evaluate(runInPage, code),
      async () => {
        await page.reload();
        await page.waitForFunction(() => customElements.get('py-async-run'));
      },
    );
  } finally {
    await browser.close();
  }
}

async function withWebKit(url, body) {
  const { Builder } = await import('selenium-webdriver');
  const port = 4444 + Math.floor(Math.random() * 1000);
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: 'ignore' });
  try {
    for (let i = 0; ; i++) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/status`);
        if (response.ok) break;
      } catch {
        if (i > 100) throw new Error('WebKitWebDriver did not start');
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const session = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
      })
      .build();
    try {
      await session.manage().setTimeouts({ script: CASE_TIMEOUT_MS });
      await session.get(url);
      await session.wait(
        async () => session.executeScript("return !!customElements.get('py-async-run')"),
        30_000,
      );
      await body(
        (code) =>
          session.executeAsyncScript(
            `const done = arguments[arguments.length - 1];
           (${runInPage})(arguments[0]).then(done, (error) => done({ status: 'crash', stdout: '', stderr: String(error) }));`,
            code,
          ),
        async () => {
          await session.navigate().refresh();
          await session.wait(
            async () => session.executeScript("return !!customElements.get('py-async-run')"),
            30_000,
          );
        },
      );
    } finally {
      await session.quit();
    }
  } finally {
    driver.kill();
  }
}

const ENGINES = {
  firefox: { available: () => existsSync(FIREFOX), open: withFirefox },
  webkit: {
    available: () => existsSync(WEBKIT_DRIVER) && existsSync(MINIBROWSER) && Boolean(process.env.DISPLAY),
    open: withWebKit,
  },
};

function withTimeout(promise, ms) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no result after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function main() {
  const wanted = (process.env.PY_ASYNC_RUN_ENGINES ?? 'firefox,webkit').split(',').filter(Boolean);
  const parts = (process.env.PY_ASYNC_RUN_CASES ?? '').split(',').filter(Boolean);
  const cases = [
    ...readPrograms().map((p) => ({ ...p, name: `programs/${p.name}` })),
    ...readCorpus().map((c) => ({ ...c, name: `corpus/${c.name}` })),
  ].filter((c) => parts.length === 0 || parts.some((part) => c.name.includes(part)));
  const { url, server } = await serve({ dir: resolve(root, 'dist') });
  const report = {};
  let passed = 0;
  let failed = 0;
  try {
    for (const name of wanted) {
      const engine = ENGINES[name];
      if (!engine?.available()) {
        console.log(`${name}: skipped (browser or display not available)`);
        report[name] = { skipped: true };
        continue;
      }
      const results = { passed: 0, failed: 0, failures: {} };
      report[name] = results;
      try {
        await engine.open(url, async (runProgram, reload) => {
          // A later visit starts Python from the memory snapshot the first one stored: run the first cases
          // again after a reload, so that path is judged in every engine too.
          const again = cases.slice(0, 3).map((c) => ({ ...c, name: `${c.name} (after reload)` }));
          for (const item of [...cases, 'reload', ...again]) {
            if (item === 'reload') {
              await new Promise((r) => setTimeout(r, 1000)); // the snapshot is stored after the first run
              await reload();
              continue;
            }
            let problems;
            try {
              const result = await withTimeout(runProgram(item.code), CASE_TIMEOUT_MS);
              // WebKitGTK has no WebAssembly stack switching (JSPI); Chromium and Firefox have it.
              problems = judge(item, result, { stackSwitching: name !== 'webkit' });
            } catch (error) {
              problems = [`crashed: ${error.message}`];
            }
            if (problems.length === 0) {
              results.passed++;
              console.log(`  ✓ ${name} ${item.name}`);
            } else {
              results.failed++;
              results.failures[item.name] = problems;
              console.log(`  ✘ ${name} ${item.name}: ${problems.join('; ')}`);
            }
          }
        });
      } catch (error) {
        console.log(`  ✘ ${name}: the browser session failed: ${error.message}`);
        results.failed += Math.max(1, cases.length - results.passed - results.failed);
      }
      console.log(`${name}: ${results.passed} passed, ${results.failed} failed`);
      passed += results.passed;
      failed += results.failed;
    }
  } finally {
    server.close();
  }
  mkdirSync(resolve(root, 'test-results'), { recursive: true });
  writeFileSync(
    resolve(root, 'test-results/engines.json'),
    JSON.stringify({ passed, failed, report }, null, 2),
  );
  console.log(`engines: ${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

await main();
