import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/index.js';
import '../../src/py-async-run.js';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';

// Pyodide's files are missing (a wrong path, or offline on a first visit).
configure({ indexURL: '/missing-pyodide/', serviceWorker: false });

describe('a runtime that cannot load', () => {
  it('ends in a readable error state, and Run can be tried again', async () => {
    const el = await fixture<PyAsyncRunElement>(html`<py-async-run code="print(1)"></py-async-run>`);
    const result = await el.run();
    expect(result.status).to.equal('error');
    expect(result.error!.summary).to.match(/Python could not start/);
    expect(el.status).to.equal('error');
    await el.updateComplete;
    const status = el.shadowRoot!.querySelector('[part="status"]')!.textContent!;
    expect(status).to.match(/Python could not start/);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="run-button"]')!;
    expect(button.disabled).to.equal(false);
    expect(button.textContent!.trim()).to.equal('Retry');
    const again = await el.run();
    expect(again.status).to.equal('error');
  });
});
