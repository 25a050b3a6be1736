import type { PythonErrorInfo, RuntimeNote } from '../runtime/protocol.js';
import type { Tip, TipSeverity } from './types.js';

/** What a runtime rule looks at. */
export interface RunFacts {
  error: PythonErrorInfo | null;
  notes: readonly RuntimeNote[];
  stackSwitching: boolean;
  /** What the program wrote to stderr (warnings live there). */
  stderr?: string;
  /** The run was stopped by the element's `timeout`. */
  timedOut?: boolean;
}

/** A tip rule as data: when it applies to a run, and what it says. */
export interface RuntimeRule {
  id: string;
  severity: TipSeverity;
  when(facts: RunFacts): { line?: number | null; detail?: string } | null;
  message(detail: string | undefined): string;
  docs?: string;
}

const errorMatching = (type: RegExp, message?: RegExp) => (facts: RunFacts) => {
  const error = facts.error;
  if (!error || !type.test(error.type) || (message && !message.test(error.message))) return null;
  return { line: error.line, detail: error.message };
};

const noteOfKind = (kind: RuntimeNote['kind']) => (facts: RunFacts) => {
  const note = facts.notes.find((n) => n.kind === kind);
  return note ? { line: note.line, detail: note.how } : null;
};

/** How py_async_run/lazy_stdlib.py says a standard library module fetched on first import did not come. */
const STDLIB_UNFETCHED = /the standard library module could not be downloaded/;

const NEVER_AWAITED = /main\.py:(\d+): RuntimeWarning: coroutine '([^']+)' was never awaited/;

