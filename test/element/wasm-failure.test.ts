import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/index.js';
import '../../src/py-async-run.js';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';

// Pyodide's loader is there, its wasm is not (a partial upload of dist/): Pyodide alone would wait forever
// for an instance that never comes.
configure({ indexURL: '/__pyodide-no-wasm__/', serviceWorker: false });

describe('a runtime whose wasm is missing', () => {
  it('ends in a readable error that names the cause, and Run can be tried again', async () => {
    const el = await fixture<PyAsyncRunElement>(html`<py-async-run code="print(1)"></py-async-run>`);
    const result = await el.run();
    expect(result.status).to.equal('error');
    expect(result.error!.summary).to.match(
      /^Python could not start: its WebAssembly could not be compiled \(.*HTTP 404.*\)/,
    );
    await el.updateComplete;
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="run-button"]')!;
    expect(button.textContent!.trim()).to.equal('Retry');
  });
});
