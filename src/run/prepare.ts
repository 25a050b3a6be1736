import type { PreparedProgram } from '../cache/memo-store.js';
import { analyzeSource } from '../syntax/parse.js';
import { codeTips } from '../tips/rewrite-rules.js';
import { transformModel, type TransformOptions } from '../transform/index.js';

export type { PreparedProgram };

/**
 * A program made ready to run: parsed and analysed once, rewritten by the transform, and explained by the
 * tips read from the same analysis. The run flow composes the two here, so the transform knows nothing of
 * tips; the memo stores the whole (its key's TRANSFORM_VERSION covers both). Pure: no DOM, no I/O.
 */
export function prepareProgram(source: string, options: TransformOptions = {}): PreparedProgram {
  const model = analyzeSource(source);
  const transformed = transformModel(model);
  return { ...transformed, tips: codeTips(model, transformed, options) };
}
