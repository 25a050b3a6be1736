import { expect, openConfigured, runInPage, test } from './fixtures.js';
// @ts-expect-error - plain JS helpers shared with the engine suite
import { readCorpus } from './corpus.js';

interface Case {
  name: string;
  code: string;
}
const cases = readCorpus() as Case[];

/**
 * The warnings the shared corpus gets, each judged: a real mistake in a published example, a difference of
 * CPython 3.14 the reader should know, or a false warning. A new warning fails until it is judged here.
 */
const JUDGED: Record<string, { warnings: string[]; why: string }> = {
  '017-docs-dev-never-awaited-debug': {
    warnings: ['coroutine-not-awaited 9'],
    why: 'the docs example of the mistake itself',
  },
  '033-fowler-2-15-future-make-request': {
    warnings: ['task-dropped 9'],
    why: 'the book drops the task; asyncio keeps only a weak reference (a real risk, not a false warning)',
  },
  '045-usingaio-3-4-coroutine-types': {
    warnings: ['never-awaited-warning 38'],
    why: 'FALSE: the book makes a coroutine only to inspect it; the tip relays the warning CPython prints too',
  },
  '053-pymotw-call-later': {
    warnings: ['get-event-loop-deprecated 19'],
    why: 'raises on CPython 3.14 without a running loop',
  },
  '065-github-testfile-get-event-loop': {
    warnings: ['get-event-loop-deprecated 18'],
    why: 'raises on CPython 3.14 without a running loop',
  },
  '081-variant-taskgroup-uncaught': {
    warnings: ['exception-group 17'],
    why: "the program fails on purpose with a TaskGroup's ExceptionGroup: the tip explains the error",
  },
};

test.describe('tips on the shared corpus (Chromium)', () => {
  test.skip(cases.length === 0, 'no ../shared/corpus beside the checkout');
  let page: import('@playwright/test').Page;

  test.beforeAll(async ({ browser, distURL }) => {
    page = await browser.newPage();
    await openConfigured(page, distURL, { stackSwitching: true });
  });
  test.afterAll(() => page.close());

  for (const item of cases) {
    test(item.name, async () => {
      const result = (await runInPage(page, item.code)) as {
        tips: { id: string; severity: string; line?: number }[];
      };
      const warnings = result.tips
        .filter((tip) => tip.severity !== 'info')
        .map((tip) => `${tip.id} ${tip.line ?? '-'}`);
      expect(warnings).toEqual(JUDGED[item.name]?.warnings ?? []);
    });
  }
});
