import type { RunMode, RunResult } from './types.js';

/** One line a learner understands, saying how the run went. */
export function describeMode(mode: RunMode, tips: RunResult['tips']): string {
  if (mode === 'rewritten') {
    const entry = tips.find((tip) => tip.id === 'entry-rewritten');
    const written = entry?.message.match(/^`([^`]+)`/)?.[1] ?? 'the event loop entry point';
    return `Ran \`${written}\` as an await on the page's event loop: a browser page cannot block while Python waits.`;
  }
  if (mode === 'stack-switching') {
    return 'Blocked inside an event loop entry point with WebAssembly stack switching, as CPython would block.';
  }
  return 'Ran as written.';
}
