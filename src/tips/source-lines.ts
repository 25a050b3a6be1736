/**
 * Lines of the author's code that a runtime tip points at, found from what Python reported (a coroutine's
 * name, the line of an error). Line by line on the text, not the syntax tree: the run's result is made
 * after the analysis is gone, and these look for one call on one line.
 */

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The code of each line, comments dropped (a `#` inside a string may cut a line short: only matching suffers). */
const codeLines = (source: string) => source.split('\n').map((line) => line.replace(/#.*/, ''));

/** The names the program defines with `async def`. */
function asyncFunctions(source: string): Set<string> {
  return new Set([...source.matchAll(/^\s*async\s+def\s+(\w+)/gm)].map((match) => match[1]));
}

/**
 * The first line that calls the coroutine function `qualname` (`helper`, `Client.fetch`) without `await`
 * before it, not its `def`; a call handed to `create_task` / `gather` / `run` comes last, since those are
 * awaited in the end. Null when no line calls it.
 */
export function authorCallLine(source: string, qualname: string): number | null {
  const name = qualname.split('.').pop() ?? qualname;
  const call = new RegExp(`(^|[^\\w])${escape(name)}\\s*\\(`);
  const awaited = new RegExp(`\\bawait\\s+[\\w.]*\\b${escape(name)}\\s*\\(`);
  const handed = /\b(create_task|ensure_future|gather|wait|run|run_until_complete|TaskGroup)\s*\(/;
  let fallback: number | null = null;
  for (const [index, code] of codeLines(source).entries()) {
    if (!call.test(code) || /^\s*(async\s+)?def\s/.test(code) || awaited.test(code)) continue;
    if (!handed.test(code)) return index + 1;
    fallback ??= index + 1;
  }
  return fallback;
}

/** Where a coroutine object that a later line used was made: the variable, the call, the assignment's line. */
export interface CoroutineAssignment {
  name: string;
  call: string;
  line: number;
}

/**
 * The assignment above `usedLine` of a variable that line uses, whose value is a call of the program's own
 * `async def` function without `await` (`user = load_user(42)`): the line that needs the `await` when
 * `usedLine` failed on a coroutine object. Null when there is none.
 */
export function coroutineAssignment(source: string, usedLine: number): CoroutineAssignment | null {
  const lines = codeLines(source);
  const used = new Set(lines[usedLine - 1]?.match(/[A-Za-z_]\w*/g) ?? []);
  const coroutines = asyncFunctions(source);
  for (let index = Math.min(usedLine, lines.length) - 2; index >= 0; index--) {
    const match = lines[index].match(/^\s*([A-Za-z_]\w*)\s*=\s*([\w.]+)\s*\(/);
    if (!match || !used.has(match[1])) continue;
    const call = match[2];
    if (coroutines.has(call.split('.').pop() ?? call)) return { name: match[1], call, line: index + 1 };
  }
  return null;
}
