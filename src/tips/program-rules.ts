import type { SyntaxNode } from '@lezer/common';
import type { PlacedNode, ProgramModel } from '../syntax/analyze.js';
import { lineOf } from '../syntax/lines.js';
import { calleeName, type ProgramNames } from './names.js';
import type { Tip, TipSeverity } from './types.js';

/** What a program rule found: where, and the name its message speaks of. */
export interface Finding {
  node: SyntaxNode;
  detail: string;
}

/**
 * A static tip rule about statements rather than one call (`with`, `for`, `try`, `await`, a read and a write
 * of shared state): which places it finds, and what it says there.
 */
export interface ProgramRule {
  id: string;
  severity: TipSeverity;
  find(model: ProgramModel, names: ProgramNames): Finding[];
  message(detail: string): string;
  docs: string;
}

/** Objects that only work with `async with`: `with` on them raises `TypeError`. */
const ASYNC_CONTEXT_MANAGERS = new Set([
  'aiohttp.ClientSession',
  'httpx.AsyncClient',
  'asyncio.Lock',
  'asyncio.Semaphore',
  'asyncio.BoundedSemaphore',
  'asyncio.Condition',
  'asyncio.TaskGroup',
  'asyncio.timeout',
  'asyncio.timeout_at',
]);

/** Exceptions whose handler catches a cancellation. */
const CATCHES_CANCELLATION = /^(asyncio\.(exceptions\.)?)?(CancelledError|BaseException)$/;

const text = (model: ProgramModel, node: SyntaxNode) => model.source.slice(node.from, node.to);
const suspendsWithin = (model: ProgramModel, from: number, to: number) =>
  model.suspends.some(({ node }) => node.from >= from && node.from < to);

/** What an expression stands for: the resolved call (`asyncio.Lock`) or the call a name was assigned. */
function madeBy(node: SyntaxNode, model: ProgramModel, names: ProgramNames): string | null {
  if (node.name === 'CallExpression' && node.firstChild) {
    return calleeName(node.firstChild, model.source, names.aliases);
  }
  if (node.name === 'VariableName' || node.name === 'MemberExpression') {
    return names.assignedCalls.get(text(model, node)) ?? null;
  }
  return null;
}

/** The `with` managers of a WithStatement: the expressions after `with` and after each `,`, before `as`. */
function withItems(statement: SyntaxNode): SyntaxNode[] {
  const items: SyntaxNode[] = [];
  for (let c = statement.firstChild; c && c.name !== 'Body'; c = c.nextSibling) {
    const before = c.prevSibling?.name;
    if ((before === 'with' || before === ',' || before === '(') && !['(', ')', ','].includes(c.name))
      items.push(c);
  }
  return items;
}

/** Whether a statement sits inside an `async with` in its function (a lock held over the whole update). */
function insideAsyncWith(node: SyntaxNode): boolean {
  for (let up = node.parent; up && up.name !== 'FunctionDefinition'; up = up.parent) {
    if (up.name === 'WithStatement' && up.firstChild?.name === 'async') return true;
  }
  return false;
}

/** Loops at least this long without an `await` keep the event loop busy long enough to notice (tens of ms). */
const LONG_LOOP = 100_000;

/** The value of a plain integer literal or power (`1_000_000`, `10**6`), or 0. */
function literalInteger(node: SyntaxNode, source: string): number {
  if (node.name === 'Number') return Number(source.slice(node.from, node.to).replace(/_/g, '')) || 0;
  const [base, op, exponent] = [node.firstChild, node.firstChild?.nextSibling, node.lastChild];
  if (node.name !== 'BinaryExpression' || !base || !exponent || source.slice(op?.from, op?.to) !== '**')
    return 0;
  return literalInteger(base, source) ** literalInteger(exponent, source);
}

/** A long literal among an expression's direct parts: `range(10**6)`'s argument, `n < 50_000_000`'s bound. */
const countsFar = (node: SyntaxNode | null, source: string) => {
  for (let c = node?.firstChild; c; c = c.nextSibling)
    if (literalInteger(c, source) >= LONG_LOOP) return true;
  return false;
};

/**
 * Loops inside `async def` that count far with no `await` in them (`for i in range(10_000_000)`, the same in
 * a comprehension, `while n < 50_000_000`): pure computation that holds the event loop.
 */
function longLoops(model: ProgramModel): Finding[] {
  const found: Finding[] = [];
  const held = (scope: SyntaxNode) => !suspendsWithin(model, scope.from, scope.to);
  for (const call of model.calls) {
    if (!call.place.fn?.isAsync || text(model, call.callee) !== 'range' || model.bindings.has('range'))
      continue;
    if (!countsFar(call.args, model.source)) continue;
    let scope: SyntaxNode | null = call.node.parent;
    while (scope && !/Statement$/.test(scope.name)) scope = scope.parent;
    if (scope && held(scope)) found.push({ node: call.node, detail: '' });
  }
  for (const { node, place } of model.statements) {
    if (node.name !== 'WhileStatement' || !place.fn?.isAsync) continue;
    const condition = node.firstChild?.nextSibling ?? null;
    if (countsFar(condition, model.source) && held(node)) found.push({ node, detail: '' });
  }
  return found;
}

