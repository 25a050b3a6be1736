import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { configureForTests } from './run-helpers.js';

configureForTests(true);

describe('authoring attributes', () => {
  it('autorun runs the program once the element is on the page', async () => {
    const ended = oneEvent(document, 'py-run-end');
    const el = await fixture<PyAsyncRunElement>(
      html`<py-async-run autorun><script type="text/python">print("ran by itself")</script></py-async-run>`,
    );
    const { detail } = await ended;
    expect(detail.result.stdout).to.equal('ran by itself\n');
    expect(el.status).to.equal('done');
  });

  it('shows pre-rendered output until the first run replaces it', async () => {
    const el = await fixture<PyAsyncRunElement>(html`<py-async-run
      ><script type="text/python">print("fresh")</script
      ><pre slot="output">stale output</pre></py-async-run
    >`);
    const prerendered = el.shadowRoot!.querySelector<HTMLElement>('[part="prerendered"]')!;
    expect(prerendered.hidden).to.equal(false);
    expect(el.source).to.equal('print("fresh")\n');
    await el.run();
    await el.updateComplete;
    expect(prerendered.hidden).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="output"]')!.textContent).to.equal('fresh\n');
  });
});
