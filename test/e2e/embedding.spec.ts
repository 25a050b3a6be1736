import { expect, runInPage, test } from './fixtures.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PROGRAM = 'import asyncio\nasync def main():\n    print("embedded")\nasyncio.run(main())\n';

test('dist/ works served under a sub-path', async ({ page, startServer }) => {
  const { url } = await startServer({ prefix: '/assets/py/' });
  await page.goto(url);
  const result = await runInPage(page, PROGRAM);
  expect(result.stdout).toBe('embedded\n');
});

test('a page on another origin runs the bundle loaded cross-origin (a CDN)', async ({
  page,
  startServer,
}) => {
  // The bundle on 127.0.0.1, the page on localhost: two origins, as a blog loading from a CDN.
  const cdn = await startServer({ cors: true });
  const site = mkdtempSync(join(tmpdir(), 'par-site-'));
  writeFileSync(
    join(site, 'index.html'),
    `<!doctype html><script type="module" src="${cdn.url}py-async-run.js"></script>
     <py-async-run id="x"><script type="text/python">print("from a CDN")</script></py-async-run>`,
  );
  const page2 = await startServer({ dir: site, host: 'localhost' });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(page2.url);
  const origin = await page.evaluate(() => location.origin);
  expect(origin).not.toBe(new URL(cdn.url).origin);
  await page.waitForFunction(() => customElements.get('py-async-run'));
  const result = await page.evaluate(() => document.querySelector('py-async-run')!.run());
  expect(result.stdout).toBe('from a CDN\n');
  expect(errors).toEqual([]);
});
