import type { EntryKind } from '../syntax/entry-points.js';

export type { EntryKind };

/** One change to the source: replace `from..to` with `insert`. Edits never add or remove line breaks. */
export interface Edit {
  from: number;
  to: number;
  insert: string;
}

/** A loop entry point the transform could not turn into `await`, and why; it runs by blocking instead. */
export interface Fallback {
  line: number;
  entry: EntryKind;
  reason: string;
}

/**
 * One thing the transform did or left, at its line, as data: what the tips explain and the element's "how
 * this ran" line names. `written` and `callee` are the author's text with runs of white space folded.
 */
export type RewriteFact =
  | { kind: 'entry-rewritten'; line: number; entry: EntryKind; written: string }
  | { kind: 'made-async'; line: number; name: string }
  | { kind: 'entry-blocks'; line: number; callee: string; reason: string };

/**
 * Facts about the page the code's tips depend on. Part of the memo key: the same code may get other tips on
 * another page.
 */
export interface TransformOptions {
  /** `input()` can ask the reader for a line here (stack switching, or a cross-origin isolated page). */
  inputAvailable?: boolean;
}

/** The result of `transformSource`: plain data, stored as is in the transform memo. */
export interface TransformResult {
  /** The code to execute; every line stands where it stood in the author's code. */
  code: string;
  edits: Edit[];
  /** What the rewrite did, in the order of the source (see RewriteFact). */
  rewrites: RewriteFact[];
  /** Entry points left as written (they block, through stack switching when the engine has it). */
  fallbacks: Fallback[];
  /** The author's code awaits at module level (notebook style); it runs as one task, like in Jupyter. */
  topLevelAwait: boolean;
  /** The parser found a syntax error: the code is left alone so Python reports it at its own line. */
  syntaxError: boolean;
}
