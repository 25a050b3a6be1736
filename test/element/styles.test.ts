import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { configureForTests, element, py } from './run-helpers.js';

configureForTests(true);

const part = (el: PyAsyncRunElement, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`)!;

/** Relative luminance (0 black to 1 white) of a computed `rgb()` colour, enough to tell light from dark. */
function luminance(color: string): number {
  const [r, g, b] = color
    .match(/[\d.]+/g)!
    .slice(0, 3)
    .map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

const background = (el: PyAsyncRunElement) => luminance(getComputedStyle(part(el, 'frame')).backgroundColor);

describe('look: colour scheme, motion, narrow screens', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('follows prefers-color-scheme by default and reflects theme="auto"', async () => {
    const el = await element('print(1)\n');
    expect(el.getAttribute('theme')).to.equal('auto');
    await emulateMedia({ colorScheme: 'light' });
    expect(background(el)).to.be.greaterThan(0.8);
    await emulateMedia({ colorScheme: 'dark' });
    expect(background(el)).to.be.lessThan(0.2);
    expect(luminance(getComputedStyle(el).color)).to.be.greaterThan(0.8);
  });

  it('theme="auto" follows the page\'s declared color-scheme before the reader\'s preference', async () => {
    const root = document.documentElement;
    const meta = Object.assign(document.createElement('meta'), { name: 'color-scheme', content: 'dark' });
    try {
      // A page that declares only light shows no dark box, whatever the reader prefers.
      root.style.colorScheme = 'light';
      await emulateMedia({ colorScheme: 'dark' });
      const onLight = await element('print(1)\n');
      expect(background(onLight)).to.be.greaterThan(0.8);
      // An author's theme still wins.
      onLight.theme = 'dark';
      await onLight.updateComplete;
      expect(background(onLight)).to.be.lessThan(0.2);
      // Declared by a meta tag: only dark, under a reader who prefers light.
      root.style.colorScheme = '';
      document.head.append(meta);
      await emulateMedia({ colorScheme: 'light' });
      expect(background(await element('print(1)\n'))).to.be.lessThan(0.2);
      // Both: the reader's preference decides, as with none declared.
      meta.content = 'light dark';
      expect(background(await element('print(1)\n'))).to.be.greaterThan(0.8);
    } finally {
      root.style.colorScheme = '';
      meta.remove();
    }
  });

  it('lets the theme attribute override the reader preference both ways', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const dark = await fixture<PyAsyncRunElement>(
      html`<py-async-run theme="dark" code="print(1)"></py-async-run>`,
    );
    expect(background(dark)).to.be.lessThan(0.2);
    await emulateMedia({ colorScheme: 'dark' });
    const light = await fixture<PyAsyncRunElement>(
      html`<py-async-run theme="light" code="print(1)"></py-async-run>`,
    );
    expect(background(light)).to.be.greaterThan(0.8);
    light.theme = 'dark';
    await light.updateComplete;
    expect(light.getAttribute('theme')).to.equal('dark');
    expect(background(light)).to.be.lessThan(0.2);
  });

  it('lets custom properties win over both schemes', async () => {
    const el = await fixture<PyAsyncRunElement>(
      html`<py-async-run theme="dark" style="--py-async-run-keyword: rgb(255, 0, 0)" code="import asyncio"></py-async-run>`,
    );
    expect(getComputedStyle(el.shadowRoot!.querySelector('.tok-keyword')!).color).to.equal('rgb(255, 0, 0)');
  });

  it('stops animations and transitions when the reader prefers reduced motion', async () => {
    const el = await element('print(1)\n');
    // Stand-in for any animation a part may get (a spinner, a growing bar): the guard must cover them all.
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`
      @keyframes pulse { from { opacity: 1; } to { opacity: 0.5; } }
      .status { animation: pulse 1s infinite; transition: opacity 1s; }
    `);
    el.shadowRoot!.adoptedStyleSheets = [...el.shadowRoot!.adoptedStyleSheets, sheet];
    const status = getComputedStyle(part(el, 'status'));
    await emulateMedia({ reducedMotion: 'no-preference' });
    expect([status.animationName, status.transitionDuration]).to.deep.equal(['pulse', '1s']);
    await emulateMedia({ reducedMotion: 'reduce' });
    expect([status.animationName, status.transitionDuration]).to.deep.equal(['none', '0s']);
  });

  it('fits 320 px: long code lines scroll inside the code block, the status line wraps', async () => {
    const box = await fixture<HTMLDivElement>(html`<div style="width: 320px"></div>`);
    const el = document.createElement('py-async-run');
    el.code = py`
      import asyncio

      async def main():
          raise ValueError("a_very_long_message_that_has_no_spaces_in_it_at_all_and_goes_on_and_on")

      asyncio.run(main())
    `;
    box.append(el);
    await el.run();
    await el.updateComplete;
    const code = part(el, 'code');
    expect(code.scrollWidth).to.be.greaterThan(code.clientWidth);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    for (const name of ['frame', 'controls', 'output', 'mode']) {
      const piece = part(el, name);
      expect(piece.scrollWidth, name).to.be.at.most(piece.clientWidth);
    }
    expect(part(el, 'status').getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right);
    // Code in the mode line is set as code, not shown between backticks.
    expect(part(el, 'mode').querySelector('code')!.textContent).to.equal('asyncio.run(main())');
    expect(part(el, 'mode').textContent).not.to.contain('`');
  });
});
