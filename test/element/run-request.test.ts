import { expect, fixture, html } from '@open-wc/testing';
import '../../src/py-async-run.js';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { runRequest } from '../../src/element/run-request.js';

describe('runRequest', () => {
  it('reads the settings as data: packages split, detection, limit and timeline', async () => {
    const el = await fixture<PyAsyncRunElement>(
      html`<py-async-run packages="numpy, ./w/pkg.whl  six" no-package-detection timeout="7" timeline></py-async-run>`,
    );
    const request = runRequest(el, 'print(1)\n');
    expect(request).to.deep.include({
      code: 'print(1)\n',
      timeout: 7,
      packages: ['numpy', './w/pkg.whl', 'six'],
      detectImports: false,
      timeline: true,
      cell: null,
    });
  });

  it('gives an element with a setup script a cell of its own, the setup cleaned', async () => {
    const el = await fixture<PyAsyncRunElement>(html`<py-async-run
      ><script type="text/python" data-setup>
        x = 1
      </script
      >print(x)</py-async-run
    >`);
    const cell = runRequest(el, 'print(x)\n').cell;
    expect(cell && { session: cell.session, setup: cell.setup, above: cell.above() }).to.deep.equal({
      session: '',
      setup: 'x = 1\n',
      above: [],
    });
    expect(cell?.cell).to.equal(el);
  });

  it('lists the cells of the session above, in page order, and only those', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <py-async-run session="a"></py-async-run>
      <py-async-run session="b"></py-async-run>
      <py-async-run session="a"></py-async-run>
      <py-async-run session="a"></py-async-run>
    </div>`);
    const cells = [...page.querySelectorAll<PyAsyncRunElement>('py-async-run')];
    const cell = runRequest(cells[3], '').cell;
    expect(cell?.setup).to.equal(null);
    expect(cell?.above().map((above) => cells.indexOf(above as PyAsyncRunElement))).to.deep.equal([0, 2]);
  });
});
