import { TRANSFORM_VERSION, type TransformOptions } from '../transform/index.js';
import { memoKey } from './memo-key.js';
import { TransformMemo, type PreparedProgram } from './memo-store.js';

let memo: TransformMemo | null = null;

/**
 * `prepare(source, options)` (the transform and the code's tips, src/run/prepare.ts), memoized across runs
 * and visits (see TransformMemo). It pays for itself: on a 5 KB program the transform takes ~4.2 ms and a
 * memory hit, SHA-256 key included, ~0.08 ms (bench/run.js, BENCHMARKS.md); an IndexedDB hit on a later
 * visit costs one read, a few ms at most.
 */
export async function memoizedPrepare(
  source: string,
  options: TransformOptions,
  prepare: (source: string, options: TransformOptions) => PreparedProgram,
): Promise<PreparedProgram> {
  memo ??= new TransformMemo();
  const key = await memoKey(source, TRANSFORM_VERSION, { ...options });
  const hit = await memo.get(key, source);
  if (hit) return hit;
  const result = prepare(source, options);
  void memo.put(key, source, result);
  return result;
}
