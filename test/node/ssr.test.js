/**
 * The npm package as a consumer meets it, in plain Node, against the build (`npm run build` first):
 * importing it for server-side rendering, its types, its Custom Elements Manifest and what `npm pack` ships.
 * Run with `node --test test/node/` (`npm test` does).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { parseAst } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const built = (path) => {
  assert.ok(existsSync(join(root, path)), `${path} is missing: run \`npm run build\` first`);
  return join(root, path);
};

test('imports in Node through the package exports without a DOM', async () => {
  // A self-reference resolves through `exports` with Node's conditions, as `import 'py-async-run'` would.
  assert.equal(import.meta.resolve(pkg.name), pathToFileURL(built(pkg.exports['.'].node)).href);
  const api = await import(pkg.name);
  assert.equal(typeof api.PyAsyncRunElement, 'function');
  assert.equal(typeof api.configure, 'function');
  assert.equal(api.version, pkg.version);
  assert.equal(typeof globalThis.window, 'undefined');
  assert.equal(typeof globalThis.document, 'undefined');
  // Lit's Node build brings a stand-in registry; the tag is defined there for server-side renderers to find.
  assert.equal(globalThis.customElements?.get('py-async-run'), api.PyAsyncRunElement);
  assert.ok(api.PyAsyncRunElement.observedAttributes.includes('theme'));
});

test('the browser bundle stands alone: every import in it is relative', () => {
  const ast = parseAst(readFileSync(built(pkg.exports['.'].default), 'utf8'));
  const specifiers = [];
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (/^(Import|ExportAll|ExportNamed)Declaration$/.test(node.type) && node.source)
      specifiers.push(node.source.value);
    if (node.type === 'ImportExpression') specifiers.push(node.source.value ?? '(computed)');
    for (const value of Object.values(node)) walk(value);
  };
  walk(ast);
  assert.ok(specifiers.length > 0, 'no imports found at all: workbox-window is loaded lazily by one');
  assert.deepEqual(
    specifiers.filter((s) => !s.startsWith('./')),
    [],
  );
});

test('the types type-check a consumer: tag name map, theme, run()', () => {
  built(pkg.exports['.'].types);
  // Inside the package folder, so that 'py-async-run' resolves through `exports` (types condition).
  const dir = join(root, 'test-results', 'node-consumer');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'consumer.ts');
  writeFileSync(
    file,
    `import { PyAsyncRunElement, configure, version, type RunResult } from 'py-async-run';
configure({ stackSwitching: false });
const el: PyAsyncRunElement = document.createElement('py-async-run');
el.theme = 'dark';
// @ts-expect-error - not a theme
el.theme = 'blue';
const found = document.querySelector('py-async-run');
const result: Promise<RunResult> | undefined = found?.run();
el.addEventListener('py-output', (event) => event.detail.text.toUpperCase());
export { result, version };
`,
  );
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const text = ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => '\n',
  });
  assert.equal(diagnostics.length, 0, text);
  const resolved = program.getSourceFiles().map((f) => f.fileName);
  assert.ok(resolved.includes(join(root, pkg.types.replace('./', ''))), 'types did not come from `exports`');
});

test('custom-elements.json describes the element the package ships', () => {
  const manifest = JSON.parse(readFileSync(built(pkg.customElements), 'utf8'));
  const [module] = manifest.modules;
  assert.equal(manifest.modules.length, 1);
  assert.equal(module.path, pkg.exports['.'].default.replace('./', ''));
  const definition = module.exports.find((e) => e.kind === 'custom-element-definition');
  assert.equal(definition.name, 'py-async-run');
  const element = module.declarations.find((d) => d.customElement);
  assert.equal(element.tagName, 'py-async-run');
  const attributes = element.attributes.map((a) => a.name);
  for (const name of ['code', 'src', 'timeout', 'preload', 'no-tips', 'theme', 'status']) {
    assert.ok(attributes.includes(name), `attribute ${name}`);
  }
  assert.deepEqual(
    element.events.map((e) => e.name),
    ['py-run-start', 'py-output', 'py-run-end'],
  );
  const parts = element.cssParts.map((p) => p.name);
  for (const name of ['frame', 'code', 'controls', 'run-button', 'stop-button', 'status', 'output', 'tips']) {
    assert.ok(parts.includes(name), `part ${name}`);
  }
  for (const part of element.cssParts) assert.doesNotMatch(part.description ?? '', /@csspart/, part.name);
  assert.ok(element.cssProperties.some((p) => p.name === '--py-async-run-bg'));
  assert.ok(
    element.members.every((m) => m.privacy !== 'private'),
    'private members leaked',
  );
});

test('npm pack ships the bundle, the bundler plugins, types, manifest and docs; no sources, tests or demo', () => {
  const [report] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  );
  const files = new Set(report.files.map((f) => f.path));
  const expected = [
    'package.json',
    'README.md',
    'CHANGELOG.md',
    pkg.exports['.'].default,
    pkg.exports['.'].node,
    pkg.exports['.'].types,
    'dist/types/element/py-async-run-element.d.ts',
    pkg.customElements,
    'dist/sw.js',
    'dist/runner.html',
    'dist/pyodide/pyodide.asm.wasm',
    pkg.exports['./vite'].default,
    pkg.exports['./vite'].types,
    pkg.exports['./webpack'].default,
    pkg.exports['./webpack'].types,
  ].map((path) => path.replace('./', ''));
  for (const path of expected) assert.ok(files.has(path), `${path} is not in the package`);
  assert.ok(
    [...files].some((path) => path.startsWith('dist/assets/') && path.endsWith('.js')),
    'the runtime worker is not in the package',
  );
  const stray = [...files].filter((path) =>
    /^(src|test|scratch|bench|sw|demo|scripts|node_modules)\//.test(path),
  );
  assert.deepEqual(stray, []);
  // The demo's pages are built beside the bundle (dist/ is the demo site too), but are not the package's.
  const demo = [...files].filter((path) =>
    /^dist\/(index|explained)\.html$|^dist\/recipes\/|\.css$/.test(path),
  );
  assert.deepEqual(demo, []);
});
