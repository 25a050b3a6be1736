import type { PythonErrorInfo, RuntimeNote } from '../runtime/protocol.js';
import { asyncRuntimeRules } from './async-runtime-rules.js';
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
  /** The author's code, for the lines Python's reports leave out (a warning blamed on asyncio's files). */
  source?: string;
  /** The tips read from the code before the run (a timeout's advice depends on them). */
  codeTips?: readonly Tip[];
}

/** Where a runtime rule applies, and what from the run its message names. */
export interface RuntimeHit {
  line?: number | null;
  detail?: string;
}

/** A tip rule as data: when it applies to a run, and what it says. */
export interface RuntimeRule {
  id: string;
  severity: TipSeverity;
  /** Where the rule applies: once, once per thing it found (one tip each), or not at all. */
  when(facts: RunFacts): RuntimeHit | RuntimeHit[] | null;
  message(detail: string | undefined): string;
  docs?: string;
  /**
   * A `detail` for each wording the message has beyond the plain one (a timeout's cause, the call named):
   * test/tips/tip-texts.txt shows every wording, so each is reviewed. Also documents the detail's form.
   */
  wordings?: readonly string[];
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

/** What an author can do about each refusal of the browser's (an `http-refused` note's reason). */
const HTTP_REFUSALS: Readonly<Record<string, string>> = {
  cors:
    'the host answers without CORS headers (`Access-Control-Allow-Origin`) that let this page read it. Use ' +
    "a host that sends them, or route this one through a CORS proxy: `configure({ hosts: { 'example.com': " +
    "'https://your-proxy.example/example.com' } })`.",
  'mixed-content':
    'this page is served over https, and browsers refuse plain http URLs from it (mixed content). Use the ' +
    "host's https URL, or map the host to an https mirror with `configure({ hosts })`.",
  csp:
    "the page's Content Security Policy does not allow connecting to this host: add it to `connect-src`, or " +
    'map it to an allowed host with `configure({ hosts })`.',
  offline: 'the browser is offline. Connect, then run the program again.',
};

/** How py_async_run/lazy_stdlib.py says a standard library module fetched on first import did not come. */
const STDLIB_UNFETCHED = /the standard library module could not be downloaded/;

const isAre = (names: string) => (names.includes(',') ? 'are' : 'is');
const itsTheir = (names: string) => (names.includes(',') ? 'their' : 'its');

/**
 * What most likely made a run time out, from the code's own tips: a `time.sleep()` inside `async def` or a
 * long computation, at its line; the plain advice (raise the limit) otherwise.
 */
function blockingCause(facts: RunFacts): RuntimeHit {
  const tips = facts.codeTips ?? [];
  const sleep = tips.find((tip) => tip.id === 'time-sleep-in-async');
  if (sleep) return { line: sleep.line, detail: 'time-sleep' };
  const loop = tips.find((tip) => tip.id === 'cpu-loop-in-async');
  if (loop) return { line: loop.line, detail: 'cpu-loop' };
  // time.sleep outside async def blocks as much; the code tips say nothing of it.
  const lines = (facts.source ?? '').split('\n');
  const at = lines.findIndex((line) => /^[^#]*\btime\.sleep\s*\(/.test(line));
  return at >= 0 ? { line: at + 1, detail: 'time-sleep' } : {};
}

/** Rules applied to what happened while the program ran. */
export const runtimeRules: readonly RuntimeRule[] = [
  ...asyncRuntimeRules,
  {
    id: 'timeout',
    severity: 'info',
    when: (facts) => (facts.timedOut ? blockingCause(facts) : null),
    message: (cause) =>
      cause === 'time-sleep'
        ? 'The run took longer than this element allows and was stopped: `time.sleep()` here waits for real ' +
          'and holds the event loop each time, so in a loop it adds up. Inside `async def` write ' +
          '`await asyncio.sleep(...)`; fewer or shorter sleeps finish sooner.'
        : cause === 'cpu-loop'
          ? 'The run took longer than this element allows and was stopped, most likely in this long ' +
            'computation: make it do less work (a smaller range), or let the page raise the limit with the ' +
            '`timeout` attribute.'
          : 'The run took longer than this element allows and was stopped. The page can raise the limit with ' +
            'the `timeout` attribute (seconds; `timeout="0"` for none).',
    wordings: ['time-sleep', 'cpu-loop'],
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
      // The learner first (what happened to their program), then the site's owner (what to configure).
      if (unfetched) {
        sentences.push(
          `${unfetched} ${isAre(unfetched)} not available on this page: ${itsTheir(unfetched)} files could not ` +
            'be fetched (the page may be offline: packages need a connection the first time). Site owner: ' +
            "Pyodide's packages are looked for at `packageIndexURL` (see `configure()`).",
        );
      }
      if (unknown) {
        sentences.push(
          `${unknown} ${isAre(unknown)} not available on this page: Pyodide does not build ${
            unknown.includes(',') ? 'them' : 'it'
          } for the browser. Site owner: a pure-Python package can be given as the URL of its wheel ` +
            '(`packages="./my_pkg-1.0-py3-none-any.whl"`).',
        );
      }
      return sentences.join(' ');
    },
    wordings: ['`tensorflow`\n', '\n`aiohttp`', '`a`, `b`\n`c`, `d`'],
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
    when: errorMatching(/OSError$/, /a program reaches loopback addresses and the web's ports/),
    message: () =>
      'A browser page cannot open raw network connections to other hosts: it speaks to them only with HTTP, ' +
      'through fetch, on ports 80 and 443 (or a `host:port` that `configure({ hosts })` maps). Sockets to ' +
      'loopback addresses (127.0.0.1, localhost) work, in memory, between a server and a client of the same ' +
      'program.',
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
    id: 'http-refused',
    severity: 'warning',
    when: (facts) => {
      const note = facts.notes.find((n) => n.kind === 'http-refused');
      return note ? { line: note.line, detail: `${note.reason ?? ''} ${note.name ?? ''}` } : null;
    },
    message: (detail = '') => {
      const space = detail.indexOf(' ');
      const url = space < 0 ? detail : detail.slice(space + 1);
      const why =
        HTTP_REFUSALS[detail.slice(0, Math.max(space, 0))] ??
        'the host could not be reached, or it refused this page: a browser only lets a page read hosts that ' +
          'allow it (CORS), over https from an https page, as its Content Security Policy allows. ' +
          '`configure({ hosts })` can send the requests to a mirror or a CORS proxy.';
      return `The browser refused to fetch ${url || 'this URL'} for the program (which saw a reset connection): ${why}`;
    },
    docs: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Guides/CORS',
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
    const hits = rule.when(facts);
    for (const hit of hits === null ? [] : Array.isArray(hits) ? hits : [hits])
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
