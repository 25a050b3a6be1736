import tseslint from 'typescript-eslint';

/**
 * What each folder of `src/` may import from the others; anything in its own folder it may always import,
 * and `src/errors.ts` (the error table) is open to all. The graph has no cycle: syntax at the bottom, then
 * transform and tips, cache, the runtime and the worker, the run flow, the element, and the public entry
 * points on top. `uses` opens a folder (`run`) or one module (`runtime/protocol.js`) for any import; `types`
 * for `import type` only, which never runs code. Dynamic `import()` and `typeof import()` are held to the
 * same lists (see ARCHITECTURE.md).
 */
export const LAYERS = {
  syntax: { uses: [] },
  transform: { uses: ['syntax'] },
  // Tips stay data: they read the syntax analysis and explain what the transform did, never run it.
  tips: { uses: ['syntax', 'runtime/protocol.js'], types: ['transform/types.js'] },
  cache: { uses: ['transform', 'syntax'], types: ['tips'] },
  timeline: { uses: ['runtime/protocol.js', 'runtime/message-check.js'] },
  // The page never runs worker code: it only asks Vite for the worker script's URL.
  runtime: { uses: ['cache', 'worker/worker.ts?worker&url'] },
  worker: { uses: ['runtime', 'cache'] },
  run: { uses: ['transform', 'tips', 'cache', 'runtime', 'timeline', 'syntax'] },
  element: { uses: ['run', 'runtime', 'timeline', 'tips', 'syntax'] },
  // The bundler plugins run in Node, in the app's build: they read the package's files, never its code.
  bundlers: { uses: [] },
  // `src/index.ts` and `src/py-async-run.ts`.
  '.': { uses: ['element', 'runtime', 'run', 'tips'] },
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** `folder` stands for every module in it, `folder/name.js` for that module alone. */
const alternatives = (targets) => targets.map((t) => (t.includes('.') ? escape(t) : `${escape(t)}/.+`));

/** A regular expression for the relative imports a file in `folder` may not make (`prefix` reaches `src/`). */
function forbidden(prefix, allowed) {
  // `src/errors.js` from a folder; from `src/` itself, its own modules (`./index.js`).
  const open = [prefix === './' ? '[^/]+\\.js' : 'errors\\.js', ...alternatives(allowed)].join('|');
  return `^${escape(prefix)}(?!(?:${open})$)`;
}

/** The flat-config block holding one folder (or `src/` itself) to its list. */
function layerBlock(folder, { uses, types = [] }) {
  const root = folder === '.';
  const files = root ? ['src/*.ts'] : [`src/${folder}/**/*.ts`];
  // From `src/x/`, `../` reaches `src/`; from `src/` itself, `./` does, and its own folder is all of src/.
  const prefix = root ? './' : '../';
  const message = root
    ? `src/*.ts may import only from ${uses.join(', ')} (eslint.config.js LAYERS).`
    : `src/${folder}/ may import only from ${[...uses, ...types.map((t) => `${t} (types)`)].join(', ') || 'itself'} ` +
      '(eslint.config.js LAYERS): a cycle between folders starts here.';
  const patterns = [{ regex: forbidden(prefix, [...uses, ...types]), message }];
  if (types.length) {
    const valueOnly = `^${escape(prefix)}(?:${alternatives(types).join('|')})$`;
    patterns.push({ regex: valueOnly, allowTypeImports: true, message: `${message} Import its types only.` });
  }
  // esquery reads `/` as the end of a regular expression, so the slash is written `\x2F` in selectors.
  const dynamic = forbidden(prefix, [...uses, ...types]).replaceAll('/', '\\x2F');
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns }],
      'no-restricted-syntax': [
        'error',
        { selector: `ImportExpression[source.value=/${dynamic}/]`, message },
        { selector: `TSImportType Literal[value=/${dynamic}/]`, message },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'scratch/', '.scratch/', 'playwright-report/'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', document: 'readonly', customElements: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-expect-error': 'allow-with-description' }],
    },
  },
  ...Object.entries(LAYERS).map(([folder, layer]) => layerBlock(folder, layer)),
  {
    // The service worker is built on its own: it shares no code with the page but the runtime's config.
    files: ['sw/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./src/(?!runtime/(?:config|runtime-config)\\.js$)',
              message: 'sw/ may import only src/runtime config.',
            },
          ],
        },
      ],
    },
  },
);
