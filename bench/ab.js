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
import { BARE_PAGE, OURS_PAGE, firstOutputOf } from './pages.js';

const [dirA, dirB, rounds = '30'] = process.argv.slice(2);
if (!dirA || !dirB) {
  console.error('usage: npm run bench:ab -- <dirA> <dirB> [rounds]');
  process.exit(2);
}
const ROUNDS = Number(rounds);
for (const dir of [dirA, dirB]) {
  writeFileSync(join(dir, 'bench-ab.html'), OURS_PAGE);
  writeFileSync(join(dir, 'bench-ab-bare.html'), BARE_PAGE);
}
const a = await serve({ dir: dirA });
const b = await serve({ dir: dirB });
const pages = { A: `${a.url}bench-ab.html`, B: `${b.url}bench-ab.html`, bare: `${a.url}bench-ab-bare.html` };
const browser = await chromium.launch({ executablePath: chromiumPath(), args: browserArgs });
const kinds = Object.keys(pages);
const times = Object.fromEntries(kinds.map((kind) => [kind, []]));
/** One first visit (a fresh context: empty caches), to its first output. */
async function firstVisit(page) {
  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(page);
  const firstOutput = await firstOutputOf(tab);
  await tab.waitForTimeout(1500); // as the bench: the reader stays, background work ends with the page
  await context.close();
  return firstOutput;
}
// Not counted: a browser's first page loads are slower whichever page they are (measured: ~0.1× here).
for (const kind of kinds) await firstVisit(pages[kind]);
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of kinds.map((_, i) => kinds[(round + i) % kinds.length])) {
    times[kind].push(await firstVisit(pages[kind]));
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
