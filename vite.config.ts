import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';
import { injectManifest } from 'workbox-build';
import { compileRuntime } from './scripts/runtime-bytecode.js';
import { splitStdlib } from './scripts/stdlib-split.js';
import { packBytecode } from './src/worker/bytecode.js';
import { PACKAGE_DIR } from './src/worker/runtime-package.js';

const root = dirname(fileURLToPath(import.meta.url));
// PY_ASYNC_RUN_OUT_DIR builds elsewhere (the update test builds two versions side by side).
const dist = resolve(root, process.env.PY_ASYNC_RUN_OUT_DIR ?? 'dist');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };
const pyodideVersion = (
  JSON.parse(readFileSync(resolve(root, 'node_modules/pyodide/package.json'), 'utf8')) as { version: string }
).version;
// The version a build reports (`version` export); PY_ASYNC_RUN_BUILD_LABEL tells test builds apart.
const buildVersion =
  pkg.version + (process.env.PY_ASYNC_RUN_BUILD_LABEL ? `+${process.env.PY_ASYNC_RUN_BUILD_LABEL}` : '');

/** Pyodide's core files, served from our own origin beside the bundle (its CDN is never used). */
const PYODIDE_FILES = [
  'pyodide.mjs',
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
];

/** Copies Pyodide and the demo pages into dist/, then builds the service worker with its precache list. */
function pageAssets(): Plugin {
  return {
    name: 'py-async-run:page-assets',
    apply: 'build',
    async closeBundle() {
      mkdirSync(resolve(dist, 'pyodide'), { recursive: true });
      for (const file of PYODIDE_FILES) {
        cpSync(resolve(root, 'node_modules/pyodide', file), resolve(dist, 'pyodide', file));
      }
      cpSync(resolve(root, 'demo'), dist, { recursive: true });
      // The runner page (its script is the build's second entry, runner.js): see configure({ runnerOrigin }).
      cpSync(resolve(root, 'src/runtime/runner.html'), resolve(dist, 'runner.html'));
      await build({
        configFile: false,
        logLevel: 'warn',
        // Workbox reads process.env.NODE_ENV to drop its development logging.
        define: {
          'process.env.NODE_ENV': JSON.stringify('production'),
          __PYODIDE_VERSION__: JSON.stringify(pyodideVersion),
        },
        build: {
          minify: true,
          emptyOutDir: false,
          outDir: dist,
          copyPublicDir: false,
          lib: { entry: resolve(root, 'sw/sw.ts'), formats: ['es'], fileName: () => 'sw.js' },
        },
      });
      const { warnings } = await injectManifest({
        swSrc: resolve(dist, 'sw.js'),
        swDest: resolve(dist, 'sw.js'),
        globDirectory: dist,
        // The start-up stdlib, not the full one (the worker never asks for it) nor the modules fetched on
        // first import: those are kept as a program imports them (sw/sw.ts).
        globPatterns: ['*.html', '*.css', '*.js', 'assets/**/*.{js,pyc}', 'assets/*.zip', 'pyodide/*'],
        globIgnores: ['sw.js', 'bench-*.html', 'pyodide/python_stdlib.zip'],
        // Pyodide's wasm is ~9.6 MB and its stdlib ~2.5 MB: far over Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      });
      for (const warning of warnings) console.warn(`sw: ${warning}`);
    },
  };
}

/**
 * The runtime package compiled by Pyodide's CPython in Node (scripts/runtime-bytecode.js), written beside the
 * worker as `assets/runtime-<hash>.pyc`: the worker's `bytecode-file.ts` is replaced by the file's name.
 */
function runtimeBytecode(): Plugin {
  return {
    name: 'py-async-run:runtime-bytecode',
    apply: 'build',
    async load(id) {
      if (!id.endsWith('/src/worker/bytecode-file.ts')) return null;
      const pack = packBytecode(await compileRuntime(PACKAGE_DIR));
      const name = `runtime-${createHash('sha256').update(pack).digest('hex').slice(0, 10)}.pyc`;
      this.emitFile({ type: 'asset', fileName: `assets/${name}`, source: pack });
      return `export const RUNTIME_BYTECODE = ${JSON.stringify(name)};`;
    },
  };
}

/** The split made once per build (the worker may be bundled more than once): it starts Pyodide in Node. */
let stdlibSplit: ReturnType<typeof splitStdlib> | null = null;

/**
 * The standard library split by what a start imports (scripts/stdlib-split.js), beside the worker: the
 * start-up zip as `assets/stdlib-<hash>.zip` and every other module under `assets/stdlib-<hash>/`, the hash
 * naming both; the worker's `stdlib-files.ts` is replaced by their names.
 */
function lazyStdlib(): Plugin {
  return {
    name: 'py-async-run:lazy-stdlib',
    apply: 'build',
    async load(id) {
      if (!id.endsWith('/src/worker/stdlib-files.ts')) return null;
      stdlibSplit ??= splitStdlib(PACKAGE_DIR);
      const { startup, lazy } = await stdlibSplit;
      const hash = createHash('sha256').update(startup);
      for (const [path, source] of lazy) hash.update(path).update(source);
      const name = `stdlib-${hash.digest('hex').slice(0, 10)}`;
      this.emitFile({ type: 'asset', fileName: `assets/${name}.zip`, source: startup });
      for (const [path, source] of lazy) {
        this.emitFile({ type: 'asset', fileName: `assets/${name}/${path}`, source });
      }
      return `export const STDLIB_FILES = ${JSON.stringify({ startup: `${name}.zip`, lazy: `${name}/` })};`;
    },
  };
}

/**
 * Leaves the worker's URL as a name beside the bundle (`assets/worker-<hash>.js`), which runtime-config.ts
 * resolves against the bundle or `baseURL`. Vite writes it as `new URL('assets/...', import.meta.url)`, a form
 * an app's bundler takes for an asset of its own: it copied the worker away from the files beside it.
 */
function workerURLAsName(): Plugin {
  return {
    name: 'py-async-run:worker-url-as-name',
    apply: 'build',
    renderChunk(code) {
      const pattern = /new URL\((["'`])(assets\/worker-[\w-]+\.js)\1,\s*import\.meta\.url\)\.href/g;
      if (!pattern.test(code)) return null;
      return {
        code: code.replace(pattern, (_, quote: string, name: string) => quote + name + quote),
        map: null,
      };
    },
  };
}

/**
 * Squeezes the whitespace and comments out of Lit's css`` templates (a minifier leaves template literals
 * alone): the styles are a third of the embed's own code. Only whitespace goes; values are untouched.
 */
function minifyStyles(): Plugin {
  const squeeze = (css: string) =>
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/;}/g, '}')
      .trim();
  return {
    name: 'py-async-run:minify-styles',
    apply: 'build',
    transform(code, id) {
      if (!id.includes('/src/element/') || !code.includes('css`')) return null;
      return {
        code: code.replace(/\bcss`([^`]*)`/g, (_, body: string) => `css\`${squeeze(body)}\``),
        map: null,
      };
    },
  };
}

export default defineConfig({
  publicDir: false,
  define: { __PY_ASYNC_RUN_VERSION__: JSON.stringify(buildVersion) },
  // Relative asset URLs: dist/ must work under any path, and from another origin.
  base: './',
  build: {
    outDir: dist,
    target: 'es2022',
    sourcemap: true,
    lib: {
      // runner.js: the script of the runner page, which starts the worker in a frame on a runner origin.
      entry: {
        'py-async-run': resolve(root, 'src/py-async-run.ts'),
        runner: resolve(root, 'src/runtime/runner-frame.ts'),
      },
      formats: ['es'],
      fileName: (_format, entryName) => `${entryName}.js`,
    },
    rolldownOptions: {
      // The timing report (the worker's build, with its bytecode compile, is slow by nature) on every build.
      checks: { bundlerTimings: false },
      output: {
        // Library mode leaves whitespace in ES output to keep annotations for the next bundler, but dist/ is
        // what a script tag loads: minify it fully (the embed's first paint is ~15% smaller gzipped).
        minify: true,
        // Everything the first paint needs in one chunk (the element, Lit, configure): the entry re-exports it,
        // and the lazy chunks import from it, so any URL of the entry (a `?ver=` from a CMS) loads it once.
        // The runner page's own script stays in runner.js: it is not first-paint code of the embed.
        codeSplitting: {
          groups: [{ name: 'embed', tags: ['$initial'], test: (id) => !/[\\/]runner-frame\.ts$/.test(id) }],
        },
      },
    },
  },
  worker: {
    format: 'es',
    plugins: () => [runtimeBytecode(), lazyStdlib()],
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  plugins: [minifyStyles(), workerURLAsName(), pageAssets()],
});
