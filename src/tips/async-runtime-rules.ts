import type { RunFacts, RuntimeHit, RuntimeRule } from './rules.js';
import { authorCallLine, coroutineAssignment } from './source-lines.js';

/** Python's warning for a coroutine never awaited, from whatever file it was attributed to. */
const NEVER_AWAITED = /^(.*?):(\d+): RuntimeWarning: coroutine '([^']+)' was never awaited/m;

/** The program's own file as tracebacks and warnings name it (see PROGRAM_FILENAME in run-program.ts). */
const AUTHOR_FILE = /(^|\/)main\.py$/;

/**
 * CPython 3.11 to 3.13 say "object int can't be used in 'await' expression"; 3.14 says "'int' object can't
 * be awaited". Either way the type is what the tip names.
 */
const NOT_AWAITABLE =
  /^object (\S+) can't be used in 'await' expression$|^'([^']+)' object can't be awaited$/;

/** What to write instead of each loop or future method called from another thread. */
const THREADSAFE_FORM: Record<string, string> = {
  'loop.call_soon': '`loop.call_soon_threadsafe(callback)`',
  'loop.call_later': '`loop.call_soon_threadsafe(loop.call_later, delay, callback)`',
  'loop.create_task': '`asyncio.run_coroutine_threadsafe(coro, loop)`',
  'future.set_result': '`loop.call_soon_threadsafe(future.set_result, value)`',
  'future.set_exception': '`loop.call_soon_threadsafe(future.set_exception, error)`',
};

/** asyncio's report of a task that failed with no one awaiting it: its name, coroutine and exception. */
const UNRETRIEVED =
  /Task exception was never retrieved\nfuture: <Task finished name='([^']*)' coro=<([\w.<>]+)\(\) [^>]*> exception=(\w+)/;

/** The program's task still pending when its loop ended, once per task the worker noted. */
function pendingTasks(facts: RunFacts): RuntimeHit[] {
  return facts.notes
    .filter((note) => note.kind === 'task-pending')
    .map((note) => ({ line: note.line, detail: `${note.name ?? 'a task'}\n${note.entry ?? '?'}` }));
}

