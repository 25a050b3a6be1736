/** Reads the test programs (see README.md here) from disk, for the dev server and the engine suite. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Every program: `{ name, code, stdout, error?, stderrContains?, modes? }`, sorted by name. */
export function readPrograms(dir = here) {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.py'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -3);
      const meta = existsSync(join(dir, `${name}.json`))
        ? JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'))
        : {};
      return {
        name,
        code: readFileSync(join(dir, file), 'utf8'),
        stdout: readFileSync(join(dir, `${name}.out`), 'utf8'),
        ...meta,
      };
    });
}
