/**
 * Counts the warnings the code's tips give on a folder of Python programs (default ../shared/corpus/cases):
 * `node scripts/tips-corpus.js [folder]`. Prints each warning with its program and line, then the totals, so a
 * reader can judge which are false (a correct program warned) and which name a real mistake. Runtime tips
 * need a run and are counted by the programs' own tests, not here.
 */
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = resolve(process.argv[2] ?? join(root, '../shared/corpus/cases'));
const bundle = await build({
  entryPoints: [join(root, 'src/run/prepare.ts')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
});
const url = `data:text/javascript;base64,${Buffer.from(bundle.outputFiles[0].text).toString('base64')}`;
const { prepareProgram } = await import(url);

const files = readdirSync(folder)
  .filter((file) => file.endsWith('.py'))
  .sort();
let warned = 0;
let warnings = 0;
for (const file of files) {
  const tips = prepareProgram(readFileSync(join(folder, file), 'utf8')).tips.filter(
    (tip) => tip.severity !== 'info',
  );
  if (tips.length === 0) continue;
  warned++;
  warnings += tips.length;
  for (const tip of tips) console.log(`${file}:${tip.line ?? '-'} ${tip.id}`);
}
console.log(`${files.length} programs, ${warned} with a warning, ${warnings} warnings`);
