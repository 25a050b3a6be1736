import { expect, test, controlledByServiceWorker } from './fixtures.js';

test('a first visit shows download progress in bytes, then "Starting Python…", then "Ready offline" once cached', async ({
  browser,
  distURL: url,
}) => {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    const seen = await page.evaluate(async () => {
      const el = document.querySelector<HTMLElement & { run(): Promise<unknown> }>('py-async-run#classic')!;
      const samples: { max: number; value: number; text: string }[] = [];
      const statuses: string[] = [];
      const watch = new MutationObserver(() => {
        const status = el.shadowRoot!.querySelector('[part="status"]')?.textContent ?? '';
        if (status !== statuses.at(-1)) statuses.push(status);
        const bar = el.shadowRoot!.querySelector('progress');
        if (bar)
          samples.push({
            max: bar.max,
            value: bar.value,
            text: el.shadowRoot!.querySelector('[part="status"]')!.textContent!,
          });
      });
      watch.observe(el.shadowRoot!, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
      await el.run();
      watch.disconnect();
      return { samples, statuses };
    });
    expect(seen.samples.length).toBeGreaterThan(0);
    const last = seen.samples.at(-1)!;
    expect(last.max).toBeGreaterThan(9_000_000); // the wasm alone is 9.6 MB
    expect(seen.samples.some((s) => /Downloading Python… [\d.]+ of [\d.]+ MB/.test(s.text))).toBe(true);
    // Once downloaded, the status says Python is starting (not a full bar), before it runs; never "0.0 of 0.0".
    const starting = seen.statuses.indexOf('Starting Python…');
    expect(starting).toBeGreaterThan(0);
    expect(seen.statuses.slice(starting + 1)).toContain('Running…');
    expect(seen.statuses.filter((s) => / 0\.0 MB$/.test(s))).toEqual([]);
    const classic = page.locator('py-async-run#classic');
    await expect(classic.locator('progress')).toHaveCount(0);
    // Once the service worker is active, the next run says the page works offline.
    await controlledByServiceWorker(page);
    await page.evaluate(() =>
      document.querySelector<HTMLElement & { run(): Promise<unknown> }>('py-async-run#gather')!.run(),
    );
    await expect(page.locator('py-async-run#gather [part="offline"]')).toHaveText('Ready offline');
  } finally {
    await context.close();
  }
});
