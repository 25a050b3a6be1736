/**
 * The bundle's entry: importing it defines `<py-async-run>` and exports the public API.
 */
import { PyAsyncRunElement } from './element/py-async-run-element.js';

export * from './index.js';

if (typeof customElements !== 'undefined' && !customElements.get('py-async-run')) {
  customElements.define('py-async-run', PyAsyncRunElement);
}
