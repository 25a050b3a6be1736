import { applyEdits, RUNTIME_NAME } from '../transform/index.js';
import type { TransformResult } from '../transform/types.js';

/**
 * What the transform may insert, and where: it only ever adds these pieces of text, and replaces nothing but
 * the opening `(` of a rewritten call's arguments (see planEdits in src/transform/index.ts). Kept beside the
 * check, with a test that runs the transform over the golden cases and checks every result passes.
 */
const INSERTS = new Set([`(await ${RUNTIME_NAME}.call(`, '(await ', 'async ', ')', ', ', '']);

/**
 * Whether a stored transform result is one this page's transform could have made from `source`: every edit
 * inserts one of the transform's own pieces (or turns a call's `(` into `, `), the edits are in order and
 * inside the source, and the code to run is exactly the source with those edits applied. So every line the
 * transform did not edit is the author's line, and an edited line differs only by the transform's pieces.
 *
 * Why: the memo lives in IndexedDB, which any script of the origin can write, a program's own `js` included.
 * Without this check an entry written under program X's key could show X and run other code. Linear in the
 * source (~0.01 ms for 5 KB with 234 edits), against ~2.3 ms for transforming again.
 */
export function matchesSource(source: string, result: TransformResult): boolean {
  const { edits } = result;
  if ((result.syntaxError || result.topLevelAwait) && edits.length > 0) return false;
  let at = 0;
  for (const edit of edits) {
    if (typeof edit !== 'object' || edit === null) return false;
    const { from, to, insert } = edit;
    if (!Number.isInteger(from) || !Number.isInteger(to) || typeof insert !== 'string') return false;
    if (from < at || to < from || to > source.length || !INSERTS.has(insert)) return false;
    const replaced = source.slice(from, to);
    if (replaced !== '' && !(replaced === '(' && (insert === ', ' || insert === ''))) return false;
    at = to;
  }
  return result.code === applyEdits(source, edits);
}
