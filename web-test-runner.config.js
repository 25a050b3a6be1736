/**
 * Unit and component tests, in a real browser (system Chromium through Playwright). Component tests run
 * real Pyodide from node_modules, in both runtime modes (with and without WebAssembly stack switching).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, posix } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { browserArgs, chromiumPath } from './test/browsers.js';
import { testLockFile, testWheels } from './test/packages/wheel.js';
import { readPrograms } from './test/programs/read.js';

/**
 * Vite's `import.meta.glob(pattern, { query: '?raw', import: 'default', eager: true })` (a `*` in the file
 * name only), written out as the object of file contents Vite builds; other forms are left alone.
 */
const RAW_GLOB =
  /import\.meta\.glob(?:<[^>]*>)?\(\s*'([^']+)'\s*,\s*\{\s*query:\s*'\?raw',\s*import:\s*'default',\s*eager:\s*true,?\s*\}\s*\)/g;

/** The files `pattern` (relative to the module at `modulePath`) matches, by the path the module wrote. */
function rawGlob(modulePath, pattern) {
  const dir = posix.dirname(pattern);
  const [before, after] = posix.basename(pattern).split('*');
  const folder = posix.join(posix.dirname(`.${modulePath}`), dir);
  const files = readdirSync(folder)
    .filter(
      (name) =>
        name.startsWith(before) && name.endsWith(after) && name.length >= before.length + after.length,
    )
    .sort();
  const entries = files.map((name) => [`${dir}/${name}`, readFileSync(`${folder}/${name}`, 'utf8')]);
  return JSON.stringify(Object.fromEntries(entries));
}

/** Serves `?worker&url` imports and `import.meta.glob` of raw files the way Vite builds them. */
function viteQueries() {
  return {
    name: 'vite-queries',
    transform(context) {
      if (typeof context.body !== 'string' || !context.body.includes('import.meta.glob')) return undefined;
      // Not cached: the cache would only notice a change of this module, not of the files it globs.
      const body = context.body.replace(RAW_GLOB, (_, pattern) => rawGlob(context.path, pattern));
      return { body, transformCache: false };
    },
    serve(context) {
      const { pathname, search } = new URL(context.request.url, 'http://x');
      if (search === '?worker&url') {
        return {
          body: `export default new URL(${JSON.stringify(pathname)}, import.meta.url).href;`,
          type: 'js',
        };
      }
      if (pathname === '/__golden__/transform') {
        const dir = 'test/transform/cases';
        const files = readdirSync(dir).filter((f) => f.endsWith('.txt'));
        const body = Object.fromEntries(files.map((f) => [f, readFileSync(`${dir}/${f}`, 'utf8')]));
        return { body: JSON.stringify(body), type: 'json' };
      }
      if (pathname === '/__programs__') return { body: JSON.stringify(readPrograms()), type: 'json' };
      if (pathname === '/__python_package__') {
        // Every module of the runtime's Python package, by file name (test/worker/steps.test.ts).
        const dir = 'src/worker/python/py_async_run';
        const files = readdirSync(dir).filter((f) => f.endsWith('.py'));
        const body = Object.fromEntries(files.map((f) => [f, readFileSync(`${dir}/${f}`, 'utf8')]));
        return { body: JSON.stringify(body), type: 'json' };
      }
      if (pathname === '/__packages__/pyodide-lock.json')
        return { body: JSON.stringify(testLockFile()), type: 'json' };
      return undefined;
    },
  };
}

/** Serves the test wheels the suite builds (test/packages/wheel.js) under /__packages__/. */
function testPackages() {
  const wheels = new Map(testWheels().map((w) => [`/__packages__/${w.fileName}`, w.bytes]));
  return {
    name: 'test-packages',
    serve(context) {
      const bytes = wheels.get(context.path);
      return bytes ? { body: bytes, type: 'application/zip' } : undefined;
    },
  };
}

/** Pyodide's files without its wasm, under /__pyodide-no-wasm__/ (a partial upload of dist/). */
function pyodideWithoutWasm() {
  return {
    name: 'pyodide-without-wasm',
    serve(context) {
      const match = /^\/__pyodide-no-wasm__\/([\w.-]+)$/.exec(context.path);
      if (!match || match[1].endsWith('.wasm')) return undefined; // the wasm: 404
      const path = `node_modules/pyodide/${match[1]}`;
      if (!existsSync(path)) return undefined;
      const type = { '.json': 'json', '.zip': 'application/zip' }[extname(path)] ?? 'js';
      return { body: readFileSync(path), type };
    },
  };
}

/** Writes the pass/fail totals for scripts/test-all.js. */
function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      const walk = (suite) => {
        for (const test of suite?.tests ?? []) {
          if (test.skipped) continue;
          if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite?.suites ?? []) walk(child);
      };
      for (const session of sessions) {
        walk(session.testResults);
        if (!session.passed && !session.testResults?.tests?.length && !session.testResults?.suites?.length)
          failed++;
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify({ passed, failed }));
    },
  };
}

const executablePath = chromiumPath();
if (!existsSync(executablePath)) console.warn(`Chromium not found at ${executablePath}`);

export default {
  files: ['test/**/*.test.ts', '!test/e2e/**'],
  // Lit's production build: its development build warns "Lit is in dev mode" once per test file.
  nodeResolve: { exportConditions: ['production'] },
  concurrency: 1,
  testsFinishTimeout: 600_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 60_000 } },
  plugins: [
    viteQueries(),
    testPackages(),
    pyodideWithoutWasm(),
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
  ],
  browsers: [
    playwrightLauncher({ product: 'chromium', launchOptions: { executablePath, args: browserArgs } }),
  ],
  reporters: [defaultReporter(), countReporter('test-results/wtr-counts.json')],
};
