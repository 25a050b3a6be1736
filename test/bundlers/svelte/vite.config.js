import pyAsyncRun from 'py-async-run/vite';
import { compile } from 'svelte/compiler';

/** Svelte's compiler as a Vite plugin, in the few lines this app needs (no styles, no hot reload). */
const svelte = {
  name: 'svelte',
  transform(source, id) {
    if (!id.endsWith('.svelte')) return null;
    return compile(source, { filename: id, generate: 'client' }).js;
  },
};

export default { plugins: [pyAsyncRun(), svelte] };
