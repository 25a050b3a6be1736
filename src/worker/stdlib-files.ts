/**
 * The split standard library beside the worker script (scripts/stdlib-split.js): the start-up zip and the
 * folder of the modules fetched on first import. Replaced at build time (vite.config.ts); null here, in an
 * unbuilt worker (unit tests), which mounts Pyodide's full stdlib as Pyodide does by itself.
 */
export const STDLIB_FILES: { startup: string; lazy: string } | null = null;