/** Rules about the program's statements, checked before running. */
export const programRules: readonly ProgramRule[] = [
  {
    id: 'async-with-needed',
    severity: 'warning',
    find: (model, names) =>
      model.statements.flatMap(({ node }) => {
        if (node.name !== 'WithStatement' || node.firstChild?.name === 'async') return [];
        const item = withItems(node).find((manager) =>
          ASYNC_CONTEXT_MANAGERS.has(madeBy(manager, model, names) ?? ''),
        );
        return item ? [{ node, detail: madeBy(item, model, names) ?? '' }] : [];
      }),
    message: (made) =>
      `\`${made}\` is an asynchronous context manager: plain \`with\` raises \`TypeError\`. Write ` +
      '`async with` (inside `async def`).',
    docs: 'https://docs.python.org/3/reference/compound_stmts.html#async-with',
  },
  {
    id: 'async-for-needed',
    severity: 'warning',
    find: (model, names) =>
      model.calls.flatMap((call) => {
        if (names.asyncGenerators.size === 0) return [];
        const name = text(model, call.callee);
        if (!names.asyncGenerators.has(name.slice(name.lastIndexOf('.') + 1))) return [];
        const loop = call.node.parent;
        if (call.node.prevSibling?.name !== 'in') return [];
        // `for` (or `async for`) stands two places before `in` in a statement and in a comprehension.
        const keyword = call.node.prevSibling.prevSibling?.prevSibling;
        if (!loop || keyword?.name !== 'for' || keyword.prevSibling?.name === 'async') return [];
        return [{ node: call.node, detail: name }];
      }),
    message: (name) =>
      `\`${name}()\` is an async generator (\`async def\` with \`yield\`): plain \`for\` raises \`TypeError\`. ` +
      'Write `async for` (inside `async def`), or `[x async for x in ...]` in a comprehension.',
    docs: 'https://docs.python.org/3/reference/compound_stmts.html#async-for',
  },
  {
    id: 'await-outside-async',
    severity: 'error',
    find: (model) =>
      model.suspends.flatMap(({ node, place }) =>
        place.fn && !place.fn.isAsync && place.noAwait === null ? [{ node, detail: place.fn.name }] : [],
      ),
    message: (name) =>
      `\`await\` (or \`async with\` / \`async for\`) stands in \`def ${name}()\`, which is not async: Python ` +
      `rejects the whole file (\`SyntaxError: 'await' outside async function\`). Write \`async def ${name}()\`, ` +
      `and \`await ${name}()\` where it is called.`,
    docs: 'https://docs.python.org/3/reference/expressions.html#await',
  },
  {
    id: 'cancellation-swallowed',
    severity: 'warning',
    find: (model, names) =>
      model.statements.flatMap(({ node, place }) => {
        if (node.name !== 'TryStatement' || !place.fn?.isAsync) return [];
        const body = node.getChild('Body');
        if (!body || !suspendsWithin(model, body.from, body.to)) return [];
        // `task.cancel()` earlier in the coroutine: the handler catches that task's cancellation, not its own.
        const cancelsTask = model.calls.some(
          (call) =>
            call.place.fn === place.fn &&
            call.node.from < node.from &&
            text(model, call.callee).endsWith('.cancel'),
        );
        if (cancelsTask) return [];
        const found: Finding[] = [];
        for (let c = node.firstChild; c; c = c.nextSibling) {
          if (c.name !== 'except') continue;
          let handler: SyntaxNode | null = c.nextSibling;
          const caught = handler && handler.name !== 'Body' ? handler : null;
          while (handler && handler.name !== 'Body') handler = handler.nextSibling;
          if (!handler || model.raises.some((at) => at >= handler.from && at < handler.to)) continue;
          const types = caught ? caughtNames(caught, model, names) : ['bare'];
          const what = types.find((type) => type === 'bare' || CATCHES_CANCELLATION.test(type));
          if (what) found.push({ node: c, detail: what === 'bare' ? 'except:' : `except ${what}` });
        }
        return found;
      }),
    message: (clause) =>
      `This \`${clause}\` catches the task's cancellation and does not raise it again, so \`task.cancel()\` ` +
      'seems to do nothing and the task goes on. Clean up, then `raise` at the end of the handler (or catch ' +
      '`Exception`, which leaves cancellation alone).',
    docs: 'https://docs.python.org/3/library/asyncio-task.html#task-cancellation',
  },
  {
    id: 'cpu-loop-in-async',
    severity: 'warning',
    find: longLoops,
    message: () =>
      'This long loop inside `async def` never awaits, so it holds the event loop until it is done, in ' +
      'CPython too: no other task runs meanwhile. Run it with `await asyncio.to_thread(work)` (a process ' +
      'pool for pure Python work on your machine), or `await asyncio.sleep(0)` now and then in the loop.',
    docs: 'https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code',
  },
  {
    id: 'lost-update',
    severity: 'warning',
    find: lostUpdates,
    message: (shared) =>
      `\`${shared}\` is read, then written back after an \`await\`: while this task waited, another task ` +
      'may have changed it, and that change is lost. Update it with no `await` between the read and the ' +
      'write, or hold an `asyncio.Lock` over both (`async with lock:`).',
    docs: 'https://docs.python.org/3/library/asyncio-sync.html#asyncio.Lock',
  },
];

