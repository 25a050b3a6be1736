/**
 * Reads the shared corpus (../shared/corpus beside the checkout) when it is there: each case with the
 * expectation `judge()` understands. Returns [] when the folder is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const corpusDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/cases');

export function readCorpus(dir = corpusDir) {
  if (!existsSync(dir)) return [];
  const read = (file) => (existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8') : undefined);
  return readdirSync(dir)
    .filter((file) => file.endsWith('.py'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -3);
      const errorJson = read(`${name}.error.json`);
      const error = errorJson ? JSON.parse(errorJson) : null;
      const pattern = read(`${name}.expected-re`);
      return {
        name,
        code: read(file),
        stdout: read(`${name}.expected`),
        ...(pattern !== undefined ? { stdoutPattern: pattern.replace(/\n$/, '') } : {}),
        ...(error ? { error: { summary: error.exception, line: error.lineno } } : {}),
      };
    });
}
