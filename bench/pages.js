/**
 * The first-visit pages the benchmarks load (bench/run.js, bench/ab.js): the element with one program, and bare
 * Pyodide running the same program the plain way. Each notes when its first output came (`window.firstOutput`).
 */
import { within } from './within.js';

export const PROGRAM = 'import asyncio\nasync def main():\n    print("first output")\nasyncio.run(main())\n';

/** py-async-run, preloading at once, run as soon as it is defined. */
export const OURS_PAGE = `<!doctype html><script type="module" src="/py-async-run.js"></script>
  <py-async-run id="p" preload="eager"><script type="text/python">${PROGRAM}</script></py-async-run>
  <script type="module">
    await customElements.whenDefined('py-async-run');
    const el = document.getElementById('p');
    el.addEventListener('py-output', () => { window.firstOutput ??= performance.now(); }, { once: true });
    el.run();
  </script>`;

/** Bare Pyodide: main thread, `loadPyodide`, then `runPythonAsync` (an await where the program has asyncio.run). */
export const BARE_PAGE = `<!doctype html><script type="module">
  const { loadPyodide } = await import('/pyodide/pyodide.mjs');
  const py = await loadPyodide({ indexURL: '/pyodide/', stdout: () => { window.firstOutput ??= performance.now(); } });
  await py.runPythonAsync(${JSON.stringify(PROGRAM.replace('asyncio.run(main())', 'await main()'))});
</script>`;

/**
 * When the page printed first (`window.firstOutput`, its own clock). Asked every 50 ms by a timer in the page
 * rather than with Playwright's waitForFunction, which evaluates its injected script (~30 ms of the page's main
 * thread) and then polls on every animation frame, during the very start it measures. BENCH_TIMEOUT_S (60)
 * raises the limit on a loaded machine.
 */
export async function firstOutputOf(tab, ms = Number(process.env.BENCH_TIMEOUT_S ?? 60) * 1000) {
  return within(
    tab.evaluate(
      () =>
        new Promise((resolve) => {
          const check = () =>
            window.firstOutput === undefined ? setTimeout(check, 50) : resolve(window.firstOutput);
          check();
        }),
    ),
    ms,
    'a first output',
  );
}
