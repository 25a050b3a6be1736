/**
 * Writes test/tips/tip-texts.txt, the reviewed wording of every tip, from the rules themselves
 * (test/tips/tip-texts.ts): `node scripts/tip-texts.js`. test/tips/tip-texts.test.ts fails until the file
 * matches, so a change of wording is seen in review.
 */
import { build } from 'esbuild';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = await build({
  entryPoints: [join(root, 'test/tips/tip-texts.ts')],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  write: false,
});
const url = `data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`;
const { tipTexts } = await import(url);
await writeFile(join(root, 'test/tips/tip-texts.txt'), tipTexts());
console.log('wrote test/tips/tip-texts.txt');
