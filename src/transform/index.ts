import type { ProgramModel } from '../syntax/analyze.js';
import { lineOf } from '../syntax/lines.js';
import { analyzeSource } from '../syntax/parse.js';
import { planAsyncChain, type ChainPlan } from './async-chain.js';
import type { Edit, RewriteFact, TransformResult } from './types.js';

export type { Edit, EntryKind, Fallback, RewriteFact, TransformOptions, TransformResult } from './types.js';

/**
 * Version of what the memo stores for a program: the transform's output and the tips read from the code
 * (src/run/prepare.ts). Part of the memo key: bump it whenever the same source would transform or be tipped
 * differently, or the stored shape changes, so stale memo entries are never used.
 */
export const TRANSFORM_VERSION = 4;

/** The name the runtime puts in `builtins` for rewritten entry points (see `py_async_run.entry.call`). */
export const RUNTIME_NAME = '__py_async_run__';

/**
 * Rewrites a program's event-loop entry points so they run inside the page's loop, keeping every line.
 *
 * `asyncio.run(main())` becomes `(await __py_async_run__.call(asyncio.run, main()))`: the runtime then
 * drives a fresh event loop exactly as `asyncio.run` would, without blocking the page. Plain functions that
 * reach such a call become `async def` and their calls are awaited. Edits only insert or replace text inside
 * a line, so tracebacks point at the author's lines. Pure: no DOM, no I/O. The tips that explain the rewrite
 * are the tips' business (src/tips/rewrite-rules.ts), read from `rewrites`.
 */
export function transformSource(source: string): TransformResult {
  return transformModel(analyzeSource(source));
}

/** `transformSource` over a program already analysed (the run flow reads the same model for its tips). */
export function transformModel(model: ProgramModel): TransformResult {
  const { source } = model;
  const unchanged = { code: source, edits: [], rewrites: [], fallbacks: [] };
  if (model.hasError) return { ...unchanged, topLevelAwait: false, syntaxError: true };
  // Notebook style already awaits at module level; the runtime runs the module as a task, as Jupyter does.
  if (model.topLevelAwait) return { ...unchanged, topLevelAwait: true, syntaxError: false };
  const plan = planAsyncChain(model);
  const edits = planEdits(plan, source);
  return {
    code: applyEdits(source, edits),
    edits,
    rewrites: rewriteFacts(plan, source),
    fallbacks: plan.fallbacks.map(({ call, kind, reason }) => ({
      line: lineOf(source, call.node.from),
      entry: kind,
      reason,
    })),
    topLevelAwait: false,
    syntaxError: false,
  };
}

function planEdits(plan: ChainPlan, source: string): Edit[] {
  const edits: Edit[] = [];
  for (const { call } of plan.rewritten) {
    edits.push({ from: call.callee.from, to: call.callee.from, insert: `(await ${RUNTIME_NAME}.call(` });
    const hasArguments = source.slice(call.args.from + 1, call.args.to - 1).trim() !== '';
    edits.push({ from: call.args.from, to: call.args.from + 1, insert: hasArguments ? ', ' : '' });
    edits.push({ from: call.args.to, to: call.args.to, insert: ')' });
  }
  for (const fn of plan.converted) {
    const def = fn.node.getChild('def');
    if (def) edits.push({ from: def.from, to: def.from, insert: 'async ' });
  }
  for (const use of plan.awaitedCalls) {
    const call = use.call!.node;
    edits.push({ from: call.from, to: call.from, insert: '(await ' });
    edits.push({ from: call.to, to: call.to, insert: ')' });
  }
  // Stable order: by position; at one position, an outer call's opening before an inner one's.
  return edits
    .map((edit, index) => ({ edit, index }))
    .sort((a, b) => a.edit.from - b.edit.from || a.index - b.index)
    .map(({ edit }) => edit);
}

/** Applies non-overlapping edits sorted by position. */
export function applyEdits(source: string, edits: readonly Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += source.slice(at, edit.from) + edit.insert;
    at = edit.to;
  }
  return out + source.slice(at);
}

/** What the plan did, by line; at one line, rewritten entry points, then functions, then fallbacks. */
function rewriteFacts(plan: ChainPlan, source: string): RewriteFact[] {
  const facts: RewriteFact[] = [];
  const snippet = (from: number, to: number) => source.slice(from, to).replace(/\s+/g, ' ');
  for (const { call, kind } of plan.rewritten) {
    const line = lineOf(source, call.node.from);
    facts.push({
      kind: 'entry-rewritten',
      line,
      entry: kind,
      written: snippet(call.node.from, call.node.to),
    });
  }
  for (const fn of plan.converted) {
    facts.push({ kind: 'made-async', line: lineOf(source, fn.node.from), name: fn.name });
  }
  for (const { call, reason } of plan.fallbacks) {
    const callee = snippet(call.callee.from, call.callee.to);
    facts.push({ kind: 'entry-blocks', line: lineOf(source, call.node.from), callee, reason });
  }
  return facts.sort((a, b) => a.line - b.line);
}
