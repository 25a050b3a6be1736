#!/usr/bin/env node
/**
 * Measures the runtime strategy against bare Pyodide on the shared corpus, in Chromium: how many programs
 * print exactly what CPython printed (and fail the same way) when run
 *   - bare: `pyodide.runPythonAsync(code)` with Pyodide's own stack-switching asyncio.run (JSPI on),
 *   - bare without stack switching (JSPI hidden, as in Safari),
 *   - py-async-run (the element), with and without stack switching.
 * Usage: npm run build && node bench/strategy.js
 */
import { chromium } from 'playwright';
import { serve } from '../scripts/serve.js';
import { browserArgs, chromiumPath } from '../test/browsers.js';
import { readCorpus } from '../test/e2e/corpus.js';
import { judge } from '../test/programs/judge.js';

const cases = readCorpus();
if (!cases.length) {
  console.log('no ../shared/corpus: nothing to measure');
  process.exit(0);
}
const { url, server } = await serve({ dir: 'dist' });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: browserArgs });

async function bare(stackSwitching) {
  const page = await browser.newPage();
  await page.goto(url);
  let passed = 0;
  for (const item of cases) {
    const result = await page.evaluate(
      async ({ code, jspi }) => {
        if (!globalThis.__py) {
          if (!jspi) delete WebAssembly.Suspending;
          const { loadPyodide } = await import(new URL('pyodide/pyodide.mjs', location.href).href);
          globalThis.__py = await loadPyodide({ indexURL: new URL('pyodide/', location.href).href });
        }
        const py = globalThis.__py;
        let stdout = '';
        py.setStdout({ write: (b) => ((stdout += new TextDecoder().decode(b)), b.length) });
        const globals = py.toPy({ __name__: '__main__' });
        try {
          await Promise.race([
            py.runPythonAsync(code, { globals }),
            new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 20000)),
          ]);
          await new Promise((r) => setTimeout(r, 300));
          return { status: 'ok', stdout, stderr: '' };
        } catch (error) {
          const last = String(error.message).trim().split('\n').at(-1);
          return { status: 'error', stdout, stderr: '', error: { summary: last, line: null } };
        }
      },
      { code: item.code, jspi: stackSwitching },
    );
    if (judge(item, result).length === 0) passed++;
  }
  await page.close();
  return passed;
}

async function element(stackSwitching) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.evaluate(
    async (s) => (await import('./py-async-run.js')).configure({ stackSwitching: s }),
    stackSwitching,
  );
  let passed = 0;
  for (const item of cases) {
    const result = await page.evaluate(async (code) => {
      const el = document.createElement('py-async-run');
      el.code = code;
      document.body.append(el);
      return el.run();
    }, item.code);
    if (judge(item, result).length === 0) passed++;
  }
  await page.close();
  return passed;
}

const rows = [
  ['bare Pyodide, stack switching', await bare(true)],
  ['bare Pyodide, no stack switching', await bare(false)],
  ['py-async-run, stack switching', await element(true)],
  ['py-async-run, no stack switching', await element(false)],
];
console.log(`| strategy (Chromium) | corpus programs matching CPython (of ${cases.length}) |`);
console.log('|---|---|');
for (const [name, passed] of rows) console.log(`| ${name} | ${passed} |`);
await browser.close();
server.close();
