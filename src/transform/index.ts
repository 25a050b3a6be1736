import { parser } from '@lezer/python';
import { staticTips } from '../tips/static-rules.js';
import type { Tip } from '../tips/types.js';
import { analyze } from '../syntax/analyze.js';
import { planAsyncChain, type ChainPlan } from './async-chain.js';
import { lineOf, lineText } from '../syntax/lines.js';
import type { Edit, TransformOptions, TransformResult } from './types.js';

export type { Edit, EntryKind, Fallback, TransformOptions, TransformResult } from './types.js';

/**
 * Version of the transform's output. Part of the memo key: bump it whenever the same source would
 * transform differently, so stale memo entries are never used.
 */
export const TRANSFORM_VERSION = 3;

/** The name the runtime puts in `builtins` for rewritten entry points (see `py_async_run.entry.call`). */
export const RUNTIME_NAME = '__py_async_run__';

/**
 * Rewrites a program's event-loop entry points so they run inside the page's loop, keeping every line.
 *
 * `asyncio.run(main())` becomes `(await __py_async_run__.call(asyncio.run, main()))`: the runtime then
 * drives a fresh event loop exactly as `asyncio.run` would, without blocking the page. Plain functions that
 * reach such a call become `async def` and their calls are awaited. Edits only insert or replace text inside
 * a line, so tracebacks point at the author's lines. Pure: no DOM, no I/O.
 */
export function transformSource(source: string, options: TransformOptions = {}): TransformResult {
  const tree = parser.parse(source);
  const model = analyze(tree, source);
  if (model.hasError) {
    return { code: source, edits: [], tips: [], fallbacks: [], topLevelAwait: false, syntaxError: true };
  }
  if (model.topLevelAwait) {
    // Notebook style already awaits at module level; the runtime runs the module as a task, as Jupyter does.
    return {
      code: source,
      edits: [],
      tips: [
        ...staticTips(model, options),
        {
          id: 'top-level-await',
          severity: 'info',
          message:
            'This code uses `await` outside a function, as a notebook does. CPython would reject that in a ' +
            'script; here the whole program ran as one task on an event loop.',
        },
      ],
      fallbacks: [],
      topLevelAwait: true,
      syntaxError: false,
    };
  }
  const plan = planAsyncChain(model);
  const edits = planEdits(plan, source);
  const code = applyEdits(source, edits);
  return {
    code,
    edits,
    tips: [...describePlan(plan, source, code), ...staticTips(model, options)].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0),
    ),
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

function describePlan(plan: ChainPlan, source: string, code: string): Tip[] {
  const tips: Tip[] = [];
  const snippet = (from: number, to: number) => source.slice(from, to).replace(/\s+/g, ' ');
  for (const { call, kind } of plan.rewritten) {
    const line = lineOf(source, call.node.from);
    const written = snippet(call.node.from, call.node.to);
    tips.push({
      id: 'entry-rewritten',
      severity: 'info',
      line,
      message:
        `\`${written}\` ran without blocking the page: a browser cannot block while a program waits, so ` +
        `the page drove ${kind === 'asyncio.run' ? 'a fresh event loop' : 'the event loop'} between its ` +
        'waits instead. Output, order and errors stay as in CPython.',
      docs: 'https://docs.python.org/3/library/asyncio-runner.html',
      before: lineText(source, line),
      after: lineText(code, line),
    });
  }
  for (const fn of plan.converted) {
    const line = lineOf(source, fn.node.from);
    tips.push({
      id: 'made-async',
      severity: 'info',
      line,
      message:
        `\`${fn.name}()\` became \`async def\` and its calls are awaited, because it reaches an event-loop ` +
        'entry point, and only async code can wait in a browser.',
      before: lineText(source, line),
      after: lineText(code, line),
    });
  }
  for (const { call, reason } of plan.fallbacks) {
    tips.push({
      id: 'entry-blocks',
      severity: 'info',
      line: lineOf(source, call.node.from),
      message:
        `\`${snippet(call.callee.from, call.callee.to)}()\` here stays as written (${reason}), so it runs by ` +
        'blocking the Python worker until its event loop is done.',
    });
  }
  return tips.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
