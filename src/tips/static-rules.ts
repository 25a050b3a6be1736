import type { SyntaxNode } from '@lezer/common';
import type { CallSite, ProgramModel } from '../syntax/analyze.js';
import { entryKind } from '../syntax/entry-points.js';
import { lineOf } from '../syntax/lines.js';
import type { TransformOptions } from '../transform/types.js';
import {
  coroutineDropped,
  coroutineUsedAsValue,
  holdsCoroutines,
  isListOf,
  isStatement,
  positionalArguments,
} from './call-facts.js';
import { calleeName, firstName, programNames, type ProgramNames } from './names.js';
import { programTips } from './program-rules.js';
import type { Tip, TipSeverity } from './types.js';

/** What rules know besides the call: the program's names, its event loops and the page. */
export interface RuleContext {
  names: ProgramNames;
  model: ProgramModel;
  /** The callee's first name was bound by an import (not a local class or variable of the same name). */
  imported: boolean;
  /** Names assigned an event loop (`loop = asyncio.new_event_loop()`). */
  loopNames: Set<string>;
  options: TransformOptions;
  /** Names filled with coroutine objects, worked out when a rule first needs them. */
  coroutineLists?: Set<string>;
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

/**
 * Calls that wait on the network or another process. Only these: `urllib.parse.urlencode` or
 * `threading.current_thread()` come from the same modules and return at once.
 */
const BLOCKING_CALLS = new Set([
  'urllib.request.urlopen',
  'urllib.request.urlretrieve',
  'socket.socket',
  'socket.create_connection',
  'socket.getaddrinfo',
  'socket.gethostbyname',
  'subprocess.run',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
  'subprocess.Popen',
  'os.system',
  'urllib3.request',
]);
/** Modules whose top-level request functions (`requests.get`) block until the reply. */
const HTTP_MODULES = new Set(['requests', 'httpx']);
const HTTP_VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request']);

/** Directly inside `async def`: where a blocking call stops every other task. */
const inAsyncDef = (call: CallSite) => call.place.fn?.isAsync === true;

const isBlocking = (name: string) => {
  const dot = name.lastIndexOf('.');
  return (
    BLOCKING_CALLS.has(name) || (HTTP_MODULES.has(name.slice(0, dot)) && HTTP_VERBS.has(name.slice(dot + 1)))
  );
};

/** `pathlib.Path` methods that read or write a whole file at once. */
const PATH_IO = /\.(read_text|read_bytes|write_text|write_bytes)$/;

/** Calls that schedule a task and return it: dropping the result lets the task be garbage-collected. */
const TASK_MAKERS = new Set(['asyncio.create_task', 'asyncio.ensure_future']);

/** Rules checked before running, on the Lezer tree. */
export const staticRules: readonly StaticRule[] = [
  {
    id: 'coroutine-not-awaited',
    severity: 'warning',
    applies: (call, _name, context) => call.place.fn !== null && coroutineDropped(call, context),
    message:
      'This calls a coroutine function without `await`: it only creates a coroutine object, and its body ' +
      'never runs (Python warns "was never awaited"). Write `await` before it, or schedule it with ' +
      '`asyncio.create_task()`.',
    docs: 'https://docs.python.org/3/library/asyncio-dev.html#detect-never-awaited-coroutines',
  },
  {
    id: 'coroutine-not-run',
    severity: 'warning',
    applies: (call, _name, context) => call.place.fn === null && coroutineDropped(call, context),
    message:
      'Calling an `async def` function at module level only creates a coroutine object: its body never runs ' +
      '(Python warns "was never awaited"). Start it with `asyncio.run(main())`, which runs the event loop ' +
      'until it is done.',
    docs: 'https://docs.python.org/3/library/asyncio-runner.html#asyncio.run',
  },
  {
    id: 'coroutine-used-as-value',
    severity: 'warning',
    applies: (call, _name, context) => coroutineUsedAsValue(call, context),
    message:
      'This calls a coroutine function without `await`, so its value is a coroutine object, not the result: ' +
      "indexing it, printing it or computing with it goes wrong (`TypeError: 'coroutine' object is not " +
      'subscriptable`). Write `await` before the call, e.g. `user = await load_user(42)`.',
    docs: 'https://docs.python.org/3/library/asyncio-task.html#coroutines',
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
      '`time.sleep()` inside `async def` blocks the whole event loop, in CPython too: no other task runs ' +
      'while it sleeps. Use `await asyncio.sleep(...)` to let others run.',
    docs: 'https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code',
  },
  {
    id: 'blocking-in-async',
    severity: 'warning',
    applies: (call, name, { imported }) => imported && inAsyncDef(call) && isBlocking(name),
    message:
      'This call waits for the network or another process inside `async def`, which blocks the whole event ' +
      'loop, in CPython too: no other task runs meanwhile. Use an async client (`aiohttp`, ' +
      '`httpx.AsyncClient`; in this browser `await pyodide.http.pyfetch(url)`), or ' +
      '`await asyncio.to_thread(...)` on your own machine.',
    docs: 'https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code',
  },
  {
    id: 'blocking-call',
    severity: 'warning',
    // Not for `socket.*`: sockets to loopback addresses work, in memory (src/worker/python/py_async_run/net/).
    applies: (call, name, { imported }) =>
      imported && !inAsyncDef(call) && isBlocking(name) && !name.startsWith('socket.'),
    message:
      'This call blocks until the network or another process answers. In this browser, blocking HTTP ' +
      '(`urllib.request`, `http.client`, `httpx.Client`) works only with WebAssembly stack ' +
      'switching (Chromium, Firefox), and processes never; an async client (`aiohttp`, ' +
      '`httpx.AsyncClient`) works everywhere.',
    docs: 'https://pyodide.org/en/stable/usage/wasm-constraints.html',
  },
  {
    id: 'file-io-in-async',
    severity: 'warning',
    applies: (call, name, { imported, model }) =>
      inAsyncDef(call) &&
      ((name === 'open' && !imported && !model.bindings.has('open')) || PATH_IO.test(name)),
    message:
      '`open()` and file reads inside `async def` block the event loop while the disk answers, in CPython ' +
      'too. For large files, read them with `await asyncio.to_thread(path.read_text)`, or before the loop ' +
      'starts.',
    docs: 'https://docs.python.org/3/library/asyncio-task.html#asyncio.to_thread',
  },
  {
    id: 'task-dropped',
    severity: 'warning',
    applies: (call, name, { loopNames }) =>
      isStatement(call) &&
      (TASK_MAKERS.has(name) || (name.endsWith('.create_task') && loopNames.has(name.slice(0, -12)))),
    message:
      'The task this creates is not kept: the event loop holds only a weak reference, so the task may be ' +
      'garbage-collected before it finishes. Keep it (`task = asyncio.create_task(...)`, or add it to a ' +
      'set and discard it when done), or use an `asyncio.TaskGroup`.',
    docs: 'https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task',
  },
  {
    id: 'asyncio-run-in-async',
    severity: 'warning',
    applies: (call, _name, { model }) =>
      inAsyncDef(call) && call.place.noAwait === null && entryKind(call, model) !== null,
    message:
      'This starts an event loop inside `async def`, which already runs on one: CPython raises ' +
      '`RuntimeError` ("cannot be called from a running event loop"). Write `await main()` instead, or ' +
      '`asyncio.create_task(...)` to run it beside this one.',
    docs: 'https://docs.python.org/3/library/asyncio-runner.html#asyncio.run',
  },
  {
    id: 'gather-needs-star',
    severity: 'warning',
    applies: (call, name, context) => {
      if (name !== 'asyncio.gather') return false;
      const { args, starred } = positionalArguments(call);
      return !starred && args.length === 1 && isListOf(args[0], context);
    },
    message:
      '`asyncio.gather()` takes the awaitables themselves, not a list: given a list it fails ' +
      "(`TypeError: unhashable type: 'list'`). Unpack it with a star: `await asyncio.gather(*tasks)`.",
    docs: 'https://docs.python.org/3/library/asyncio-task.html#asyncio.gather',
  },
  {
    id: 'wait-needs-tasks',
    severity: 'warning',
    applies: (call, name, context) => {
      if (name !== 'asyncio.wait') return false;
      const [first] = positionalArguments(call).args;
      if (!first) return false;
      if (holdsCoroutines(first, context)) return true;
      return false;
    },
    message:
      '`asyncio.wait()` takes tasks, not bare coroutines: since Python 3.11 it raises `TypeError`. Wrap ' +
      'each one: `asyncio.wait([asyncio.create_task(fetch(u)) for u in urls])`.',
    docs: 'https://docs.python.org/3/library/asyncio-task.html#asyncio.wait',
  },
  {
    id: 'get-event-loop-deprecated',
    severity: 'warning',
    applies: (call, name) => name === 'asyncio.get_event_loop' && !inAsyncDef(call),
    message:
      '`asyncio.get_event_loop()` with no running loop raises `RuntimeError` in CPython 3.14 (3.12 and 3.13 ' +
      'warn). This page runs it as older tutorials expect, so the program works here but not on your ' +
      'machine: write `asyncio.run(main())`, and `asyncio.get_running_loop()` inside `async def`.',
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

/** Names the program assigns an event loop to, anywhere (`loop = asyncio.get_event_loop()`). */
function loopVariables(names: ProgramNames): Set<string> {
  const loops = new Set<string>();
  for (const [target, called] of names.assignedCalls) if (LOOP_GETTERS.has(called)) loops.add(target);
  return loops;
}

/** `?.read_text` for `Path("a").read_text`: a method called on a value that has no dotted name. */
function methodOf(callee: SyntaxNode, source: string): string | null {
  const property = callee.lastChild;
  if (callee.name !== 'MemberExpression' || property?.name !== 'PropertyName') return null;
  return `?.${source.slice(property.from, property.to)}`;
}

/** Tips from reading the program, each at its line: one per rule and line. */
export function staticTips(model: ProgramModel, options: TransformOptions = {}): Tip[] {
  const names = programNames(model);
  const loopNames = loopVariables(names);
  const context: RuleContext = { names, model, imported: false, loopNames, options };
  const tips: Tip[] = [];
  const seen = new Set<string>();
  for (const call of model.calls) {
    const name = calleeName(call.callee, model.source, names.aliases) ?? methodOf(call.callee, model.source);
    if (!name) continue;
    const written = model.source.slice(call.callee.from, call.callee.to);
    context.imported = names.aliases.has(firstName(written));
    for (const rule of staticRules) {
      if (!rule.applies(call, name, context)) continue;
      const line = lineOf(model.source, call.node.from);
      const key = `${rule.id}:${line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      tips.push({ id: rule.id, severity: rule.severity, line, message: rule.message, docs: rule.docs });
    }
  }
  return [...tips, ...programTips(model, names)];
}
