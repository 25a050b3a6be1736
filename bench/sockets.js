#!/usr/bin/env node
/**
 * The in-memory network's speed: the round trip of a 1 KB message through an asyncio echo server and
 * client in one program (streams over loopback), timed inside Python over 2,000 round trips (a page's
 * clock is coarsened to 0.1 ms or more, longer than one round trip), medians of runs in the page (one warm
 * runtime); and the same program run by this machine's CPython over its real loopback, for
 * scale. Used by bench/run.js (BENCH_ONLY=sockets prints these alone);
 * alone: `npm run build && node bench/sockets.js`.
 */
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { serve } from '../scripts/serve.js';
import { browserArgs, chromiumPath } from '../test/browsers.js';
import { within } from './within.js';

/** An echo server and a client sending 1 KB and reading it back, ROUNDS times; prints one's time in µs. */
export const ECHO_ROUND_TRIPS = `import asyncio
import time

ROUNDS = 2000


async def echo(reader, writer):
    while data := await reader.read(65536):
        writer.write(data)
        await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    message = b"x" * 1024
    for rounds in (100, ROUNDS):  # the first pass warms up
        start = time.perf_counter()
        for _ in range(rounds):
            writer.write(message)
            await writer.drain()
            await reader.readexactly(len(message))
        elapsed = time.perf_counter() - start
    print(f"{elapsed / ROUNDS * 1e6:.1f}")
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Medians (µs) of a 1 KB echo round trip: in the page at `url` (over `runs` runs), and in CPython here. */
export async function echoRoundTrip(browser, url, runs = 5) {
  const tab = await browser.newPage();
  await tab.goto(url);
  const perRun = await within(
    tab.evaluate(
      async ({ code, runs }) => {
        await customElements.whenDefined('py-async-run');
        const medians = [];
        for (let i = 0; i < runs + 1; i++) {
          const el = document.createElement('py-async-run');
          el.code = code;
          document.body.append(el);
          const result = await el.run();
          el.remove();
          if (result.status !== 'ok') throw new Error(`the echo program failed: ${result.stderr}`);
          if (i > 0) medians.push(Number(result.stdout)); // the first run starts the runtime
        }
        return medians;
      },
      { code: ECHO_ROUND_TRIPS, runs },
    ),
    // ~0.2 s a run: minutes mean a run that never ended.
    5 * 60_000,
    'the echo runs',
  );
  await tab.close();
  let cpython = NaN;
  try {
    cpython = median(
      Array.from({ length: runs }, () =>
        Number(execFileSync('python3', ['-c', ECHO_ROUND_TRIPS]).toString().trim()),
      ),
    );
  } catch {
    // No python3 here: the table leaves CPython's column empty.
  }
  return { page: median(perRun), cpython };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url, server } = await serve({ dir: process.env.PY_ASYNC_RUN_OUT_DIR ?? 'dist' });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: browserArgs });
  const { page, cpython } = await echoRoundTrip(browser, url, Number(process.env.BENCH_RUNS ?? 5));
  console.log(
    `1 KB echo round trip: ${page.toFixed(1)} µs in memory, ${cpython.toFixed(1)} µs CPython loopback`,
  );
  await browser.close();
  server.close();
}
