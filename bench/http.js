/**
 * An HTTP GET from Python with aiohttp, through the runtime's sockets and web peer (py_async_run/web_peer.py and
 * the worker's http-fetch.ts), against a plain `fetch` of the same URL from the page's JavaScript, and against
 * Python awaiting the worker's `fetch` itself (`js.fetch`, what `pyodide.http.pyfetch` does): medians of
 * `rounds` sequential GETs of httpbin's /get (test/servers/httpbin.js, with CORS headers, another origin) on one
 * aiohttp session (keep-alive), timed inside each side. aiohttp comes from the suite's repacked wheels
 * (test/packages/web-wheels.js, built on first use). `BENCH_ONLY=http npm run bench`, or `node bench/http.js`
 * after `npm run build`.
 */
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { serve } from '../scripts/serve.js';
import { startHttpbin } from '../test/servers/httpbin.js';
import { WEB_WHEELS_DIR, webWheels } from '../test/packages/web-wheels.js';
import { browserArgs, chromiumPath } from '../test/browsers.js';
import { within } from './within.js';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The program: `rounds` GETs of httpbin.org/get with one aiohttp session, then `rounds` with `js.fetch` of
 * `target`, each timed; prints their times in ms, a line each.
 */
const program = (rounds, target) => `
import asyncio, js, time
import aiohttp

async def main():
    times = []
    async with aiohttp.ClientSession() as session:
        for _ in range(${rounds}):
            t0 = time.perf_counter()
            async with session.get("http://httpbin.org/get") as response:
                await response.read()
            times.append((time.perf_counter() - t0) * 1000)
    print(" ".join(f"{t:.3f}" for t in times))
    times = []
    for _ in range(${rounds}):
        t0 = time.perf_counter()
        await (await js.fetch("${target}/get")).arrayBuffer()
        times.append((time.perf_counter() - t0) * 1000)
    print(" ".join(f"{t:.3f}" for t in times))

asyncio.run(main())
`;

/**
 * Medians in ms of a GET with aiohttp through Python's web peer (`python`), with the page's fetch (`plain`) and with
 * Python awaiting the worker's fetch (`pyfetch`), on a page served from `url`.
 */
export async function httpGetTimes(browser, url, rounds = 51) {
  webWheels();
  const httpbin = await startHttpbin({ cors: true });
  const wheels = await serve({ dir: WEB_WHEELS_DIR, cors: true });
  const tab = await browser.newPage();
  try {
    await tab.goto(url);
    const { python, pyfetch, plain } = await within(
      tab.evaluate(
        async ({ code, target, rounds, index }) => {
          const api = await import(new URL('./py-async-run.js', document.baseURI).href);
          api.configure({
            hosts: { 'httpbin.org': target },
            lockFileURL: `${index}pyodide-lock.json`,
            packageIndexURL: index,
          });
          await customElements.whenDefined('py-async-run');
          const el = document.createElement('py-async-run');
          el.code = code;
          document.body.append(el);
          const result = await el.run();
          el.remove();
          if (result.status !== 'ok') throw new Error(`the program failed: ${result.stderr}`);
          const [python, pyfetch] = result.stdout
            .trim()
            .split('\n')
            .map((line) => line.split(' ').map(Number));
          const plain = [];
          for (let i = 0; i < rounds; i++) {
            const t0 = performance.now();
            await (await fetch(`${target}/get`)).arrayBuffer();
            plain.push(performance.now() - t0);
          }
          return { python, pyfetch, plain };
        },
        { code: program(rounds, httpbin.url), target: httpbin.url, rounds, index: wheels.url },
      ),
      5 * 60_000,
      'the HTTP GETs',
    );
    // The first of each warms up (a connection, the modules): left out.
    return {
      python: median(python.slice(1)),
      pyfetch: median(pyfetch.slice(1)),
      plain: median(plain.slice(1)),
    };
  } finally {
    await tab.close();
    await httpbin.close();
    wheels.server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url, server } = await serve({ dir: process.env.PY_ASYNC_RUN_OUT_DIR ?? 'dist' });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: browserArgs });
  const { python, pyfetch, plain } = await httpGetTimes(browser, url, Number(process.env.BENCH_RUNS ?? 51));
  console.log(
    `HTTP GET: ${python.toFixed(2)} ms with aiohttp, ${plain.toFixed(2)} ms with the page's ` +
      `fetch (${(python / plain).toFixed(2)}×), ${pyfetch.toFixed(2)} ms with js.fetch from Python ` +
      `(${(python / pyfetch).toFixed(2)}×)`,
  );
  await browser.close();
  server.close();
}
