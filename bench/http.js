/**
 * An HTTP GET from Python through the web peer (py_async_run/web_peer.py and the worker's http-fetch.ts)
 * against a plain `fetch` of the same URL from the page's JavaScript, and against Python awaiting the
 * worker's `fetch` itself (`js.fetch`, what `pyodide.http.pyfetch` does): medians of `rounds` sequential GETs of
 * httpbin's /get (test/servers/httpbin.js, with CORS headers, another origin) on one keep-alive connection,
 * timed inside each side. Until the socket layer reaches the peer, the program plays the socket's side itself
 * (as test/e2e/http.spec.ts does) and writes the request by hand; aiohttp will add its own parsing on top.
 * `BENCH_ONLY=http npm run bench`, or `node bench/http.js` after `npm run build`.
 */
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright';
import { serve } from '../scripts/serve.js';
import { startHttpbin } from '../test/servers/httpbin.js';
import { browserArgs, chromiumPath } from '../test/browsers.js';
import { within } from './within.js';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The program: `rounds` GETs of httpbin.org/get on one connection, then `rounds` with `js.fetch` of `target`,
 * each timed; prints their times in ms, a line each.
 */
const program = (rounds, target) => `
import asyncio, gc, js, sys, time, types
for module in gc.get_objects():
    if isinstance(module, types.ModuleType) and module.__name__.startswith("py_async_run"):
        sys.modules[module.__name__] = module
sys.meta_path[:] = [finder for finder in sys.meta_path if getattr(finder, "__name__", "") != "_RefuseRuntime"]
from py_async_run.web_peer import connect_remote

async def main():
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    peer = connect_remote("httpbin.org", 80)
    peer.on_data = lambda data: loop.call_soon(reader.feed_data if data else reader.feed_eof, *([data] if data else []))
    peer.on_error = lambda error: loop.call_soon(reader.set_exception, error)
    times = []
    for _ in range(${rounds}):
        t0 = time.perf_counter()
        peer.send(b"GET /get HTTP/1.1\\r\\nHost: httpbin.org\\r\\n\\r\\n")
        head = await reader.readuntil(b"\\r\\n\\r\\n")
        length = int(head.split(b"Content-Length: ")[1].split(b"\\r\\n")[0])
        await reader.readexactly(length)
        times.append((time.perf_counter() - t0) * 1000)
    peer.close()
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
 * Medians in ms of a GET through Python's web peer (`python`), with the page's fetch (`plain`) and with
 * Python awaiting the worker's fetch (`pyfetch`), on a page served from `url`.
 */
export async function httpGetTimes(browser, url, rounds = 51) {
  const httpbin = await startHttpbin({ cors: true });
  const tab = await browser.newPage();
  try {
    await tab.goto(url);
    const { python, pyfetch, plain } = await within(
      tab.evaluate(
        async ({ code, target, rounds }) => {
          const api = await import(new URL('./py-async-run.js', document.baseURI).href);
          api.configure({ hosts: { 'httpbin.org': target } });
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
        { code: program(rounds, httpbin.url), target: httpbin.url, rounds },
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
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url, server } = await serve({ dir: process.env.PY_ASYNC_RUN_OUT_DIR ?? 'dist' });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: browserArgs });
  const { python, pyfetch, plain } = await httpGetTimes(browser, url, Number(process.env.BENCH_RUNS ?? 51));
  console.log(
    `HTTP GET: ${python.toFixed(2)} ms through Python's web peer, ${plain.toFixed(2)} ms with the page's ` +
      `fetch (${(python / plain).toFixed(2)}×), ${pyfetch.toFixed(2)} ms with js.fetch from Python ` +
      `(${(python / pyfetch).toFixed(2)}×)`,
  );
  await browser.close();
  server.close();
}
