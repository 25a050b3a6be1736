import { TRANSFORM_VERSION, transformSource, type TransformResult } from '../transform/index.js';
import { memoKey } from './memo-key.js';
import { TransformMemo } from './memo-store.js';

let memo: TransformMemo | null = null;

/**
 * `transformSource`, memoized across runs and visits (see TransformMemo). Measured in Chromium on a 5 KB
 * program (bench/memo.js): see BENCHMARKS.md for what a memory hit and an IndexedDB hit save.
 */
export async function memoizedTransform(source: string): Promise<TransformResult> {
  memo ??= new TransformMemo();
  const key = await memoKey(source, TRANSFORM_VERSION);
  const hit = await memo.get(key, source);
  if (hit) return hit;
  const result = transformSource(source);
  void memo.put(key, source, result);
  return result;
}