/** Rules applied to what happened while the program ran. */
export const runtimeRules: readonly RuntimeRule[] = [
  {
    id: 'never-awaited-warning',
    severity: 'warning',
    when: (facts) => {
      const match = facts.stderr?.match(NEVER_AWAITED);
      return match ? { line: Number(match[1]), detail: match[2] } : null;
    },
    message: (name) =>
      `Python warned that the coroutine \`${name}\` was never awaited: calling an async function only creates ` +
      'a coroutine object. `await` it, or hand it to `asyncio.create_task()` or `asyncio.gather()`.',
    docs: 'https://docs.python.org/3/library/asyncio-dev.html#detect-never-awaited-coroutines',
  },
  {
    id: 'coroutine-result-error',
    severity: 'warning',
    when: errorMatching(/(TypeError|AttributeError)$/, /'coroutine' object/),
    message: () =>
      'This value is a coroutine object, not what the async function returns: the call that made it lacks ' +
      '`await`. Find where it was called and write `await` before the call (`user = await load_user(42)`).',
    docs: 'https://docs.python.org/3/library/asyncio-task.html#coroutines',
  },
  {
    id: 'timeout',
    severity: 'info',
    when: (facts) => (facts.timedOut ? {} : null),
    message: () =>
      'The run took longer than this element allows and was stopped. The page can raise the limit with the ' +
      '`timeout` attribute (seconds; `timeout="0"` for none).',
  },
  {
    id: 'loop-already-running',
    severity: 'warning',
    when: errorMatching(/RuntimeError$/, /cannot be called from a running event loop/),
    message: () =>
      'An event loop entry point was called from code that already runs on an event loop. CPython refuses ' +
      'that too: inside `async def`, use `await` on the coroutine instead.',
    docs: 'https://docs.python.org/3/library/asyncio-runner.html#asyncio.run',
  },
  {
    id: 'package-unavailable',
    severity: 'warning',
    when: (facts) => {
      const failed = facts.notes.filter((n) => n.kind === 'package-failed');
      if (failed.length === 0) return null;
      const names = (unknown: boolean) =>
        failed
          .filter((n) => /No known package/.test(n.reason ?? '') === unknown)
          .map((n) => `\`${n.name ?? '?'}\``)
          .join(', ');
      // At the import that then failed, when there is one.
      const line = facts.error?.type === 'ModuleNotFoundError' ? facts.error.line : null;
      return { line, detail: `${names(true)}\n${names(false)}` };
    },
    message: (detail) => {
      const [unknown, unfetched] = (detail ?? '').split('\n');
      const sentences: string[] = [];
      if (unfetched) {
        sentences.push(
          `${unfetched} could not be fetched: the page may be offline (packages need a connection the first ` +
            "time), or their files are not where this site serves Pyodide's packages.",
        );
      }
      if (unknown) {
        sentences.push(
          `${unknown} ${unknown.includes(',') ? 'are' : 'is'} not built by Pyodide for the browser. A pure-Python ` +
            'package can be given as the URL of its wheel (`packages="./my_pkg-1.0-py3-none-any.whl"`).',
        );
      }
      return sentences.join(' ');
    },
    docs: 'https://pyodide.org/en/stable/usage/loading-packages.html',
  },
  {
    id: 'stdlib-unfetched',
    severity: 'warning',
    when: errorMatching(/ModuleNotFoundError$/, STDLIB_UNFETCHED),
    message: (detail) =>
      `The import failed (${detail ?? 'no such module'}). The page downloads the less common modules of the ` +
      'standard library the first time a program imports them, and this download failed: the page may be ' +
      'offline. Run again once connected; from then on the module works offline too.',
  },
  {
    id: 'module-not-found',
    severity: 'warning',
    // A package that failed to load already says why its import fails, and so does the stdlib-unfetched tip.
    when: (facts) =>
      facts.notes.some((n) => n.kind === 'package-failed') ||
      STDLIB_UNFETCHED.test(facts.error?.message ?? '')
        ? null
        : errorMatching(/ModuleNotFoundError$/)(facts),
    message: (detail) =>
      `The import failed (${detail ?? 'no such module'}): the module is not in the standard library, nor among the ` +
      'packages Pyodide builds (those load by themselves when imported). A pure-Python package can be ' +
      'given as the URL of its wheel in `packages`.',
    docs: 'https://pyodide.org/en/stable/usage/loading-packages.html',
  },
  {
    id: 'recursion',
    severity: 'warning',
    when: errorMatching(/RecursionError$/),
    message: () =>
      'The recursion went deeper than the browser allows; WebAssembly stacks are smaller than a desktop ' +
      "Python's, so the limit comes sooner.",
    docs: 'https://docs.python.org/3/library/sys.html#sys.setrecursionlimit',
  },
  {
    id: 'no-stack-switching',
    severity: 'warning',
    when: errorMatching(/RuntimeError$/, /stack switching/),
    message: () =>
      'This program waits for the browser inside a blocking call, which needs WebAssembly stack switching ' +
      '(JSPI). This browser has none (Safari, for one): make the calling function `async def` and `await` it.',
    docs: 'https://pyodide.org/en/stable/usage/api/python-api/ffi.html#pyodide.ffi.run_sync',
  },
  {
    id: 'no-subprocess',
    severity: 'warning',
    when: errorMatching(/NotImplementedError$/, /subprocesses cannot run/),
    message: () =>
      'A browser page cannot start other programs: asyncio.create_subprocess_exec / _shell need an operating ' +
      'system process, which WebAssembly does not have. On your own machine this line would run the command.',
    docs: 'https://pyodide.org/en/stable/usage/wasm-constraints.html',
  },
  {
    id: 'no-sockets',
    severity: 'warning',
    when: errorMatching(/NotImplementedError$/, /network sockets/),
    message: () =>
      'A browser page cannot open raw network connections (asyncio.open_connection, start_server, DNS ' +
      'look-ups). For HTTP requests, Pyodide offers `await pyodide.http.pyfetch(url)`.',
    docs: 'https://pyodide.org/en/stable/usage/api/python-api/http.html#pyodide.http.pyfetch',
  },
  {
    id: 'no-threads',
    severity: 'warning',
    when: errorMatching(/RuntimeError$/, /can't start new thread/),
    message: () =>
      'Threads need WebAssembly stack switching here, which this browser lacks (Chromium and Firefox have ' +
      'it), so `threading.Thread.start()` fails. Inside asyncio, `asyncio.to_thread` still works: the ' +
      'function then runs on the event loop itself.',
    docs: 'https://pyodide.org/en/stable/usage/wasm-constraints.html',
  },
  {
    id: 'input-unavailable',
    severity: 'warning',
    when: noteOfKind('input-unavailable'),
    message: () =>
      '`input()` could not ask you for a line: waiting for an answer in the middle of a program needs ' +
      'WebAssembly stack switching, which this browser lacks (Safari, for one), or a cross-origin isolated ' +
      'page (COOP/COEP headers). Chromium and Firefox have stack switching.',
    docs: 'https://pyodide.org/en/stable/usage/streams.html',
  },
  {
    id: 'blocked-worker',
    severity: 'info',
    when: noteOfKind('blocking-entry'),
    message: (how) =>
      how === 'stack-switching'
        ? 'An event loop entry point ran as written and blocked: WebAssembly stack switching paused Python ' +
          'while it waited, as CPython would block.'
        : 'An event loop entry point ran as written and blocked the Python worker while it waited (this ' +
          'browser has no WebAssembly stack switching). The page stayed responsive.',
    docs: 'https://pyodide.org/en/stable/usage/api/python-api/ffi.html#pyodide.ffi.run_sync',
  },
  {
    id: 'thread-inline',
    severity: 'info',
    when: noteOfKind('thread-inline'),
    message: () =>
      'This browser has no WebAssembly stack switching, which threads need here, so the function given to ' +
      "`to_thread` / `run_in_executor` ran on the event loop's own thread: other tasks waited while it ran. " +
      'Chromium and Firefox run it in a thread, as CPython does.',
    docs: 'https://docs.python.org/3/library/asyncio-task.html#asyncio.to_thread',
  },
  {
    id: 'thread-ran-long',
    severity: 'info',
    when: noteOfKind('thread-ran-long'),
    message: () =>
      'A thread computed here for a while without waiting. CPython switches threads every 5 ms; in the ' +
      'browser a thread runs until it waits (a sleep, a lock, a queue, input), so lines printed by threads ' +
      'that compute side by side may come in another order than in CPython.',
    docs: 'https://docs.python.org/3/library/sys.html#sys.setswitchinterval',
  },
  {
    id: 'process-as-thread',
    severity: 'info',
    when: noteOfKind('process-as-thread'),
    message: () =>
      'A page has one process, so this pool or process runs its work in threads of the page: they share ' +
      'memory, and CPU-bound work takes turns instead of running in parallel. Output is as in CPython ' +
      'unless the work relies on each process having memory of its own.',
    docs: 'https://docs.python.org/3/library/concurrent.futures.html#processpoolexecutor',
  },
  {
    id: 'no-fork',
    severity: 'warning',
    when: errorMatching(/OSError$/, /Function not implemented/),
    message: () =>
      'A page has one process and cannot start another: `os.fork()` and the like fail here, as CPython ' +
      'fails on a platform without the call. `concurrent.futures.ProcessPoolExecutor` and ' +
      '`multiprocessing.Process` / `Pool` work: they run their work in threads of the page.',
    docs: 'https://pyodide.org/en/stable/usage/wasm-constraints.html',
  },
];

/** Tips for one run's outcome. */
export function runtimeTips(facts: RunFacts): Tip[] {
  const tips: Tip[] = [];
  for (const rule of runtimeRules) {
    const hit = rule.when(facts);
    if (!hit) continue;
    tips.push({
      id: rule.id,
      severity: rule.severity,
      message: rule.message(hit.detail),
      ...(hit.line ? { line: hit.line } : {}),
      ...(rule.docs ? { docs: rule.docs } : {}),
    });
  }
  return tips;
}
