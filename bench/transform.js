#!/usr/bin/env node
/**
 * The cost of preparing a program (the transform with the code's tips: what a run memoizes, src/run/prepare.ts)
 * and a memo hit's, in Node (the same V8 as Chromium): a 5 KB program whose every
 * function has an `asyncio.run` entry point to rewrite, timed cold (the first call of a fresh bundle, as on a
 * page's first Run) and in steady state (medians after V8 has optimized the code, as on a page that runs
 * several programs). It replaces a unit test that transformed this program without timing it.
 * Used by bench/run.js; alone: `npm run bench:transform` (no build needed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** A 5 KB program: pairs of an `async def` and a plain function calling it through `asyncio.run`. */
export function fiveKilobyteProgram() {
  const unit =
    'async def f{n}():\n    await asyncio.sleep(0)\n\ndef g{n}():\n    return asyncio.run(f{n}())\n\n';
  let source = 'import asyncio\n';
  for (let n = 0; source.length < 5000; n++) source += unit.replaceAll('{n}', String(n));
  return source + 'g0()\n';
}

/** Bundles the transform and the memo key for Node and imports them from a temporary folder. */
async function loadModules() {
  const bundled = await build({
    entryPoints: ['src/cache/memo-key.ts', 'src/run/prepare.ts'],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    outdir: 'out',
  });
  const dir = mkdtempSync(join(os.tmpdir(), 'par-bench-transform-'));
  const modules = {};
  try {
    for (const file of bundled.outputFiles) {
      const path = join(dir, file.path.split('/').pop());
      writeFileSync(path, file.text);
      modules[path.includes('memo-key') ? 'key' : 'transform'] = await import(pathToFileURL(path).href);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return modules;
}

/** Median time (ms) of `rounds` calls of `fn`, after 30 calls to warm it up. */
async function time(fn, rounds) {
  for (let i = 0; i < 30; i++) await fn();
  const samples = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/**
 * Times the transform of the 5 KB program (cold, then steady) and a memo hit (memory layer, SHA-256 key).
 * Throws if the transform did not do the work being timed: every entry point rewritten, no line moved.
 */
export async function transformTimes(rounds = 200) {
  const modules = await loadModules();
  const source = fiveKilobyteProgram();
  const coldStart = performance.now();
  const result = modules.transform.prepareProgram(source);
  const coldTransformMs = performance.now() - coldStart;
  if (result.edits.length <= 20) throw new Error(`expected over 20 rewrites, got ${result.edits.length}`);
  if (result.code.split('\n').length !== source.split('\n').length)
    throw new Error('the transform moved lines');
  const transformMs = await time(() => modules.transform.prepareProgram(source), rounds);
  const memory = new Map([[await modules.key.memoKey(source, 1), result]]);
  const memoHitMs = await time(async () => memory.get(await modules.key.memoKey(source, 1)), rounds);
  return { coldTransformMs, transformMs, memoHitMs };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { coldTransformMs, transformMs, memoHitMs } = await transformTimes();
  console.log(`transform, 5 KB program: ${transformMs.toFixed(2)} ms (target ≤ 2 ms)`);
  console.log(`transform, 5 KB program, first call (cold): ${coldTransformMs.toFixed(1)} ms`);
  console.log(`memo hit (memory layer, with SHA-256 key): ${memoHitMs.toFixed(3)} ms`);
}
