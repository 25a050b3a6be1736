import type { SyntaxNode } from '@lezer/common';
import type { CallSite } from '../syntax/analyze.js';
import { calleeName, coroutineCalled } from './names.js';
import type { RuleContext } from './static-rules.js';

/** Calls that use their argument's value: given a coroutine object, they print or compute with the wrong thing. */
const VALUE_USERS = new Set([
  'print',
  'str',
  'int',
  'float',
  'len',
  'list',
  'sorted',
  'sum',
  'min',
  'max',
  'round',
]);

/** Attributes a coroutine object has: using them is deliberate (`coro.send(None)`, `coro.close()`). */
const COROUTINE_ATTRIBUTES = /^(send|throw|close|__await__|__name__|__qualname__|cr_\w+)$/;

/** The call stands alone as a statement (or as a list comprehension's item): its value is dropped. */
export const isStatement = (call: CallSite) => {
  if (call.awaited) return false;
  const parent = call.node.parent;
  if (parent?.name === 'ExpressionStatement') return true;
  return parent?.name === 'ArrayComprehensionExpression' && parent.parent?.name === 'ExpressionStatement';
};

/** A call of the program's coroutine function whose coroutine object is dropped unawaited. */
export const coroutineDropped = (call: CallSite, context: RuleContext) =>
  isStatement(call) && coroutineCalled(call, context.names) !== null;

/**
 * The call's value is a coroutine object used as if it were the result: `load_user(1)["name"]`,
 * `print(fetch())`, or `user = load_user(1)` and then `user["name"]` with `user` never awaited.
 */
export function coroutineUsedAsValue(call: CallSite, context: RuleContext): boolean {
  if (call.awaited || coroutineCalled(call, context.names) === null) return false;
  let value: SyntaxNode = call.node;
  if (value.parent?.name === 'ArrayComprehensionExpression') value = value.parent;
  if (usesAsValue(value, context)) return true;
  // `user = load_user(1)`: follow `user` in the same function.
  const statement = value.parent;
  const target = statement?.firstChild;
  if (statement?.name !== 'AssignStatement' || target?.name !== 'VariableName') return false;
  if (target.nextSibling?.name !== 'AssignOp' || statement.lastChild?.from !== value.from) return false;
  const name = context.model.source.slice(target.from, target.to);
  const later = context.model.uses.filter(
    (use) => use.name === name && use.place.fn === call.place.fn && use.node.from > statement.to,
  );
  if (later.some((use) => use.node.parent?.name === 'AwaitExpression')) return false;
  return later.some((use) => usesAsValue(use.node, context));
}

/** The expression's value is used as a result would be: subscripted, computed with, printed, iterated. */
function usesAsValue(node: SyntaxNode, { model, names }: RuleContext): boolean {
  const parent = node.parent;
  if (!parent) return false;
  switch (parent.name) {
    case 'MemberExpression': {
      if (parent.firstChild?.from !== node.from) return false;
      const property = parent.lastChild;
      if (property?.name !== 'PropertyName') return true; // `user["name"]`
      return !COROUTINE_ATTRIBUTES.test(model.source.slice(property.from, property.to));
    }
    case 'BinaryExpression':
    case 'FormatReplacement':
      return true;
    case 'ForStatement':
      return node.prevSibling?.name === 'in';
    case 'ArgList': {
      const call = parent.parent;
      const callee = call?.firstChild;
      return Boolean(callee && VALUE_USERS.has(calleeName(callee, model.source, names.aliases) ?? ''));
    }
  }
  return false;
}

/** The positional arguments of a call, and whether any is starred (`*tasks`). */
export function positionalArguments(call: CallSite): { args: SyntaxNode[]; starred: boolean } {
  const args: SyntaxNode[] = [];
  let starred = false;
  for (let c = call.args.firstChild; c; c = c.nextSibling) {
    if (c.name === '*' || c.name === '**') starred = true;
    else if (c.name === 'AssignOp')
      args.pop(); // `name=` of a keyword argument
    else if (!['(', ')', ',', '*', '**'].includes(c.name) && c.prevSibling?.name !== 'AssignOp') {
      if (c.prevSibling?.name !== '*' && c.prevSibling?.name !== '**') args.push(c);
    }
  }
  return { args, starred };
}

/** Names the program fills with coroutine objects (`coros = [f(x) for x in xs]`, `coros.append(f(x))`). */
function coroutineLists(context: RuleContext): Set<string> {
  if (context.coroutineLists) return context.coroutineLists;
  const { model, names } = context;
  const lists = new Set<string>();
  context.coroutineLists = lists; // set first: `a = b` looks `b` up while the set is filled
  for (const statement of model.assignments) {
    const target = statement.firstChild;
    const value = statement.lastChild;
    if (target?.name !== 'VariableName' || target.nextSibling?.name !== 'AssignOp' || !value) continue;
    if (holdsCoroutines(value, context)) lists.add(model.source.slice(target.from, target.to));
  }
  for (const call of model.calls) {
    const written = model.source.slice(call.callee.from, call.callee.to);
    if (!written.endsWith('.append') || call.args.firstChild?.nextSibling?.name !== 'CallExpression')
      continue;
    const item = call.args.firstChild.nextSibling;
    const site = model.calls.find((c) => c.node.from === item.from && c.node.to === item.to);
    if (site && !site.awaited && coroutineCalled(site, names)) lists.add(written.slice(0, -'.append'.length));
  }
  return lists;
}

/** A list display or comprehension, or a name assigned one: what `gather` needs unpacked with `*`. */
export const isListOf = (node: SyntaxNode, context: RuleContext) =>
  node.name === 'ArrayExpression' ||
  node.name === 'ArrayComprehensionExpression' ||
  (node.name === 'VariableName' &&
    context.names.listNames.has(context.model.source.slice(node.from, node.to)));

/**
 * `asyncio.wait([fetch(), fetch()])`: a collection whose items are coroutine calls, not tasks; given as a
 * display, or as a name assigned one or given coroutines with `.append(fetch())`.
 */
export function holdsCoroutines(node: SyntaxNode, context: RuleContext): boolean {
  if (node.name === 'VariableName')
    return coroutineLists(context).has(context.model.source.slice(node.from, node.to));
  if (
    !['ArrayExpression', 'ArrayComprehensionExpression', 'SetExpression', 'TupleExpression'].includes(
      node.name,
    )
  )
    return false;
  for (let c = node.firstChild; c; c = c.nextSibling) {
    if (c.name !== 'CallExpression') continue;
    const site = context.model.calls.find((call) => call.node.from === c.from && call.node.to === c.to);
    if (site && coroutineCalled(site, context.names)) return true;
  }
  return false;
}
