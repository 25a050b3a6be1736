import type { Tip } from './types.js';

/**
 * Runtime tips that tell again what a static tip already said before the run: Python's "was never awaited"
 * warning after a static not-awaited tip, the running-loop error after `asyncio-run-in-async`, the error of a
 * coroutine used as a value at the assignment the code's tip already named.
 */
const TOLD_BEFORE: Record<string, readonly string[]> = {
  'never-awaited-warning': [
    'coroutine-not-awaited',
    'coroutine-not-run',
    'coroutine-used-as-value',
    'asyncio-sleep-not-awaited',
    // The coroutine handed to an entry point that raised at once (a loop already running) is never awaited.
    'asyncio-run-in-async',
  ],
  'loop-already-running': ['asyncio-run-in-async'],
  'coroutine-result-error': ['coroutine-used-as-value'],
};

/**
 * The tips read from the code, then the run's own, less those the code's tips already gave: the same id, or
 * the same mistake at the same line (one tip per mistake, not two).
 */
export function mergeTips(fromCode: readonly Tip[], fromRun: readonly Tip[]): Tip[] {
  const given = new Set(fromCode.map((tip) => tip.id));
  const toldAt = (tip: Tip) =>
    fromCode.some((code) => code.line === tip.line && (TOLD_BEFORE[tip.id] ?? []).includes(code.id));
  return [...fromCode, ...fromRun.filter((tip) => !given.has(tip.id) && !toldAt(tip))];
}
