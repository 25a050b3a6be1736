#!/usr/bin/env node
/**
 * The longest main-thread task while a 5 MB program is shown and prepared: from setting the element's code,
 * through its first render, the Run (highlighting, the transform, the memo key, the tips) to the moment the
 * program runs in the worker, plus a second for what follows (PerformanceObserver 'longtask'). The run is
 * then stopped: compiling 5 MB of Python in the worker is the worker's time, not the page's.
 * Used by bench/run.js; alone: `npm run build && node bench/big-program.js`.
 */
import { chromium } from 'playwright';
import { pathToFileURL } from 'node:url';
import { serve } from '../scripts/serve.js';
import { browserArgs, chromiumPath } from '../test/browsers.js';
import { within } from './within.js';

/** A program of `size` characters, as a generated file would be: many small functions, one entry point. */
export function bigProgram(size) {
  const unit =
    'async def fetch_{n}():\n    await asyncio.sleep(0)\n    return "{n}"  # a value\n\n' +
    'def sync_{n}():\n    return asyncio.run(fetch_{n}())\n\n';
  const parts = ['import asyncio\n'];
  for (let n = 0, length = 0; length < size; n++) {
    const text = unit.replaceAll('{n}', String(n));
    parts.push(text);
    length += text.length;
  }
  parts.push('print(sync_0())\n');
  return parts.join('');
}

/** The longest task (ms) and every task over 50 ms, while a program of `size` characters is shown and prepared. */
export async function bigProgramLongestTask(browser, url, size = 5_000_000) {
  const tab = await browser.newPage();
  await tab.goto(url);
  const tasks = await within(
    tab.evaluate(async (code) => {
      await customElements.whenDefined('py-async-run');
      // The runtime first, with a small program: its start-up is not what this measures.
      const warm = document.createElement('py-async-run');
      warm.code = 'print("warm")\n';
      document.body.append(warm);
      await warm.run();
      warm.remove();
      const durations = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) durations.push(Math.round(entry.duration));
      });
      observer.observe({ type: 'longtask' });
      const el = document.createElement('py-async-run');
      el.setAttribute('timeout', '0');
      el.code = code;
      document.body.append(el);
      await el.updateComplete;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)));
      const running = el.run();
      await new Promise((resolve) => {
        const check = () => (el.status === 'running' ? resolve() : setTimeout(check, 20));
        check();
      });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // Tasks end when they end: the observer's last entries arrive a moment later.
      await new Promise((resolve) => setTimeout(resolve, 100));
      observer.disconnect();
      el.stop();
      await running;
      el.remove();
      return durations;
    }, bigProgram(size)),
    10 * 60_000,
    'the big program',
  );
  await tab.close();
  return { longest: Math.max(0, ...tasks), tasks };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url, server } = await serve({ dir: process.env.PY_ASYNC_RUN_OUT_DIR ?? 'dist' });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: browserArgs });
  for (const size of [5_000_000, 40_000]) {
    const { longest, tasks } = await bigProgramLongestTask(browser, url, size);
    console.log(
      `${(size / 1e6).toFixed(2)} MB program: longest main-thread task ${longest} ms (tasks over 50 ms: ${tasks.join(', ') || 'none'})`,
    );
  }
  await browser.close();
  server.close();
}
