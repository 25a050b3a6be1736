import type { ProgramModel } from '../syntax/analyze.js';
import { lineText } from '../syntax/lines.js';
import type { RewriteFact, TransformOptions, TransformResult } from '../transform/types.js';
import { staticTips } from './static-rules.js';
import type { Tip } from './types.js';

/** The tip that explains one thing the transform did, with the line before and after where it changed one. */
function rewriteTip(fact: RewriteFact, source: string, code: string): Tip {
  const { line } = fact;
  switch (fact.kind) {
    case 'entry-rewritten':
      return {
        id: 'entry-rewritten',
        severity: 'info',
        line,
        message:
          `\`${fact.written}\` ran without blocking the page: a browser cannot block while a program waits, so ` +
          `the page drove ${fact.entry === 'asyncio.run' ? 'a fresh event loop' : 'the event loop'} between its ` +
          'waits instead. Output, order and errors stay as in CPython.',
        docs: 'https://docs.python.org/3/library/asyncio-runner.html',
        before: lineText(source, line),
        after: lineText(code, line),
      };
    case 'made-async':
      return {
        id: 'made-async',
        severity: 'info',
        line,
        message:
          `\`${fact.name}()\` became \`async def\` and its calls are awaited, because it reaches an event-loop ` +
          'entry point, and only async code can wait in a browser.',
        before: lineText(source, line),
        after: lineText(code, line),
      };
    case 'entry-blocks':
      return {
        id: 'entry-blocks',
        severity: 'info',
        line,
        message:
          `\`${fact.callee}()\` here stays as written (${fact.reason}), so it runs by blocking the Python ` +
          'worker until its event loop is done.',
      };
  }
}

/** Said of a program that awaits at module level, which the transform leaves as it is. */
const TOP_LEVEL_AWAIT: Tip = {
  id: 'top-level-await',
  severity: 'info',
  message:
    'This code uses `await` outside a function, as a notebook does. CPython would reject that in a ' +
    'script; here the whole program ran as one task on an event loop.',
};

/** Said of a program of `chars` characters, over the `limit` the run prepares, that therefore ran as written. */
export function largeProgramTip(chars: number, limit: number): Tip {
  return {
    id: 'large-program',
    severity: 'info',
    message:
      `This program is ${Math.round(chars / 1000).toLocaleString('en')} KB, more than the ` +
      `${limit / 1000} KB py-async-run prepares, so it ran as written: \`asyncio.run()\` and ` +
      'the other loop entry points block the runtime while they run, and the code was not checked for tips.',
  };
}

/**
 * The tips read from the code before it runs: what the transform did to it, then what the static rules find,
 * by line. None for code with a syntax error: Python's own error says it better.
 */
export function codeTips(
  model: ProgramModel,
  transformed: TransformResult,
  options: TransformOptions = {},
): Tip[] {
  if (transformed.syntaxError) return [];
  if (transformed.topLevelAwait) return [...staticTips(model, options), { ...TOP_LEVEL_AWAIT }];
  const rewrites = transformed.rewrites.map((fact) => rewriteTip(fact, model.source, transformed.code));
  return [...rewrites, ...staticTips(model, options)].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
