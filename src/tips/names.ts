import type { SyntaxNode } from '@lezer/common';
import type { CallSite, ProgramModel } from '../syntax/analyze.js';

/**
 * What tip rules know about the program's names, read once per program from the walk's lists: import aliases,
 * its coroutine functions and methods, and what each assigned name holds. Lets a rule say "`user` holds a
 * coroutine" or "`lock` is an `asyncio.Lock`" without walking the tree again.
 */
export interface ProgramNames {
  source: string;
  /** Local name → dotted module path or `module.name` (`aio` → `asyncio`, `urlopen` → `urllib.request.urlopen`). */
  aliases: Map<string, string>;
  /** Plain functions defined with `async def` (not generators, not decorated: a decorator may wrap it), bound once. */
  coroutineFunctions: Set<string>;
  /** Class name → its methods defined with `async def` (not generators) whose name no plain `def` also has. */
  coroutineMethods: Map<string, Set<string>>;
  /** Functions and methods defined with `async def` that `yield`: they need `async for`. */
  asyncGenerators: Set<string>;
  /** Assignment target as written (`lock`, `self.lock`) → the resolved name of the call it was given. */
  assignedCalls: Map<string, string>;
  /** Names assigned a list display or comprehension (`tasks = [...]`). */
  listNames: Set<string>;
}

/** Reads the program's names for the tip rules. */
export function programNames(model: ProgramModel): ProgramNames {
  const aliases = model.aliases;
  const names: ProgramNames = {
    source: model.source,
    aliases,
    coroutineFunctions: new Set(),
    coroutineMethods: new Map(),
    asyncGenerators: new Set(),
    assignedCalls: new Map(),
    listNames: new Set(),
  };
  const plainDefs = new Set<string>();
  for (const fn of model.functions) {
    if (!fn.isAsync) plainDefs.add(fn.name);
    else if (fn.isGenerator) names.asyncGenerators.add(fn.name);
    else if (fn.fixed === 'it is a method') {
      const owner = classOf(fn.node, model.source);
      names.coroutineMethods.set(owner, (names.coroutineMethods.get(owner) ?? new Set()).add(fn.name));
    } else if (fn.fixed === null && (model.bindings.get(fn.name) ?? 0) === 1)
      names.coroutineFunctions.add(fn.name);
  }
  for (const methods of names.coroutineMethods.values()) for (const name of plainDefs) methods.delete(name);
  for (const statement of model.assignments) {
    const target = statement.firstChild;
    const value = statement.lastChild;
    if (!target || target.nextSibling?.name !== 'AssignOp' || !value) continue;
    const written = model.source.slice(target.from, target.to);
    if (value.name === 'ArrayExpression' || value.name === 'ArrayComprehensionExpression') {
      names.listNames.add(written);
    } else if (value.name === 'CallExpression' && value.firstChild) {
      const called = calleeName(value.firstChild, model.source, aliases);
      if (called === 'list') names.listNames.add(written);
      else if (called) names.assignedCalls.set(written, called);
    }
  }
  return names;
}

/** The dotted name a callee stands for, with import aliases resolved (`aio.sleep` → `asyncio.sleep`). */
export function calleeName(callee: SyntaxNode, source: string, aliases: Map<string, string>): string | null {
  const text = source.slice(callee.from, callee.to);
  if (callee.name === 'VariableName') return aliases.get(text) ?? text;
  if (callee.name !== 'MemberExpression') return null;
  if (!DOTTED_NAME.test(text)) return null;
  const head = firstName(text);
  const alias = aliases.get(head);
  return alias === undefined ? text : alias + text.slice(head.length);
}
const DOTTED_NAME = /^[A-Za-z_][\w.]*$/;

/** What a callee's text starts with, up to its first dot (`aio` of `aio.sleep`). */
export function firstName(text: string): string {
  const dot = text.indexOf('.');
  return dot < 0 ? text : text.slice(0, dot);
}

/**
 * The coroutine function a call of the program stands for (`load_user`, or the method name of
 * `self.fetch()`), or null: calling it without `await` only makes a coroutine object.
 */
export function coroutineCalled(call: CallSite, names: ProgramNames): string | null {
  const { callee } = call;
  const text = names.source.slice(callee.from, callee.to);
  if (callee.name === 'VariableName') return names.coroutineFunctions.has(text) ? text : null;
  const property = callee.lastChild;
  if (callee.name !== 'MemberExpression' || property?.name !== 'PropertyName') return null;
  const method = names.source.slice(property.from, property.to);
  // `self.fetch()` in any class of the program, or `client.fetch()` with `client = Client(...)`: a method of
  // another object with the same name (`file.close()`) is no coroutine.
  const object = text.slice(0, -method.length - 1);
  const owners =
    object === 'self'
      ? [...names.coroutineMethods.values()]
      : [names.coroutineMethods.get(names.assignedCalls.get(object) ?? '')];
  return owners.some((methods) => methods?.has(method)) ? method : null;
}

/** The name of the class a method is defined in (through a decorator line), or ''. */
function classOf(def: SyntaxNode, source: string): string {
  let up = def.parent;
  if (up?.name === 'DecoratedStatement') up = up.parent;
  const name = up?.parent?.name === 'ClassDefinition' ? up.parent.getChild('VariableName') : null;
  return name ? source.slice(name.from, name.to) : '';
}
