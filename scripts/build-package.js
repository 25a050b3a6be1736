#!/usr/bin/env node
/**
 * The npm package's extras, built after `vite build` wrote the browser bundle (`npm run build` runs both):
 *   - `node/py-async-run.js`: the same entry for Node (server-side rendering). The browser bundle carries Lit's
 *     browser build, which extends `HTMLElement` as it loads and so throws in Node; this one leaves Lit and the
 *     other dependencies as imports, so Node resolves Lit's `node` build through its export conditions.
 *   - `bundlers/`: the bundler plugins (`py-async-run/vite`, `py-async-run/webpack`), run by the app's bundler in Node.
 *   - `types/`: the declarations `exports` points to (tsc, tsconfig.build.json).
 *   - `custom-elements.json`: the Custom Elements Manifest (custom-elements-manifest.config.js).
 * Like vite.config.ts, it writes to dist/ or to $PY_ASYNC_RUN_OUT_DIR.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(root, process.env.PY_ASYNC_RUN_OUT_DIR ?? 'dist');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
const buildVersion =
  pkg.version + (process.env.PY_ASYNC_RUN_BUILD_LABEL ? `+${process.env.PY_ASYNC_RUN_BUILD_LABEL}` : '');

/** In Node the runtime never starts (a run needs a browser's Worker), so the worker is not built again. */
function noWorkerInNode() {
  const id = '\0py-async-run:worker-url';
  return {
    name: 'py-async-run:no-worker-in-node',
    enforce: 'pre',
    resolveId: (source) => (source.endsWith('?worker&url') ? id : null),
    load: (loaded) => (loaded === id ? `export default 'assets/worker.js';` : null),
  };
}

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  define: { __PY_ASYNC_RUN_VERSION__: JSON.stringify(buildVersion) },
  plugins: [noWorkerInNode()],
  build: {
    ssr: resolve(root, 'src/py-async-run.ts'),
    outDir: resolve(dist, 'node'),
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: { output: { entryFileNames: 'py-async-run.js' } },
  },
});

// The bundler plugins (`py-async-run/vite`, `py-async-run/webpack`): Node modules that bundlers load.
await build({
  configFile: false,
  root,
  logLevel: 'warn',
  build: {
    ssr: true,
    outDir: resolve(dist, 'bundlers'),
    emptyOutDir: true,
    target: 'node20',
    rollupOptions: {
      input: {
        vite: resolve(root, 'src/bundlers/vite.ts'),
        webpack: resolve(root, 'src/bundlers/webpack.ts'),
      },
      output: { entryFileNames: '[name].js', chunkFileNames: '[name].js' },
    },
  },
});

function run(command, args) {
  const result = spawnSync(resolve(root, 'node_modules/.bin', command), args, {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.error(`build-package: ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

run('tsc', ['-p', 'tsconfig.build.json', '--declarationDir', resolve(dist, 'types')]);
// The analyzer joins --outdir to the working directory, so it takes a relative path.
run('cem', ['analyze', '--quiet', '--outdir', relative(root, dist) || '.']);
