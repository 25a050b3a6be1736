import type { CallSite, FunctionInfo, NameUse, Place, ProgramModel } from '../syntax/analyze.js';
import { entryKind } from '../syntax/entry-points.js';
import { lineOf } from '../syntax/lines.js';
import type { EntryKind } from '../syntax/entry-points.js';

/** An entry-point call and what it is. */
export interface EntryCall {
  call: CallSite;
  kind: EntryKind;
}

/** What the transform will do: which entry points become `await`, which defs become `async def`. */
export interface ChainPlan {
  rewritten: EntryCall[];
  fallbacks: (EntryCall & { reason: string })[];
  /** Plain `def`s that become `async def` because they (transitively) reach an entry point. */
  converted: FunctionInfo[];
  /** Calls of converted functions, which get `await` in front. */
  awaitedCalls: NameUse[];
}

/**
 * Plans the async chain: an entry point inside a plain function can only become `await` if that function
 * becomes `async def`, and then every call of it must be awaited, which may make its callers async in turn.
 * A function stays as written when any link cannot change: it is a method, decorated or a generator, its
 * name is bound more than once, it is used as a value (passed to a decorator, a callback, a thread) or called
 * where `await` cannot stand (class body, lambda, generator expression). Its entry points then run by
 * blocking, which the runtime supports too, so a refusal here never breaks a program.
 */
export function planAsyncChain(model: ProgramModel): ChainPlan {
  const entries: EntryCall[] = [];
  for (const call of model.calls) {
    if (call.awaited) continue;
    const kind = entryKind(call, model);
    if (kind) entries.push({ call, kind });
  }

  const usesByName = new Map<string, NameUse[]>();
  for (const use of model.uses) {
    const list = usesByName.get(use.name) ?? [];
    list.push(use);
    usesByName.set(use.name, list);
  }
  const defsByName = new Map<string, number>();
  for (const fn of model.functions) defsByName.set(fn.name, (defsByName.get(fn.name) ?? 0) + 1);

  // Entry points inside an `async def` stay as written: CPython raises there too ("cannot be called from a
  // running event loop"), and the run reports that error at its line.
  const candidates = new Set<FunctionInfo>();
  for (const { call } of entries) {
    if (call.place.noAwait === null && call.place.fn && !call.place.fn.isAsync) candidates.add(call.place.fn);
  }

  const blocked = new Map<FunctionInfo, string>();
  let converted = new Set<FunctionInfo>();
  for (;;) {
    converted = closeOverCallers(candidates, blocked, usesByName);
    let changed = false;
    for (const fn of converted) {
      const reason = whyFixed(fn, converted, blocked, usesByName, defsByName, model);
      if (reason) {
        blocked.set(fn, reason);
        changed = true;
      }
    }
    if (!changed) break;
  }

  const plan: ChainPlan = { rewritten: [], fallbacks: [], converted: [...converted], awaitedCalls: [] };
  for (const entry of entries) {
    const reason = whyNotAwaitable(entry.call.place, converted, blocked);
    if (reason === undefined) continue; // inside an async def: left as written on purpose
    if (reason === null) plan.rewritten.push(entry);
    else plan.fallbacks.push({ ...entry, reason });
  }
  for (const fn of converted) {
    for (const use of usesByName.get(fn.name) ?? []) if (use.call) plan.awaitedCalls.push(use);
  }
  return plan;
}

function closeOverCallers(
  candidates: Set<FunctionInfo>,
  blocked: Map<FunctionInfo, string>,
  usesByName: Map<string, NameUse[]>,
): Set<FunctionInfo> {
  const result = new Set<FunctionInfo>();
  const queue = [...candidates].filter((fn) => !blocked.has(fn));
  while (queue.length) {
    const fn = queue.pop()!;
    if (result.has(fn)) continue;
    result.add(fn);
    for (const use of usesByName.get(fn.name) ?? []) {
      const caller = use.place.fn;
      if (use.call && use.place.noAwait === null && caller && !caller.isAsync && !blocked.has(caller)) {
        queue.push(caller);
      }
    }
  }
  return result;
}

function whyFixed(
  fn: FunctionInfo,
  converted: Set<FunctionInfo>,
  blocked: Map<FunctionInfo, string>,
  usesByName: Map<string, NameUse[]>,
  defsByName: Map<string, number>,
  model: ProgramModel,
): string | null {
  if (fn.fixed) return fn.fixed;
  if ((defsByName.get(fn.name) ?? 0) > 1 || (model.bindings.get(fn.name) ?? 0) > 1) {
    return `the name \`${fn.name}\` is bound more than once`;
  }
  for (const use of usesByName.get(fn.name) ?? []) {
    const line = () => lineOf(model.source, use.node.from);
    if (!use.call) return `it is used as a value at line ${line()}`;
    if (use.call.awaited) return `it is already awaited at line ${line()}`;
    const reason = whyNotAwaitable(use.place, converted, blocked);
    if (reason) return `it is called at line ${line()}, ${reason}`;
  }
  return null;
}

/** null when `await` can stand at this place once the plan is applied, a reason when it cannot,
 * undefined inside an `async def` that the author wrote. */
function whyNotAwaitable(
  place: Place,
  converted: Set<FunctionInfo>,
  blocked: Map<FunctionInfo, string>,
): string | null | undefined {
  if (place.noAwait) return `inside a ${place.noAwait}`;
  const fn = place.fn;
  if (!fn) return null;
  if (fn.isAsync) return undefined;
  if (converted.has(fn) && !blocked.has(fn)) return null;
  const why = blocked.get(fn) ?? 'it is not called from code that can wait';
  return `inside \`${fn.name}\`, which cannot become \`async def\`: ${why}`;
}
