import { expect, fixture, html } from '@open-wc/testing';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { configureForTests } from './run-helpers.js';

configureForTests(true);

/** The console warnings `action` gives. */
async function warningsOf(action: () => unknown): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    await action();
  } finally {
    console.warn = original;
  }
  return warnings;
}

describe('limits as attributes and properties', () => {
  const refused: [string, string][] = [
    ['timeout', '1s'],
    ['timeout', '-1'],
    ['timeout', '3000000'],
    ['timeout', ''],
    ['max-output-lines', 'many'],
    ['max-output-lines', '-5'],
    ['max-output-chars', '1e400'],
    ['max-output-chars', '2.5'],
  ];
  for (const [name, value] of refused) {
    it(`${name}="${value}" is said once in the console and the default is used`, async () => {
      let el!: PyAsyncRunElement;
      const warnings = await warningsOf(async () => {
        el = await fixture<PyAsyncRunElement>(html`<py-async-run></py-async-run>`);
        el.setAttribute(name, value);
        await el.updateComplete;
      });
      expect(warnings.length).to.equal(1);
      expect(warnings[0]).to.contain(`${name}="${value}"`);
      expect([el.timeout, el.maxOutputLines, el.maxOutputChars]).to.deep.equal([30, 10_000, 1_000_000]);
    });
  }

  it('takes values in range without a word, and timeout="0" keeps meaning no limit', async () => {
    const warnings = await warningsOf(async () => {
      const el = await fixture<PyAsyncRunElement>(
        html`<py-async-run timeout="0" max-output-lines="0" max-output-chars="500"></py-async-run>`,
      );
      expect([el.timeout, el.maxOutputLines, el.maxOutputChars]).to.deep.equal([0, 0, 500]);
      el.setAttribute('timeout', '2.5');
      expect(el.timeout).to.equal(2.5);
      el.removeAttribute('timeout');
      expect(el.timeout).to.equal(30);
    });
    expect(warnings).to.deep.equal([]);
  });

  it('treats properties set from JavaScript the same way', async () => {
    const el = await fixture<PyAsyncRunElement>(html`<py-async-run timeout="5"></py-async-run>`);
    const warnings = await warningsOf(() => {
      el.timeout = -1;
      el.maxOutputLines = Number.NaN;
      (el as unknown as { maxOutputChars: unknown }).maxOutputChars = 'all';
      el.timeout = Infinity;
    });
    expect(warnings.length).to.equal(4);
    expect(warnings[0]).to.contain('timeout="-1"');
    expect(warnings[2]).to.contain('max-output-chars="all"');
    expect([el.timeout, el.maxOutputLines, el.maxOutputChars]).to.deep.equal([30, 10_000, 1_000_000]);
  });
});