/** The exception names an `except` clause catches (`(A, B)` gives both), resolved through imports. */
function caughtNames(node: SyntaxNode, model: ProgramModel, names: ProgramNames): string[] {
  const parts = node.name === 'TupleExpression' || node.name === 'ParenthesizedExpression' ? [] : [node];
  if (parts.length === 0) for (let c = node.firstChild; c; c = c.nextSibling) parts.push(c);
  return parts
    .filter((part) => part.name === 'VariableName' || part.name === 'MemberExpression')
    .map((part) => calleeName(part, model.source, names.aliases) ?? text(model, part));
}

/**
 * `x = counter` (or `self.count`), then an `await`, then `counter = x + 1` in the same coroutine: the value
 * written back was read before the task let others run. Shared state is an attribute, an item, or a name the
 * function declares `global` / `nonlocal`; updates held under `async with` are left alone.
 */
function lostUpdates(model: ProgramModel): Finding[] {
  const found: Finding[] = [];
  const shared = new Map<unknown, Set<string>>();
  for (const { node, place } of model.statements) {
    if (node.name !== 'ScopeStatement' || !place.fn) continue;
    const declared = shared.get(place.fn) ?? new Set<string>();
    for (let c = node.firstChild; c; c = c.nextSibling)
      if (c.name === 'VariableName') declared.add(text(model, c));
    shared.set(place.fn, declared);
  }
  const isShared = (target: SyntaxNode, fn: unknown) =>
    target.name === 'MemberExpression' ||
    (target.name === 'VariableName' && (shared.get(fn)?.has(text(model, target)) ?? false));
  const writes: { target: SyntaxNode; value: SyntaxNode; at: PlacedNode }[] = [];
  for (const at of model.statements) {
    if (at.node.name !== 'AssignStatement' || !at.place.fn?.isAsync) continue;
    const target = at.node.firstChild;
    const value = at.node.lastChild;
    if (!target || !value || target.nextSibling?.name !== 'AssignOp') continue;
    if (isShared(target, at.place.fn) && !insideAsyncWith(at.node)) writes.push({ target, value, at });
  }
  if (writes.length === 0) return found;
  const written = new Set(writes.map((write) => text(model, write.target)));
  const writers = new Set(writes.map((write) => write.at.place.fn));

  // Reads: `x = <expression that reads the shared target>`, found from each use up to its statement.
  const reads: { local: string; target: string; at: PlacedNode }[] = [];
  for (const use of model.uses) {
    if (!writers.has(use.place.fn) || use.place.noAwait !== null) continue;
    const read = use.node.parent?.name === 'MemberExpression' ? use.node.parent : use.node;
    if (!written.has(text(model, read))) continue;
    let statement = read.parent;
    while (statement && !/Statement$|^Body$/.test(statement.name)) statement = statement.parent;
    const local = statement?.name === 'AssignStatement' ? statement.firstChild : null;
    if (!statement || local?.name !== 'VariableName' || local.nextSibling?.name !== 'AssignOp') continue;
    if (read.from < local.to || insideAsyncWith(statement)) continue;
    reads.push({
      local: text(model, local),
      target: text(model, read),
      at: { node: statement, place: use.place },
    });
  }
  for (const write of writes) {
    const target = text(model, write.target);
    const read = reads.find(
      (r) =>
        r.target === target &&
        r.at.place.fn === write.at.place.fn &&
        r.at.node.to <= write.at.node.from &&
        model.suspends.some(
          ({ node, place }) =>
            place.fn === write.at.place.fn && node.from >= r.at.node.to && node.from < write.at.node.from,
        ) &&
        model.uses.some(
          (use) => use.name === r.local && use.node.from >= write.value.from && use.node.to <= write.value.to,
        ),
    );
    if (read) found.push({ node: write.at.node, detail: target });
  }
  return found;
}

/** The tips of the program rules, each at its line. */
export function programTips(model: ProgramModel, names: ProgramNames): Tip[] {
  return programRules.flatMap((rule) =>
    rule.find(model, names).map((finding) => ({
      id: rule.id,
      severity: rule.severity,
      line: lineOf(model.source, finding.node.from),
      message: rule.message(finding.detail),
      docs: rule.docs,
    })),
  );
}
