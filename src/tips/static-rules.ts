import type { SyntaxNode } from '@lezer/common';
import type { CallSite, ProgramModel } from '../transform/analyze.js';
import { lineOf } from '../transform/lines.js';
import type { TransformOptions } from '../transform/types.js';
import type { Tip, TipSeverity } from './types.js';

/** What rules know besides the call: the program's own coroutine functions and its imports. */
export interface RuleContext {
  asyncNames: Set<string>;
  /** The callee's first name was bound by an import (not a local class or variable of the same name). */
  imported: boolean;
  /** Names assigned an event loop (`loop = asyncio.new_event_loop()`). */
  loopNames: Set<string>;
  options: TransformOptions;
}

/** A static tip rule as data: which calls it looks at, and what it says at their line. */
export interface StaticRule {
  id: string;
  severity: TipSeverity;
  /** The dotted name of the call the rule is about (`time.sleep`), given what the program imported. */
  applies(call: CallSite, name: string, context: RuleContext): boolean;
  message: string;
  docs: string;
}

/** Calls that give an event loop: what `loop` in `loop = ...` stands for. */
const LOOP_GETTERS = new Set([
  'asyncio.get_event_loop',
  'asyncio.new_event_loop',
  'asyncio.get_running_loop',
]);

const BLOCKING_MODULES = new Set([
  'requests',
  'urllib',
  'urllib3',
  'socket',
  'subprocess',
  'threading',
  'httpx',
]);

const inAsyncDef = (call: CallSite) => call.place.fn?.isAsync === true;
/** The call stands alone as a statement: its value (a coroutine) is dropped. */
const isStatement = (call: CallSite) => call.node.parent?.name === 'ExpressionStatement' && !call.awaited;

/** Rules checked before running, on the Lezer tree. */
export const staticRules: readonly StaticRule[] = [
  {
    id: 'coroutine-not-awaited',
    severity: 'warning',
    applies: (call, name, { asyncNames }) => asyncNames.has(name) && isStatement(call),
    message:
      'This calls a coroutine function without `await`: it only creates a coroutine object, and its body ' +
      'never runs (Python warns "was never awaited"). Write `await` before it, or schedule it with ' +
      '`asyncio.create_task()`.',
    docs: 'https://docs.python.org/3/library/asyncio-dev.html#detect-never-awaited-coroutines',
  },
  {
    id: 'asyncio-sleep-not-awaited',
    severity: 'warning',
    applies: (call, name) => name === 'asyncio.sleep' && isStatement(call),
    message:
      '`asyncio.sleep()` without `await` does not wait at all: it returns a coroutine that is dropped. ' +
      'Write `await asyncio.sleep(...)`.',
    docs: 'https://docs.python.org/3/library/asyncio-task.html#asyncio.sleep',
  },
  {
    id: 'time-sleep-in-async',
    severity: 'warning',
    applies: (call, name) => name === 'time.sleep' && inAsyncDef(call),
    message:
      '`time.sleep()` inside `async def` blocks the whole event loop: no other task runs while it sleeps ' +
      '(this page keeps that behaviour, as CPython does). Use `await asyncio.sleep(...)` to let others run.',
    docs: 'https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code',
  },
  {
    id: 'blocking-call',
    severity: 'warning',
    applies: (_call, name, { imported }) =>
      imported && BLOCKING_MODULES.has(name.split('.')[0]) && (name.includes('.') || name === 'socket'),
    message:
      'This uses a blocking library that needs the operating system (network sockets, processes or ' +
      'threads), which a browser does not give to Python. For HTTP, use `await pyodide.http.pyfetch(url)`.',
    docs: 'https://pyodide.org/en/stable/usage/wasm-constraints.html',
  },
  {
    id: 'get-event-loop-deprecated',
    severity: 'info',
    applies: (call, name) => name === 'asyncio.get_event_loop' && !inAsyncDef(call),
    message:
      '`asyncio.get_event_loop()` outside a running loop is deprecated since Python 3.12 (3.14 raises). ' +
      'This page keeps the older behaviour tutorials expect; new code should use `asyncio.run(main())`.',
    docs: 'https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.get_event_loop',
  },
  {
    id: 'run-forever',
    severity: 'info',
    applies: (_call, name) => name.endsWith('.run_forever'),
    message:
      '`run_forever()` only returns after `loop.stop()` is called (from a callback or a task); without one ' +
      'the program runs until it is stopped.',
    docs: 'https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.run_forever',
  },
  {
    id: 'loop-close',
    severity: 'info',
    applies: (call, name, { loopNames }) =>
      name.endsWith('.close') && loopNames.has(name.slice(0, -'.close'.length)) && !call.awaited,
    message:
      '`loop.close()` ends this event loop for good: running it again raises `RuntimeError: Event loop is ' +
      'closed`, and closing it while it runs raises too. `asyncio.run()` creates and closes a loop for you.',
    docs: 'https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.close',
  },
  {
    id: 'input-unavailable',
    severity: 'warning',
    applies: (_call, name, { imported, options }) =>
      name === 'input' && !imported && options.inputAvailable === false,
    message:
      '`input()` cannot ask you for a line in this browser: waiting for an answer mid-program needs ' +
      'WebAssembly stack switching (Chromium, Firefox) or a cross-origin isolated page. Here it raises ' +
      '`EOFError`, as at the end of a file.',
    docs: 'https://pyodide.org/en/stable/usage/streams.html',
  },
];

