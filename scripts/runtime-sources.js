/**
 * The runtime package's Python files, as paths relative to its folder (`loop.py`, `net/memsocket.py`):
 * the package and its subpackages, as the worker writes them (RUNTIME_PACKAGE in src/worker/pyodide-start.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every `.py` file under `dir`, sorted, `__pycache__` left out. */
export function runtimeSources(dir, prefix = '') {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      if (entry.isDirectory())
        return entry.name === '__pycache__'
          ? []
          : runtimeSources(join(dir, entry.name), `${prefix}${entry.name}/`);
      return entry.name.endsWith('.py') ? [`${prefix}${entry.name}`] : [];
    })
    .sort();
}
