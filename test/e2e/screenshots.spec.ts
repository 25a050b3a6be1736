import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.js';

/**
 * The demo after a run, photographed narrow (320 px) and wide (1280 px), light and dark, into
 * test-results/screenshots/ for a person to look at; the checks a person would make by eye are asserted.
 */
const shots = resolve(import.meta.dirname, '../../test-results/screenshots');

/** Examples run once, then photographed in every size and scheme: a clean run with tips, and an error. */
const EXAMPLES = ['gather', 'taskgroup'] as const;
const WIDTHS = [320, 1280] as const;
const SCHEMES = ['light', 'dark'] as const;

async function photograph(page: Page, id: string, file: string) {
  // In page coordinates (a locator's boundingBox is relative to the scrolled viewport).
  const box = await page.evaluate((target) => {
    const rect = document.querySelector(`py-async-run#${target}`)!.getBoundingClientRect();
    return { x: rect.x + scrollX, y: rect.y + scrollY, width: rect.width, height: rect.height };
  }, id);
  const margin = 16;
  const x = Math.max(0, box.x - margin);
  await page.screenshot({
    path: resolve(shots, file),
    fullPage: true,
    clip: {
      x,
      y: Math.max(0, box.y - margin),
      width: Math.min(box.width + 2 * margin, page.viewportSize()!.width - x),
      height: box.height + 2 * margin,
    },
  });
}

/** The computed background of an example's frame, and how far the page scrolls sideways. */
function measure(page: Page, id: string) {
  return page.evaluate((target) => {
    const el = document.querySelector(`py-async-run#${target}`)!;
    const code = el.shadowRoot!.querySelector<HTMLElement>('[part="code"]')!;
    return {
      background: getComputedStyle(el.shadowRoot!.querySelector('[part="frame"]')!).backgroundColor,
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      codeScrolls: code.scrollWidth > code.clientWidth,
    };
  }, id);
}

test('the demo looks right narrow and wide, light and dark', async ({ page, distURL: url }) => {
  mkdirSync(shots, { recursive: true });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(url);
  for (const id of EXAMPLES) {
    const example = page.locator(`py-async-run#${id}`);
    await example.getByRole('button', { name: 'Run' }).click();
    await expect(example).toHaveAttribute('status', /^(done|error)$/, { timeout: 90_000 });
  }
  const backgrounds: Record<string, string> = {};
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const id of EXAMPLES) {
        const seen = await measure(page, id);
        backgrounds[scheme] = seen.background;
        if (width === 320) {
          expect(
            seen.pageOverflow,
            `${id}, ${scheme}: the page scrolls sideways at 320 px`,
          ).toBeLessThanOrEqual(0);
          // gather has a line longer than 320 px: it scrolls inside the code block instead.
          if (id === 'gather') expect(seen.codeScrolls).toBe(true);
        }
        await photograph(page, id, `${id}-${width}-${scheme}.png`);
      }
    }
  }
  expect(backgrounds.dark, 'dark mode did not change the background').not.toBe(backgrounds.light);
  const lightness = (rgb: string) =>
    rgb
      .match(/\d+/g)!
      .slice(0, 3)
      .map(Number)
      .reduce((a, b) => a + b, 0) / 3;
  expect(lightness(backgrounds.light)).toBeGreaterThan(200);
  expect(lightness(backgrounds.dark)).toBeLessThan(60);
});