/** The dotted name a call's callee stands for, with import aliases resolved (`aio.sleep` → `asyncio.sleep`). */
function calleeName(callee: SyntaxNode, text: string, aliases: Map<string, string>): string | null {
  if (callee.name === 'VariableName') return aliases.get(text) ?? text;
  if (callee.name !== 'MemberExpression') return null;
  if (!DOTTED_NAME.test(text)) return null;
  const head = firstName(text);
  const alias = aliases.get(head);
  return alias === undefined ? text : alias + text.slice(head.length);
}
const DOTTED_NAME = /^[A-Za-z_][\w.]*$/;

/** What a callee's text starts with, up to its first dot (`aio` of `aio.sleep`). */
function firstName(text: string): string {
  const dot = text.indexOf('.');
  return dot < 0 ? text : text.slice(0, dot);
}

/** Import aliases of the program: local name → dotted module path or `module.name`. */
function importAliases(model: ProgramModel): Map<string, string> {
  const aliases = new Map<string, string>();
  const text = (node: SyntaxNode) => model.source.slice(node.from, node.to);
  for (const statement of model.imports) {
    const parts: SyntaxNode[] = [];
    for (let c = statement.firstChild; c; c = c.nextSibling) parts.push(c);
    if (parts[0]?.name === 'from') {
      const start = parts.findIndex((p) => p.name === 'import');
      const module = model.source.slice(parts[1].from, parts[start - 1].to).replace(/\s/g, '');
      for (let i = start + 1; i < parts.length; i++) {
        if (parts[i].name !== 'VariableName') continue;
        const imported = text(parts[i]);
        const local = parts[i + 1]?.name === 'as' && parts[i + 2] ? text(parts[(i += 2)]) : imported;
        aliases.set(local, `${module}.${imported}`);
      }
    } else {
      // `import a.b.c` binds `a`; `import a.b as c` binds `c` to `a.b`.
      for (let i = 1; i < parts.length; i++) {
        if (parts[i].name !== 'VariableName') continue;
        let j = i;
        while (parts[j + 1]?.name === '.' && parts[j + 2]) j += 2;
        const dotted = model.source.slice(parts[i].from, parts[j].to).replace(/\s/g, '');
        if (parts[j + 1]?.name === 'as' && parts[j + 2]) {
          aliases.set(text(parts[j + 2]), dotted);
          j += 2;
        } else {
          aliases.set(text(parts[i]), text(parts[i]));
        }
        i = j;
      }
    }
  }
  return aliases;
}

/** Names the program assigns an event loop to, anywhere (`loop = asyncio.get_event_loop()`). */
function loopVariables(model: ProgramModel, aliases: Map<string, string>): Set<string> {
  const names = new Set<string>();
  for (const statement of model.assignments) {
    const target = statement.firstChild;
    const value = statement.lastChild;
    if (target?.name !== 'VariableName' || target.nextSibling?.name !== 'AssignOp') continue;
    if (value?.name !== 'CallExpression' || !value.firstChild) continue;
    const getter = calleeName(
      value.firstChild,
      model.source.slice(value.firstChild.from, value.firstChild.to),
      aliases,
    );
    if (getter && LOOP_GETTERS.has(getter)) names.add(model.source.slice(target.from, target.to));
  }
  return names;
}

/** Tips from reading the program, each at its line. */
export function staticTips(model: ProgramModel, options: TransformOptions = {}): Tip[] {
  const aliases = importAliases(model);
  const loopNames = loopVariables(model, aliases);
  const asyncNames = new Set(
    model.functions.filter((fn) => fn.isAsync && fn.fixed !== 'it is a method').map((fn) => fn.name),
  );
  const tips: Tip[] = [];
  const seen = new Set<string>();
  for (const call of model.calls) {
    const written = model.source.slice(call.callee.from, call.callee.to);
    const name = calleeName(call.callee, written, aliases);
    if (!name) continue;
    const context = { asyncNames, imported: aliases.has(firstName(written)), loopNames, options };
    for (const rule of staticRules) {
      if (!rule.applies(call, name, context)) continue;
      const line = lineOf(model.source, call.node.from);
      const key = `${rule.id}:${line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      tips.push({
        id: rule.id,
        severity: rule.severity,
        line,
        message: rule.message,
        docs: rule.docs,
      });
    }
  }
  return tips;
}
