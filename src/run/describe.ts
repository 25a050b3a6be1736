import type { RunResult } from './types.js';

/** One line a learner understands, saying how the run went, from the result's mode and entry point. */
export function describeMode(mode: RunResult['mode'], entryPoint?: string): string {
  if (mode === 'rewritten') {
    const written = entryPoint ?? 'the event loop entry point';
    return `Ran \`${written}\` as an await on the page's event loop: a browser page cannot block while Python waits.`;
  }
  if (mode === 'stack-switching') {
    return 'Blocked inside an event loop entry point with WebAssembly stack switching, as CPython would block.';
  }
  return 'Ran as written.';
}
