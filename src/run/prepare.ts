import type { PreparedProgram } from '../cache/memo-store.js';
import { analyzeSource } from '../syntax/parse.js';
import { codeTips, largeProgramTip } from '../tips/rewrite-rules.js';
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

/**
 * Programs longer than this run as written, without the transform: parsing and analysing a 5 MB program on
 * the page held its main thread for about 14 s (Chromium on 2 busy cores; bench/big-program.js), ~3 ms per
 * KB. Their loop entry points still run, blocking the worker as the ones the transform cannot reach do.
 */
export const LARGEST_REWRITTEN = 50_000;

/** A program run as written (see LARGEST_REWRITTEN), with the tip saying so. */
export function preparedAsWritten(source: string): PreparedProgram {
  return {
    code: source,
    edits: [],
    rewrites: [],
    tips: [largeProgramTip(source.length, LARGEST_REWRITTEN)],
    fallbacks: [],
    topLevelAwait: false,
    syntaxError: false,
  };
}
