#!/usr/bin/env node
/**
 * `npm run bench`: measures py-async-run against bare Pyodide loaded the plain way (main thread,
 * `loadPyodide` + `runPythonAsync`), both served by the same local server from dist/, in Chromium, in one
 * run. Medians of VISITS page loads (RUNS for the other measures). Writes the table to BENCHMARKS.md with the
 * machine and versions.
 *   - first visit: a fresh browser context (empty caches), page load to first output;
 *   - warm visit: the same context loaded again (HTTP cache and, for us, the service worker);
 *   - first visit over a slow link: one shared 9 Mbit/s link, 60 ms a response, gzip (bench/cdn-server.js),
 *     medians of SLOW_VISITS, with the bytes on the wire until the first output and one visit's waterfall;
 *   - the longest main-thread task while loading and running (PerformanceObserver 'longtask');
 *   - the longest main-thread task while a 5 MB program is shown and prepared (bench/big-program.js);
 *   - transform time for a 5 KB program and a memo hit (Node, same V8 as Chromium: bench/transform.js);
 *   - embed JS fetched before the first Run, gzipped;
 *   - the round trip of a 1 KB message through an in-memory asyncio echo server (bench/sockets.js).
 * The server plays a static host or CDN (bench/cdn-server.js): Pyodide's versioned files immutable, the rest
 * revalidated by ETag, so bare Pyodide's warm visit uses the HTTP cache as it would on a real site.
 * Usage: npm run build && npm run bench (BENCH_RUNS=n for medians of n, BENCH_VISITS=n for the visits alone,
 * BENCH_SLOW_VISITS=n for the slow link's; BENCH_ONLY=visits prints the two visits' ratios and stops, for
 * trying a start-up change; BENCH_ONLY=slow the slow link's; BENCH_ONLY=http an HTTP GET's, bench/http.js;
 * BENCH_ONLY=sockets the echo round trip; BENCH_ONLY=threads the green threads' costs).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright';
import { format } from 'prettier';
import { serve } from '../scripts/serve.js';
import { serveLikeACdn } from './cdn-server.js';
import { timelineOverhead } from './timeline.js';
import { echoRoundTrip } from './sockets.js';
import { describeThreadCosts, threadCosts } from './threads.js';
import { transformTimes } from './transform.js';
import { bigProgramLongestTask } from './big-program.js';
import { httpGetTimes } from './http.js';
import { BARE_PAGE, OURS_PAGE, PROGRAM, firstOutputOf } from './pages.js';
import { within } from './within.js';
import { browserArgs, chromiumPath } from '../test/browsers.js';

// Medians of 15: on a 2-core machine medians of 5 and 9 moved the first-visit ratio by several hundredths
// between runs (a first visit takes ~2.5 s and varies by ±10% here).
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
// The visits more: in three runs of 15 the first-visit ratio of one build came out 1.02, 1.06 and 1.04.
const VISITS = Number(process.env.BENCH_VISITS ?? process.env.BENCH_RUNS ?? 25);
// Fewer over the slow link: a visit takes ~4-9 s there, and its time is set by the link, not by the machine.
const SLOW_VISITS = Number(process.env.BENCH_SLOW_VISITS ?? 7);
/** The slow link: a reader's connection (9 Mbit/s, 60 ms a round trip). */
const LINK = { bitsPerSecond: 9_000_000, latencyMs: 60 };
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// The bench pages are served from dist/ itself, beside the files they load (removed afterwards).
writeFileSync(join('dist', 'bench-ours.html'), OURS_PAGE);
writeFileSync(join('dist', 'bench-bare.html'), BARE_PAGE);
writeFileSync(
  join('dist', 'bench-embed.html'),
  `<!doctype html><meta charset="utf-8"><script type="module" src="./py-async-run.js"></script>
   <py-async-run><script type="text/python">${PROGRAM}</script></py-async-run>`,
);
const { url, server } = await serveLikeACdn({ dir: 'dist' });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: browserArgs });