/** Rules for asyncio mistakes that show only while the program runs: Python's errors, warnings and notes. */
export const asyncRuntimeRules: readonly RuntimeRule[] = [
  {
    id: 'never-awaited-warning',
    severity: 'warning',
    when: (facts) => {
      const match = facts.stderr?.match(NEVER_AWAITED);
      if (!match) return null;
      const [, file, line, name] = match;
      // Python blames the frame that dropped the coroutine, often asyncio's own: the call is in the author's code.
      const at = AUTHOR_FILE.test(file) ? Number(line) : authorCallLine(facts.source ?? '', name);
      return { line: at, detail: name };
    },
    message: (name) =>
      `Python warned that the coroutine \`${name}\` was never awaited: calling an async function only creates ` +
      'a coroutine object. `await` it, or hand it to `asyncio.create_task()` or `asyncio.gather()`.',
    docs: 'https://docs.python.org/3/library/asyncio-dev.html#detect-never-awaited-coroutines',
  },
  {
    id: 'coroutine-result-error',
    severity: 'warning',
    when: (facts) => {
      const error = facts.error;
      if (
        !error ||
        !/(TypeError|AttributeError)$/.test(error.type) ||
        !/'coroutine' object/.test(error.message)
      ) {
        return null;
      }
      // The line a teacher points at is the call that lacks `await`, when the value came from an assignment.
      const made = error.line ? coroutineAssignment(facts.source ?? '', error.line) : null;
      return made
        ? { line: made.line, detail: `${made.name}\n${made.call}\n${error.line}` }
        : { line: error.line, detail: '' };
    },
    message: (detail) => {
      const [name, call, usedAt] = (detail ?? '').split('\n');
      const where = usedAt
        ? `\`${name}\` holds a coroutine object, not what \`${call}()\` returns: this call lacks \`await\`, so ` +
          `line ${usedAt} failed when it used \`${name}\`. Write \`${name} = await ${call}(...)\`.`
        : 'This value is a coroutine object, not what the async function returns: the call that made it ' +
          'lacks `await`. Find where it was called and write `await` before the call (`user = await load_user(42)`).';
      return where;
    },
    wordings: ['user\nload_user\n7'],
    docs: 'https://docs.python.org/3/library/asyncio-task.html#coroutines',
  },
  {
    id: 'not-awaitable',
    severity: 'warning',
    when: (facts) => {
      const error = facts.error;
      const match = error?.type === 'TypeError' ? error.message.match(NOT_AWAITABLE) : null;
      return match ? { line: error?.line, detail: match[1] ?? match[2] } : null;
    },
    message: (type) =>
      type === 'NoneType'
        ? '`await` was given `None`: the function called here is a plain `def` that returns nothing ' +
          '(`time.sleep()` is one: write `await asyncio.sleep(...)`). Make it `async def`, or drop the `await`.'
        : `\`await\` needs a coroutine, a Task or a Future, and was given a value of type \`${type}\`: the ` +
          'function called here is a plain `def`. Make it `async def`, or call it without `await`.',
    wordings: ['NoneType'],
    docs: 'https://docs.python.org/3/library/asyncio-task.html#awaitables',
  },
  {
    id: 'loop-already-running',
    severity: 'warning',
    when: (facts) => {
      const error = facts.error;
      if (error?.type !== 'RuntimeError') return null;
      const running = /cannot be called from a running event loop|This event loop is already running/;
      return running.test(error.message) ? { line: error.line } : null;
    },
    message: () =>
      'An event loop entry point was called from code that already runs on an event loop. CPython refuses ' +
      'that too: inside `async def`, use `await` on the coroutine instead.',
    docs: 'https://docs.python.org/3/library/asyncio-runner.html#asyncio.run',
  },
  {
    id: 'task-pending-at-end',
    severity: 'warning',
    when: (facts) => {
      const hits = pendingTasks(facts);
      return hits.length ? hits : null;
    },
    message: (detail) => {
      const [task, coroutine] = (detail ?? '').split('\n');
      return (
        `The task \`${task}\`${coroutine ? ` (\`${coroutine}()\`)` : ''} created here was still pending when \`asyncio.run()\` ` +
        'ended, so it was cancelled and the rest of its work never ran. Keep the task and `await` it (or ' +
        '`asyncio.gather` the tasks) before `main()` returns, or create it in an `asyncio.TaskGroup`, which ' +
        'waits for its tasks.'
      );
    },
    docs: 'https://docs.python.org/3/library/asyncio-runner.html#asyncio.run',
    wordings: ['Task-2\nworker'],
  },
  {
    id: 'task-exception-unretrieved',
    severity: 'warning',
    when: (facts) => {
      const match = facts.stderr?.match(UNRETRIEVED);
      if (!match) return null;
      const [, task, coroutine, exception] = match;
      return {
        line: authorCallLine(facts.source ?? '', coroutine),
        detail: `${task}\n${coroutine}\n${exception}`,
      };
    },
    message: (detail) => {
      const [task, coroutine, exception] = (detail ?? '').split('\n');
      const named = coroutine ? `\`${task}\` (\`${coroutine}()\`)` : `\`${task}\``;
      return (
        `The task ${named} failed${exception ? ` with \`${exception}\`` : ''} and nothing awaited it, so the ` +
        'error surfaced only as this warning when the task was dropped. `await` the task (or ' +
        '`asyncio.gather` it), and its error is raised where you await it; a `TaskGroup` does that for you.'
      );
    },
    docs: 'https://docs.python.org/3/library/asyncio-dev.html#detect-never-retrieved-exceptions',
    wordings: ['Task-2\nworker\nValueError'],
  },
  {
    id: 'thread-unsafe-call',
    severity: 'warning',
    when: (facts) => {
      const note = facts.notes.find((n) => n.kind === 'thread-unsafe-call');
      return note ? { line: note.line, detail: note.call ?? '' } : null;
    },
    message: (call) =>
      `\`${call}\` was called from another thread: an event loop is not thread-safe, so the loop may not see ` +
      `it until something else wakes it, or its state breaks. From a thread, write ${
        THREADSAFE_FORM[call ?? ''] ?? 'the `_threadsafe` form (`loop.call_soon_threadsafe`)'
      }.`,
    docs: 'https://docs.python.org/3/library/asyncio-dev.html#concurrency-and-multithreading',
    wordings: Object.keys(THREADSAFE_FORM),
  },
  {
    id: 'exception-group',
    severity: 'warning',
    when: (facts) => {
      const subs = facts.error?.subExceptions;
      return subs?.length ? { line: facts.error?.line, detail: subs.join('\n') } : null;
    },
    message: (detail) => {
      const subs = (detail ?? '').split('\n');
      const named = subs.map((sub) => `\`${sub}\``).join(', ');
      return (
        `${subs.length === 1 ? 'A task' : `${subs.length} tasks`} of the group failed (${named}): a ` +
        '`TaskGroup` then cancels its other tasks and raises an `ExceptionGroup` holding every error. Catch ' +
        'one kind with `except* ValueError:` (its block sees a group of just those), or catch the error ' +
        'inside the task that raises it.'
      );
    },
    docs: 'https://docs.python.org/3/library/asyncio-task.html#task-groups',
    wordings: ["ValueError: bad\nKeyError: 'k'"],
  },
];
