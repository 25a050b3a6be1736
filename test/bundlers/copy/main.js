// Built with no plugin, as any bundler would (Rollup, esbuild): the site serves a copy of the package's
// dist/ at /py-async-run/ and says so.
import { configure } from 'py-async-run';

configure({ baseURL: '/py-async-run/' });
const element = document.createElement('py-async-run');
element.code = 'import asyncio\nasyncio.run(asyncio.sleep(0))\nprint("hello from", "a copy")';
element.addEventListener('py-run-end', (event) => {
  const { status, stdout } = event.detail.result;
  document.querySelector('#result').textContent = `${status}: ${stdout}`;
});
document.body.prepend(element);