/** One page load, to its first output; `stay` ms more on the page, as a reader stays to read it. */
async function visit(context, page, stay = 0) {
  const tab = await context.newPage();
  await tab.addInitScript(() => {
    window.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longest = Math.max(window.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await tab.goto(page);
  await firstOutputOf(tab);
  const result = await tab.evaluate(() => ({ firstOutput: window.firstOutput, longest: window.longest }));
  await tab.waitForTimeout(stay);
  await tab.close();
  return result;
}

/**
 * First and warm visits of both pages, taken in turns (which goes first alternates) so that a drift of the
 * machine over the run falls on both alike; medians of VISITS each.
 */
async function measure(pages) {
  const samples = pages.map(() => ({ first: [], warm: [], longest: [] }));
  // Not counted: a browser's first page loads are slower whichever page they are.
  for (const page of pages) {
    const context = await browser.newContext();
    await visit(context, page);
    await context.close();
  }
  for (let i = 0; i < VISITS; i++) {
    const order = pages.map((_, index) => index);
    if (i % 2) order.reverse();
    for (const index of order) {
      const context = await browser.newContext();
      // The reader stays 1.5 s: the service worker installs and precaches, the runtime stores its start-up
      // snapshot once the run is over (closing the tab at the first output would cut both short).
      const a = await visit(context, pages[index], 1500);
      const b = await visit(context, pages[index]);
      samples[index].first.push(a.firstOutput);
      samples[index].warm.push(b.firstOutput);
      samples[index].longest.push(Math.max(a.longest, b.longest));
      await context.close();
    }
  }
  return samples.map((s) => ({
    first: median(s.first),
    warm: median(s.warm),
    longest: median(s.longest),
    samples: s,
  }));
}

/**
 * First visits over the slow link, both pages in turns: medians of SLOW_VISITS, the bytes on the wire until
 * the first output (median), and the responses of the last visit of each (the waterfall).
 */
async function measureSlow(pages) {
  const slow = await serveLikeACdn({ dir: 'dist', link: LINK });
  const samples = pages.map(() => ({ first: [], bytes: [], waterfall: [] }));
  for (let i = 0; i < SLOW_VISITS; i++) {
    const order = pages.map((_, index) => index);
    if (i % 2) order.reverse();
    for (const index of order) {
      const context = await browser.newContext();
      slow.log.length = 0;
      const { firstOutput } = await visit(context, `${slow.url}${pages[index]}`);
      // From the page's request (the page's clock starts a few ms earlier, at the navigation).
      const t0 = Math.min(...slow.log.map((entry) => entry.start));
      const until = t0 + firstOutput;
      const sent = slow.log.filter((entry) => entry.start <= until);
      samples[index].first.push(firstOutput);
      samples[index].bytes.push(sent.reduce((sum, entry) => sum + entry.bytes, 0));
      samples[index].waterfall = sent.map((entry) => ({
        ...entry,
        start: entry.start - t0,
        end: entry.end - t0,
      }));
      await context.close();
    }
  }
  slow.server.close();
  return samples.map((s) => ({ first: median(s.first), bytes: median(s.bytes), waterfall: s.waterfall }));
}

/** One visit's responses as a Markdown table: when each started and ended after the page was asked for. */
function waterfallTable(waterfall) {
  const rows = [...waterfall]
    .sort((a, b) => a.start - b.start)
    .map(
      (e) =>
        `| \`${e.path.replace(/-[0-9a-f]{8,}|-[A-Za-z0-9_-]{8}(?=\.js)/, '-…')}\` | ${e.start.toFixed(0)} | ` +
        `${e.end.toFixed(0)} | ${(e.bytes / 1024).toFixed(0)} |`,
    );
  return ['| response | start (ms) | end (ms) | kB on the wire |', '|---|---|---|---|', ...rows].join('\n');
}

if (process.env.BENCH_ONLY === 'http') {
  const { python, pyfetch, plain } = await httpGetTimes(browser, url, RUNS * 4 + 1);
  console.log(
    `HTTP GET: ${python.toFixed(2)} ms with aiohttp; the page's fetch ${plain.toFixed(2)} ms ` +
      `(${(python / plain).toFixed(2)}×); js.fetch from Python ${pyfetch.toFixed(2)} ms (${(python / pyfetch).toFixed(2)}×)`,
  );
  await browser.close();
  server.close();
  for (const page of ['bench-ours.html', 'bench-bare.html', 'bench-embed.html']) rmSync(join('dist', page));
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'sockets') {
  const { page, cpython } = await echoRoundTrip(browser, url, Math.min(RUNS, 7));
  console.log(
    `1 KB echo round trip: ${page.toFixed(1)} µs in memory, ${cpython.toFixed(1)} µs CPython loopback`,
  );
  await browser.close();
  server.close();
  for (const page of ['bench-ours.html', 'bench-bare.html', 'bench-embed.html']) rmSync(join('dist', page));
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'threads') {
  for (const line of describeThreadCosts(await threadCosts(browser, url, Math.min(RUNS, 5))))
    console.log(line);
  await browser.close();
  server.close();
  for (const page of ['bench-ours.html', 'bench-bare.html', 'bench-embed.html']) rmSync(join('dist', page));
  process.exit(0);
}

if (process.env.BENCH_ONLY === 'slow') {
  const [oursSlow, bareSlow] = await measureSlow(['bench-ours.html', 'bench-bare.html']);
  console.log(
    `slow first ${oursSlow.first.toFixed(0)} / ${bareSlow.first.toFixed(0)} = ` +
      `${(oursSlow.first / bareSlow.first).toFixed(3)}; bytes ${oursSlow.bytes} / ${bareSlow.bytes}`,
  );
  console.log(waterfallTable(oursSlow.waterfall));
  console.log(waterfallTable(bareSlow.waterfall));
  await browser.close();
  server.close();
  for (const page of ['bench-ours.html', 'bench-bare.html', 'bench-embed.html']) rmSync(join('dist', page));
  process.exit(0);
}

const [ours, bare] = await measure([`${url}bench-ours.html`, `${url}bench-bare.html`]);
/** The first-visit ratio of each round (the two pages loaded back to back): how much one run's ratio moves. */
const roundRatios = ours.samples.first.map((t, i) => t / bare.samples.first[i]).sort((a, b) => a - b);
const quartile = (q) => roundRatios[Math.min(roundRatios.length - 1, Math.floor(q * roundRatios.length))];
if (process.env.BENCH_ONLY === 'visits') {
  console.log(
    `first ${ours.first.toFixed(0)} / ${bare.first.toFixed(0)} = ${(ours.first / bare.first).toFixed(3)}`,
  );
  console.log(
    `warm ${ours.warm.toFixed(0)} / ${bare.warm.toFixed(0)} = ${(ours.warm / bare.warm).toFixed(3)}`,
  );
  console.log(`first, per round: ${roundRatios.map((r) => r.toFixed(2)).join(' ')}`);
  await browser.close();
  server.close();
  for (const page of ['bench-ours.html', 'bench-bare.html', 'bench-embed.html']) rmSync(join('dist', page));
  process.exit(0);
}
// Stop latency: from el.stop() to the run's result, for a CPU loop and a coroutine waiting in the loop,
// with shared memory (cross-origin isolated: interrupt buffer) and without (the worker is ended).
async function stopLatency(isolated) {
  const { url: base, server: stopServer } = await serve({ dir: 'dist', isolated });
  const tab = await browser.newPage();
  await tab.goto(base);
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    for (const code of [
      'print("go", flush=True)\nwhile True:\n    pass\n',
      'import asyncio\nprint("go")\nasyncio.run(asyncio.sleep(100))\n',
    ]) {
      samples.push(
        await within(
          tab.evaluate(async (source) => {
            const el = document.createElement('py-async-run');
            el.code = source;
            document.body.append(el);
            let printed;
            const first = new Promise((r) => (printed = r));
            el.addEventListener('py-output', () => printed(), { once: true });
            const running = el.run();
            // A run that ends before printing (its runtime failed) must fail the bench, not leave it waiting.
            const ended = running.then((result) => {
              throw new Error(
                `the run ended before its first output (${result.status}: ${result.error?.summary})`,
              );
            });
            await Promise.race([first, ended]);
            await new Promise((r) => setTimeout(r, 100));
            const t0 = performance.now();
            el.stop();
            await running;
            el.remove();
            return performance.now() - t0;
          }, code),
          60_000,
          `a stop-latency run (${isolated ? 'isolated' : 'not isolated'})`,
        ),
      );
    }
  }
  await tab.close();
  stopServer.close();
  return median(samples);
}
const [oursSlow, bareSlow] = await measureSlow(['bench-ours.html', 'bench-bare.html']);
const timeline = await timelineOverhead(browser, url, Math.max(RUNS, 15));
const echo = await echoRoundTrip(browser, url, Math.min(RUNS, 7));
const threads = await threadCosts(browser, url, Math.min(RUNS, 5));
const bigProgram = await bigProgramLongestTask(browser, url);
// The embed before the first Run: every script a blog post with one element (the README's snippet)
// fetched once the element is shown, before Run.
async function embedBeforeRun() {
  const tab = await browser.newPage();
  const scripts = new Set();
  tab.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
  });
  await tab.goto(`${url}bench-embed.html`);
  await tab.waitForFunction(() => customElements.get('py-async-run') !== undefined);
  await new Promise((r) => setTimeout(r, 1000));
  await tab.close();
  const files = [...scripts].map((path) => path.replace(/^\//, ''));
  return {
    files,
    gzip: files.reduce((sum, file) => sum + gzipSync(readFileSync(join('dist', file))).length, 0),
  };
}
const embed = await embedBeforeRun();
const stopIsolated = await stopLatency(true);
const stopPlain = await stopLatency(false);

await browser.close();
server.close();
rmSync(join('dist', 'bench-ours.html'));
rmSync(join('dist', 'bench-bare.html'));
rmSync(join('dist', 'bench-embed.html'));

// Transform and memo, in Node.
const { coldTransformMs, transformMs, memoHitMs } = await transformTimes();

const embedGzip = embed.gzip;
const chromiumVersion = execFileSync(chromiumPath(), ['--version']).toString().trim();
const pyodideVersion = JSON.parse(readFileSync('node_modules/pyodide/package.json', 'utf8')).version;
const f = (n) => n.toFixed(0);
const r = (a, b) => (a / b).toFixed(2);
const mb = (bytes) => `${(bytes / 1e6).toFixed(2)} MB`;
const rows = [
  [
    'first visit over 9 Mbit/s, 60 ms a response: page load to first output',
    `${f(oursSlow.first)} ms`,
    `${f(bareSlow.first)} ms`,
    `${r(oursSlow.first, bareSlow.first)}×`,
    '≤ 0.60×',
  ],
  [
    'bytes on the wire for a first Run (gzip where hosts use it)',
    mb(oursSlow.bytes),
    mb(bareSlow.bytes),
    `${r(oursSlow.bytes, bareSlow.bytes)}×`,
    '',
  ],
  [
    'first visit on localhost: page load to first output',
    `${f(ours.first)} ms`,
    `${f(bare.first)} ms`,
    `${r(ours.first, bare.first)}×`,
    '≤ 1.0×',
  ],
  [
    'warm visit: page load to first output (bare: HTTP cache)',
    `${f(ours.warm)} ms`,
    `${f(bare.warm)} ms`,
    `${r(ours.warm, bare.warm)}×`,
    '≤ 0.35×',
  ],
  ['longest main-thread task', `${f(ours.longest)} ms`, `${f(bare.longest)} ms`, '', '≤ 50 ms'],
  [
    'longest main-thread task, a 5 MB program shown and run',
    `${f(bigProgram.longest)} ms`,
    '',
    '',
    '≤ 200 ms',
  ],
  ['stop latency, cross-origin isolated (interrupt buffer)', `${f(stopIsolated)} ms`, '', '', '≤ 50 ms'],
  ['stop latency, not isolated (worker ended)', `${f(stopPlain)} ms`, '', '', '≤ 400 ms'],
  [
    'timeline, 1,000 tasks: the program, to its last line',
    `${timeline.program.recorded.toFixed(1)} ms`,
    `${timeline.program.plain.toFixed(1)} ms (no timeline)`,
    `${r(timeline.program.recorded, timeline.program.plain)}×`,
    '< 1.10×',
  ],
  [
    'timeline, 1,000 tasks: the run, to the drawn timeline',
    `${timeline.total.recorded.toFixed(1)} ms`,
    `${timeline.total.plain.toFixed(1)} ms (no timeline)`,
    `${r(timeline.total.recorded, timeline.total.plain)}×`,
    '',
  ],
  [
    '1 KB echo round trip, asyncio streams over loopback (bare column: CPython here, real loopback)',
    `${echo.page.toFixed(0)} µs`,
    `${echo.cpython.toFixed(0)} µs`,
    `${r(echo.page, echo.cpython)}×`,
    '',
  ],
  [
    'one thread switch: two threads passing an Event, 10,000 round trips',
    `${threads.ours.switch.toFixed(3)} ms`,
    threads.cpython ? `${threads.cpython.switch.toFixed(4)} ms (CPython)` : '',
    '',
    '',
  ],
  [
    'asyncio.to_thread of a trivial function, a call',
    `${threads.ours.toThread.toFixed(3)} ms`,
    threads.cpython ? `${threads.cpython.toThread.toFixed(4)} ms (CPython)` : '',
    '',
    '',
  ],
  [
    '1,000 threads each sleeping 10 ms, to the end',
    `${f(threads.ours.thousand)} ms`,
    threads.cpython ? `${f(threads.cpython.thousand)} ms (CPython)` : '',
    '',
    '',
  ],
  ['transform, 5 KB program', `${transformMs.toFixed(2)} ms`, '', '', '≤ 2 ms'],
  ['transform, 5 KB program, first call of the page (cold)', `${coldTransformMs.toFixed(1)} ms`, '', '', ''],
  ['memo hit (memory layer, with SHA-256 key)', `${memoHitMs.toFixed(3)} ms`, '', '', ''],
  [
    `embed JS before the first Run, gzip (${embed.files.length} files)`,
    `${(embedGzip / 1024).toFixed(1)} kB`,
    '',
    '',
    '≤ 15 kB',
  ],
];
const table = [
  '| measure | py-async-run | bare Pyodide | ratio | target |',
  '|---|---|---|---|---|',
  ...rows.map((row) => `| ${row.join(' | ')} |`),
].join('\n');
const report = `# Benchmarks

Made by \`npm run bench\` (medians of ${VISITS} page loads for the visits on localhost, of ${SLOW_VISITS} over the slow link,
of ${RUNS} runs for the rest) on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} cores,
${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${chromiumVersion}, Pyodide ${pyodideVersion}, Node ${process.version}.
Bare Pyodide is loaded the plain way (main thread, \`loadPyodide\` then \`runPythonAsync\`) from the same server,
which serves as a CDN would (bench/cdn-server.js): Pyodide's versioned files and the build's hashed assets
\`immutable\`, the rest revalidated by ETag (304), text and wasm gzipped. So bare Pyodide's warm visit comes from
the browser's HTTP cache. The slow link is one connection shared by all responses: 9 Mbit/s, 60 ms before each.

${table}

The first-visit ratio is the ratio of the two medians. Loaded back to back in each round, the two pages' own
ratio was ${quartile(0.25).toFixed(2)}–${quartile(0.75).toFixed(2)} in the middle half of the rounds
(${roundRatios[0].toFixed(2)}–${roundRatios.at(-1).toFixed(2)} in all): on this machine one run's median moves
by a few hundredths from run to run.
`;
// Formatted as the repository's Markdown is (prettier), so `npm run verify` stays clean after a bench.
writeFileSync('BENCHMARKS.md', await format(report, { parser: 'markdown', proseWrap: 'preserve' }));
console.log(report);
