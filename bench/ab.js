#!/usr/bin/env node
/**
 * `npm run bench:ab -- <dirA> <dirB> [rounds]`: first visits of two builds of dist/ and of bare Pyodide, in
 * turns (the order rotates each round), each from its own server, in Chromium. For trying a start-up change:
 * a single `npm run bench` moves by a few hundredths between runs on a 2-core machine, while the paired
 * difference of two builds loaded back to back shows a change of a few tens of milliseconds in ~30 rounds.
 * Build the two with `PY_ASYNC_RUN_OUT_DIR=<dir> npx vite build` (one from a `git worktree` of the older code).
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { serve } from '../scripts/serve.js';
import { browserArgs, chromiumPath } from '../test/browsers.js';

const [dirA, dirB, rounds = '30'] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: npm run bench:ab -- <dirA> <dirB> [rounds]');
  process.exit(2);
}
const ROUNDS = Number(rounds);
const PROGRAM = 'import asyncio\nasync def main():\n    print("first output")\nasyncio.run(main())\n';
const OURS = `<!doctype html><script type="module" src="/py-async-run.js"></script>
  <py-async-run id="p" preload="eager"><script type="text/python">${PROGRAM}</script></py-async-run>
  <script type="module">
    await customElements.whenDefined('py-async-run');
    const el = document.getElementById('p');
    el.addEventListener('py-output', () => { window.firstOutput ??= performance.now(); }, { once: true });
    el.run();
  </script>`;
const BARE = `<!doctype html><script type="module">
  const { loadPyodide } = await import('/pyodide/pyodide.mjs');
  const py = await loadPyodide({ indexURL: '/pyodide/', stdout: () => { window.firstOutput ??= performance.now(); } });
  await py.runPythonAsync(${JSON.stringify(PROGRAM.replace('asyncio.run(main())', 'await main()'))});
</script>`;

for (const dir of [dirA, dirB]) {
  writeFileSync(join(dir, 'bench-ab.html'), OURS);
  writeFileSync(join(dir, 'bench-ab-bare.html'), BARE);
}
const a = await serve({ dir: dirA });
const b = await serve({ dir: dirB });
const pages = { A: `${a.url}bench-ab.html`, B: `${b.url}bench-ab.html`, bare: `${a.url}bench-ab-bare.html` };
const browser = await chromium.launch({ executablePath: chromiumPath(), args: browserArgs });
const kinds = Object.keys(pages);
const times = Object.fromEntries(kinds.map((kind) => [kind, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of kinds.map((_, i) => kinds[(round + i) % kinds.length])) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(pages[kind]);
    await tab.waitForFunction(() => window.firstOutput !== undefined, undefined, { timeout: 60_000 });
    times[kind].push(await tab.evaluate(() => window.firstOutput));
    await tab.waitForTimeout(1500); // as the bench: the reader stays, background work ends with the page
    await context.close();
  }
}
await browser.close();
a.server.close();
b.server.close();
for (const dir of [dirA, dirB]) {
  rmSync(join(dir, 'bench-ab.html'));
  rmSync(join(dir, 'bench-ab-bare.html'));
}

const median = (values) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;
for (const kind of kinds) {
  const ratio = median(times[kind]) / median(times.bare);
  console.log(`${kind}: median ${median(times[kind]).toFixed(0)} ms, ${ratio.toFixed(3)}× of bare`);
}
const differences = times.A.map((t, i) => t - times.B[i]);
const spread = Math.sqrt(mean(differences.map((d) => (d - mean(differences)) ** 2)) / differences.length);
console.log(
  `A − B per round: median ${median(differences).toFixed(0)} ms, mean ${mean(differences).toFixed(0)} ± ${spread.toFixed(0)} ms (standard error)`,
);
