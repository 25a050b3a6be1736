import { expect, openConfigured, runInPage, test } from './fixtures.js';
// @ts-expect-error - plain JS helpers shared with the engine suite
import { readCorpus } from './corpus.js';
// @ts-expect-error - plain JS helpers shared with the component tests
import { judge } from '../programs/judge.js';

interface Case {
  name: string;
  code: string;
}
const cases = readCorpus() as Case[];

for (const stackSwitching of [true, false]) {
  test.describe(`shared corpus in Chromium (${stackSwitching ? 'stack switching' : 'stackSwitching: false'})`, () => {
    test.skip(cases.length === 0, 'no ../shared/corpus beside the checkout');
    let page: import('@playwright/test').Page;

    test.beforeAll(async ({ browser, distURL }) => {
      page = await browser.newPage();
      await openConfigured(page, distURL, { stackSwitching });
    });
    test.afterAll(() => page.close());

    for (const item of cases) {
      test(item.name, async () => {
        const result = await runInPage(page, item.code);
        expect((judge as (e: unknown, r: unknown) => string[])(item, result)).toEqual([]);
      });
    }
  });
}
