import type { SyntaxNode } from '@lezer/common';
import type { CallSite, ProgramModel } from './analyze.js';

/** What kind of loop entry point a call is. */
export type EntryKind = 'asyncio.run' | 'run_until_complete' | 'run_forever' | 'Runner.run';

/**
 * The loop entry point a call stands for, judged from the names the program bound, or null.
 *
 * `asyncio.run(...)` through any alias of the module or of the function, `x.run_until_complete(...)`,
 * `x.run_forever()` and `runner.run(...)` on a name bound to `asyncio.Runner(...)`. The runtime checks again
 * what the callee really is before treating it as an entry point, so a look-alike (a `run_forever` method of
 * some other class) still behaves as written.
 */
export function entryKind(call: CallSite, model: ProgramModel): EntryKind | null {
  const { callee } = call;
  const text = (node: SyntaxNode) => model.source.slice(node.from, node.to);
  if (callee.name === 'VariableName') {
    return model.runNames.has(text(callee)) ? 'asyncio.run' : null;
  }
  if (callee.name !== 'MemberExpression') return null;
  const object = callee.firstChild;
  const property = callee.lastChild;
  if (!object || property?.name !== 'PropertyName') return null;
  const method = text(property);
  if (method === 'run_until_complete') return 'run_until_complete';
  if (method === 'run_forever') return 'run_forever';
  if (method === 'run' && object.name === 'VariableName') {
    if (model.asyncioNames.has(text(object))) return 'asyncio.run';
    if (model.runnerNames.has(text(object))) return 'Runner.run';
  }
  return null;
}
