#!/usr/bin/env node
/**
 * The task timeline's cost: a program creating 1,000 tasks, run with and without the `timeline` attribute
 * in one page (one warm runtime), alternating, medians of `rounds` runs each. Two times per run, from
 * run(): the program's (to its last printed line: what recording costs the program while it runs) and the
 * whole run's (to the result, with the timeline turned into events for the page and drawn).
 * Used by bench/run.js; alone: `npm run build && node bench/timeline.js`.
 */
import { chromium } from 'playwright';
import { pathToFileURL } from 'node:url';
import { serve } from '../scripts/serve.js';
import { browserArgs, chromiumPath } from '../test/browsers.js';
import { within } from './within.js';

/** 1,000 tasks that each wait twice, gathered, as a tutorial on concurrency would write them. */
export const THOUSAND_TASKS = `import asyncio

async def work(n):
    await asyncio.sleep(0)
    await asyncio.sleep(0.001)
    return n * 2

async def main():
    tasks = [asyncio.create_task(work(n)) for n in range(1000)]
    results = await asyncio.gather(*tasks)
    print(len(results), sum(results))

asyncio.run(main())
`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Medians (ms) of the program's run with and without the timeline, in the page at `url`. */
export async function timelineOverhead(browser, url, rounds = 7) {
  const tab = await browser.newPage();
  await tab.goto(url);
  const samples = await within(
    tab.evaluate(
      async ({ code, rounds }) => {
        await customElements.whenDefined('py-async-run');
        const runOnce = async (timeline) => {
          const el = document.createElement('py-async-run');
          el.code = code;
          el.timeline = timeline;
          document.body.append(el);
          let printed = 0;
          el.addEventListener('py-output', () => (printed = performance.now()));
          const t0 = performance.now();
          const result = await el.run();
          await el.updateComplete;
          const drawn = performance.now();
          el.remove();
          if (result.stdout !== '1000 999000\n') throw new Error(`unexpected output: ${result.stdout}`);
          if (timeline && result.timeline.tasks.length !== 1001) throw new Error('the timeline missed tasks');
          return { program: printed - t0, total: drawn - t0 };
        };
        await runOnce(false); // starts the runtime
        await runOnce(true);
        const plain = [];
        const recorded = [];
        for (let i = 0; i < rounds; i++) {
          plain.push(await runOnce(false));
          recorded.push(await runOnce(true));
        }
        return { plain, recorded };
      },
      { code: THOUSAND_TASKS, rounds },
    ),
    // ~0.1 s a run: minutes mean a run that never ended.
    5 * 60_000,
    'the timeline runs',
  );
  await tab.close();
  const pick = (list, key) => median(list.map((sample) => sample[key]));
  return {
    program: { plain: pick(samples.plain, 'program'), recorded: pick(samples.recorded, 'program') },
    total: { plain: pick(samples.plain, 'total'), recorded: pick(samples.recorded, 'total') },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url, server } = await serve({ dir: process.env.PY_ASYNC_RUN_OUT_DIR ?? 'dist' });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: browserArgs });
  const { program, total } = await timelineOverhead(browser, url, Number(process.env.BENCH_RUNS ?? 11));
  for (const [what, { plain, recorded }] of Object.entries({ program, total })) {
    console.log(
      `1,000 tasks, ${what}: ${plain.toFixed(1)} ms without the timeline, ${recorded.toFixed(1)} ms with it: ${(recorded / plain).toFixed(2)}×`,
    );
  }
  await browser.close();
  server.close();
}
