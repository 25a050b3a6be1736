/**
 * The folder layering of src/ (eslint.config.js LAYERS): a file that imports across the graph's edges fails
 * lint, naming the rule, and an import the graph allows passes. Linted from text, so no file is written.
 */
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

/** The layering rules a module at `path` (relative to the repository) breaks. */
async function broken(path, code) {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.ruleId);
}

test('tips may not import the element', async () => {
  assert.deepEqual(
    await broken('src/tips/bad.ts', "import { x } from '../element/x.js';\nexport const y = x;\n"),
    ['no-restricted-imports'],
  );
});

test('the transform may not import tips, and the run flow may not import the element', async () => {
  assert.deepEqual(
    await broken('src/transform/bad.ts', "export { tip } from '../tips/x.js';\nimport '../tips/y.js';\n"),
    ['no-restricted-imports', 'no-restricted-imports'],
  );
  assert.deepEqual(
    await broken('src/run/bad.ts', "export const flow = () => import('../element/run-flow.js');\n"),
    ['no-restricted-syntax'],
  );
  assert.deepEqual(
    await broken('src/run/bad.ts', "export type Flow = typeof import('../element/run-flow.js');\n"),
    ['no-restricted-syntax'],
  );
});

test('page code reaches the worker only through its URL', async () => {
  assert.deepEqual(
    await broken('src/runtime/bad.ts', "import { x } from '../worker/worker.js';\nexport const y = x;\n"),
    ['no-restricted-imports'],
  );
  assert.deepEqual(
    await broken(
      'src/runtime/ok.ts',
      "import url from '../worker/worker.ts?worker&url';\nexport const y = url;\n",
    ),
    [],
  );
});

test('allowed imports pass: down the graph, type-only where only types are open, and the error table', async () => {
  assert.deepEqual(
    await broken(
      'src/tips/ok.ts',
      "import { lineOf } from '../syntax/lines.js';\nexport const y = lineOf;\n",
    ),
    [],
  );
  assert.deepEqual(
    await broken(
      'src/tips/ok.ts',
      "import type { TransformResult } from '../transform/types.js';\nexport type Y = TransformResult;\n",
    ),
    [],
  );
  assert.deepEqual(
    await broken(
      'src/tips/bad.ts',
      "import { TRANSFORM_VERSION } from '../transform/types.js';\nexport const y = TRANSFORM_VERSION;\n",
    ),
    ['no-restricted-imports'],
  );
  assert.deepEqual(
    await broken(
      'src/element/ok.ts',
      "import { runProgram } from '../run/run-program.js';\nexport const y = runProgram;\n",
    ),
    [],
  );
  assert.deepEqual(
    await broken('src/syntax/ok.ts', "import { x } from '../errors.js';\nexport const y = x;\n"),
    [],
  );
  assert.deepEqual(
    await broken('src/syntax/bad.ts', "import { x } from '../transform/index.js';\nexport const y = x;\n"),
    ['no-restricted-imports'],
  );
});
