#!/usr/bin/env node
/**
 * The cost of green threads, in one page (one warm runtime), medians of `rounds` runs. Each program times
 * itself with `time.perf_counter()` and prints milliseconds, so the numbers are the program's own:
 *   - one thread switch: two threads passing an Event back and forth 10,000 times (20,000 switches);
 *   - `await asyncio.to_thread(f)` of a trivial function, 200 times (each starts no thread: the default
 *     executor reuses its idle worker, so this is a submit, a switch there and a wake back);
 *   - a program that starts 1,000 threads that each sleep 10 ms, to its end.
 * Bare Pyodide has no threads to compare with; the same programs' CPython time on this machine is printed
 * beside them (`python3`), for scale.
 * Used by bench/run.js; alone: `npm run build && node bench/threads.js` (or `BENCH_ONLY=threads npm run bench`).
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { serve } from '../scripts/serve.js';
import { browserArgs, chromiumPath } from '../test/browsers.js';
import { within } from './within.js';

/** Two threads passing an Event back and forth: ms per switch. */
export const PING_PONG = `import threading, time

N = 10_000
ping, pong = threading.Event(), threading.Event()

def ponger():
    for _ in range(N):
        ping.wait()
        ping.clear()
        pong.set()

t = threading.Thread(target=ponger)
t.start()
t0 = time.perf_counter()
for _ in range(N):
    ping.set()
    pong.wait()
    pong.clear()
elapsed = time.perf_counter() - t0
t.join()
print(f"{elapsed * 1000 / (2 * N):.4f}")
`;

/** asyncio.to_thread of a trivial function: ms per call. */
export const TO_THREAD = `import asyncio, time

N = 200

async def main():
    await asyncio.to_thread(int)  # starts the default executor's worker
    t0 = time.perf_counter()
    for _ in range(N):
        await asyncio.to_thread(int)
    return (time.perf_counter() - t0) * 1000 / N

print(f"{asyncio.run(main()):.4f}")
`;

/** 1,000 threads that each sleep 10 ms: ms to the end. */
export const THOUSAND_THREADS = `import threading, time

t0 = time.perf_counter()
threads = [threading.Thread(target=time.sleep, args=(0.01,)) for _ in range(1000)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(f"{(time.perf_counter() - t0) * 1000:.1f}")
`;

const PROGRAMS = { switch: PING_PONG, toThread: TO_THREAD, thousand: THOUSAND_THREADS };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The same programs in CPython here (medians of `rounds`), or null without python3. */
function cpythonTimes(rounds) {
  try {
    return Object.fromEntries(
      Object.entries(PROGRAMS).map(([name, code]) => [
        name,
        median(
          Array.from({ length: rounds }, () =>
            Number(execFileSync('python3', ['-c', code], { encoding: 'utf8' })),
          ),
        ),
      ]),
    );
  } catch {
    return null;
  }
}

/** Medians (ms) of each program's own time in the page at `url`, and in CPython for scale. */
export async function threadCosts(browser, url, rounds = 5) {
  const tab = await browser.newPage();
  await tab.goto(url);
  const samples = await within(
    tab.evaluate(
      async ({ programs, rounds }) => {
        await customElements.whenDefined('py-async-run');
        const runOnce = async (code) => {
          const el = document.createElement('py-async-run');
          el.code = code;
          el.setAttribute('timeout', '0');
          document.body.append(el);
          const result = await el.run();
          el.remove();
          if (result.status !== 'ok') throw new Error(`${result.status}: ${result.stderr.slice(-300)}`);
          return Number(result.stdout);
        };
        await runOnce('print(1)'); // starts the runtime
        const times = {};
        for (const [name, code] of Object.entries(programs)) {
          times[name] = [];
          for (let i = 0; i < rounds; i++) times[name].push(await runOnce(code));
        }
        return times;
      },
      { programs: PROGRAMS, rounds },
    ),
    // 20,000 switches at ~1 ms each: minutes mean a run that never ended.
    10 * 60_000,
    'the thread programs',
  );
  await tab.close();
  const ours = Object.fromEntries(Object.entries(samples).map(([name, list]) => [name, median(list)]));
  return { ours, cpython: cpythonTimes(Math.min(rounds, 3)) };
}

/** The three measures as lines a person reads. */
export function describeThreadCosts({ ours, cpython }) {
  const cp = (name, digits) => (cpython ? ` (CPython here: ${cpython[name].toFixed(digits)} ms)` : '');
  return [
    `one thread switch (Event ping-pong, 10,000 round trips): ${ours.switch.toFixed(3)} ms${cp('switch', 4)}`,
    `asyncio.to_thread of a trivial function: ${ours.toThread.toFixed(3)} ms a call${cp('toThread', 4)}`,
    `1,000 threads each sleeping 10 ms, to the end: ${ours.thousand.toFixed(0)} ms${cp('thousand', 0)}`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url, server } = await serve({ dir: process.env.PY_ASYNC_RUN_OUT_DIR ?? 'dist' });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: browserArgs });
  const costs = await threadCosts(browser, url, Number(process.env.BENCH_RUNS ?? 5));
  for (const line of describeThreadCosts(costs)) console.log(line);
  await browser.close();
  server.close();
}
