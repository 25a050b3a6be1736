import type { Page } from '@playwright/test';
import { expect, runInPage, test, type StartServer } from './fixtures.js';

/**
 * A page that requires Trusted Types for scripts (`require-trusted-types-for 'script'`): the element's
 * script URLs go through its own policy, `py-async-run`, beside Lit's `lit-html`.
 */

const PROGRAM = 'import asyncio\nasync def main():\n    print("trusted")\nasyncio.run(main())\n';

/** Serves dist/ with `policy` on its pages, opens the demo page and collects what the browser refused. */
async function openWith(page: Page, startServer: StartServer, policy: string) {
  const { url } = await startServer({
    headers: (path: string) =>
      path.endsWith('.html') || path.endsWith('/') ? { 'content-security-policy': policy } : {},
  });
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Trusted Type|TrustedScriptURL|Content Security Policy|Refused/i.test(message.text()))
      refused.push(message.text());
  });
  await page.goto(url);
  return { refused };
}

test('a page that requires Trusted Types runs programs once it allows the policy py-async-run', async ({
  page,
  startServer,
}) => {
  const { refused } = await openWith(
    page,
    startServer,
    "require-trusted-types-for 'script'; trusted-types py-async-run lit-html",
  );
  const result = await runInPage(page, PROGRAM);
  expect(result.error?.message).toBeUndefined();
  expect(result.stdout).toBe('trusted\n');
  // The service worker is registered after the run (register() takes a TrustedScriptURL too).
  const registered = await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready.then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 30_000)),
    ]),
  );
  expect(registered).toBe(true);
  expect(refused).toEqual([]);
});

test('a page whose trusted-types directive lacks py-async-run gets an error that names it', async ({
  page,
  startServer,
}) => {
  await openWith(page, startServer, "require-trusted-types-for 'script'; trusted-types lit-html");
  const result = await runInPage(page, PROGRAM);
  expect(result.status).toBe('error');
  expect(result.error?.message).toBe(
    'Python could not start: the page requires Trusted Types and its trusted-types directive does not ' +
      'allow the policy "py-async-run"; add py-async-run to that directive.',
  );
});
