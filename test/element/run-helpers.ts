import { fixture, html } from '@open-wc/testing';
import { configure } from '../../src/index.js';
import '../../src/py-async-run.js';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';

/** Points the runtime at Pyodide in node_modules (the dev server has no built dist/). */
export function configureForTests(stackSwitching: boolean): void {
  // No service worker here: the dev server serves sources, not the built sw.js.
  configure({ indexURL: '/node_modules/pyodide/', stackSwitching, serviceWorker: false });
}

/** An element holding `code`, attached to the document. */
export async function element(code: string): Promise<PyAsyncRunElement> {
  const el = await fixture<PyAsyncRunElement>(html`<py-async-run></py-async-run>`);
  el.code = code;
  await el.updateComplete;
  return el;
}

/** Runs `code` in a fresh element and returns the result. */
export async function run(code: string) {
  const el = await element(code);
  return el.run();
}

/** Removes the common indentation of a template literal's program. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const indent = Math.min(
    ...text
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => l.length - l.trimStart().length),
  );
  return text
    .split('\n')
    .map((l) => l.slice(indent))
    .join('\n');
}

/** A program whose asyncio.run sits in a decorator's wrapper: the transform cannot reach it, so it blocks. */
export const DECORATED_ENTRY = py`
  import asyncio

  def later(func):
      def wrapper():
          return asyncio.run(func())
      return wrapper

  @later
  async def value():
      await asyncio.sleep(0.05)
      return 99.0

  print(value())
`;
