import type { RunResult } from './types.js';

/**
 * Which Python ran, in the words a reader compares with their own computer: Pyodide 314.x is CPython 3.14
 * (test/run/result.test.ts checks this against the pinned Pyodide's version).
 */
export const PYTHON_HERE = 'CPython 3.14 in your browser';

/**
 * The awaited form of an entry point, in the author's terms: `asyncio.run(main())` and
 * `loop.run_until_complete(main())` ran as `await main()`. Null when the entry point has no coroutine
 * argument to name (`loop.run_forever()`).
 */
export function awaitedForm(entryPoint: string): string | null {
  const open = entryPoint.indexOf('(');
  if (open < 0 || !entryPoint.endsWith(')')) return null;
  let depth = 0;
  let end = entryPoint.length - 1;
  for (let i = open + 1; i < entryPoint.length - 1; i++) {
    const char = entryPoint[i];
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === ',' && depth === 0) {
      end = i;
      break;
    }
  }
  const argument = entryPoint.slice(open + 1, end).trim();
  return argument ? `await ${argument}` : null;
}

/** One line a learner understands, saying how the run went, from the result's mode and entry point. */
export function describeMode(mode: RunResult['mode'], entryPoint?: string): string {
  if (mode === 'not-run') return `Nothing ran: Python could not read this program (${PYTHON_HERE}).`;
  if (mode === 'rewritten') {
    const awaited = entryPoint ? awaitedForm(entryPoint) : null;
    const written = entryPoint ? `\`${entryPoint}\`` : 'The event loop entry point';
    const as = awaited ? ` ran as \`${awaited}\`` : ' ran as an await';
    return (
      `${written}${as}, on the page's event loop: a browser page cannot block while Python waits. ` +
      `Output, order and errors are CPython's (${PYTHON_HERE}).`
    );
  }
  if (mode === 'stack-switching') {
    return `Ran as written, ${PYTHON_HERE}: the event loop entry point blocked while Python waited, as on your computer.`;
  }
  return `Ran as written, ${PYTHON_HERE}.`;
}
