// Turns the page's ```python blocks that look like programs into runnable <py-async-run> elements.
// Listed in mkdocs.yml under extra_javascript with type: module; the bundle is in docs/py-async-run/.
import { upgrade } from '../py-async-run/py-async-run.js';

const run = () => upgrade(undefined, { filter: 'runnable' });
// Material's instant navigation swaps pages without loading them: document$ emits for each one, and
// upgrade() leaves blocks it already replaced alone.
if (window.document$) window.document$.subscribe(run);
else run();
