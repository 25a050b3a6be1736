import { cpSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, defineConfig, type Plugin } from 'vite';
import { injectManifest } from 'workbox-build';

const root = dirname(fileURLToPath(import.meta.url));
const dist = resolve(root, 'dist');

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
      await build({
        configFile: false,
        logLevel: 'warn',
        // Workbox reads process.env.NODE_ENV to drop its development logging.
        define: { 'process.env.NODE_ENV': JSON.stringify('production') },
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
        globPatterns: ['*.html', 'py-async-run.js', 'assets/**/*.js', 'pyodide/*'],
        // Pyodide's wasm is ~9.6 MB and its stdlib ~2.5 MB: far over Workbox's 2 MiB default.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      });
      for (const warning of warnings) console.warn(`sw: ${warning}`);
    },
  };
}

export default defineConfig({
  publicDir: false,
  // Relative asset URLs: dist/ must work under any path, and from another origin.
  base: './',
  build: {
    outDir: dist,
    target: 'es2022',
    sourcemap: true,
    lib: {
      entry: resolve(root, 'src/py-async-run.ts'),
      formats: ['es'],
      fileName: () => 'py-async-run.js',
    },
  },
  worker: { format: 'es' },
  plugins: [pageAssets()],
});
