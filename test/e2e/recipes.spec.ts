import { expect, test } from './fixtures.js';

/**
 * The recipe pages of demo/recipes, served from the build: each is what its tool writes for a post with a
 * program (a shortcode, an include, fenced blocks), and each program runs as CPython would run it.
 */
test.describe('recipes: pages as Hugo, Jekyll, MkDocs and WordPress write them', () => {
  const BREW = 'coffee is ready\ntea is ready\nserved: tea & coffee\n';
  const TICKS = '<fast x3 & slow x1>\n';
  const recipes = [
    // page, elements on it once upgrade() ran, which one to run, what it prints, Python blocks left as they were
    { page: 'hugo', elements: 2, run: 1, output: TICKS, blocksLeft: 1 },
    { page: 'jekyll', elements: 2, run: 0, output: BREW, blocksLeft: 1 },
    { page: 'mkdocs', elements: 2, run: 1, output: TICKS, blocksLeft: 1 },
    { page: 'wordpress', elements: 2, run: 0, output: BREW, blocksLeft: 0 },
  ];
  for (const { page: name, elements, run, output, blocksLeft } of recipes) {
    test(`${name}: the page's programs become runnable, and one prints what CPython prints`, async ({
      page,
      distURL: url,
    }) => {
      await page.goto(`${url}recipes/${name}.html`);
      const all = page.locator('article py-async-run');
      await expect(all).toHaveCount(elements);
      await expect(page.locator('article pre code')).toHaveCount(blocksLeft);
      const element = all.nth(run);
      await element.getByRole('button', { name: 'Run' }).click();
      await expect(element.locator('[part="output"]')).toHaveText(output, { timeout: 90_000 });
      await expect(element).toHaveAttribute('status', 'done');
      await expect(element.locator('[data-tip="code-altered"]')).toHaveCount(0);
    });
  }

  test('each recipe page shows the snippet to copy beside the post, and Copy copies it', async ({
    browser,
    distURL: url,
  }) => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    try {
      const page = await context.newPage();
      for (const { page: name } of recipes) {
        await page.goto(`${url}recipes/${name}.html`);
        const snippet = page.locator('.snippet');
        const file = await snippet.getAttribute('data-snippet');
        const text = await (await page.request.get(`${url}recipes/${file}`)).text();
        expect(text).toContain('py-async-run');
        await expect(snippet.locator('pre')).toHaveText(text, { useInnerText: true });
        await snippet.getByRole('button', { name: 'Copy' }).click();
        await expect(snippet.getByRole('button', { name: 'Copied' })).toBeVisible();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);
      }
    } finally {
      await context.close();
    }
  });

  test('wordpress: code a Custom HTML block curled runs repaired, and a tip says what was changed', async ({
    page,
    distURL: url,
  }) => {
    await page.goto(`${url}recipes/wordpress.html`);
    const pasted = page.locator('article py-async-run').nth(1);
    await expect(pasted.locator('[part="code"]')).toContainText('print(f"{len(rows) - 1} gaps');
    await pasted.getByRole('button', { name: 'Run' }).click();
    await expect(pasted.locator('[part="output"]')).toHaveText(
      'even: [2] of 4\nfirst & last: 1 4\n3 gaps, True\n',
      {
        timeout: 90_000,
      },
    );
    const tip = pasted.locator('[data-tip="code-altered"]');
    await expect(tip).toContainText('Line 6:');
    await expect(tip).toContainText('curly quotes, dashes for minus signs');
  });

  test('the demo links every recipe', async ({ page, distURL: url }) => {
    await page.goto(url);
    for (const name of ['Hugo', 'Jekyll', 'MkDocs', 'WordPress']) {
      await expect(page.getByRole('link', { name, exact: true })).toHaveAttribute(
        'href',
        `recipes/${name.toLowerCase()}.html`,
      );
    }
  });
});
