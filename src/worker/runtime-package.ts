/**
 * Where the runtime's Python package lives in Pyodide's file system. Written there by the worker
 * (pyodide-start.ts) and compiled for that place by the build (scripts/runtime-bytecode.js): each .pyc names
 * its source's path, which tracebacks show and the package's errors.py strips from them.
 */

/** The package's import name. */
export const PACKAGE_NAME = 'py_async_run';

/** The folder put on `sys.path`, holding only the package. */
export const PACKAGE_ROOT = `/lib/${PACKAGE_NAME}`;

/** The package's own folder: its modules and their `__pycache__`. */
export const PACKAGE_DIR = `${PACKAGE_ROOT}/${PACKAGE_NAME}`;

/**
 * Python run once at start-up (and captured in the snapshot): the runtime module and what it imports. The build
 * traces what it imports into the start-up standard library (scripts/stdlib-split.js), so this module stays free
 * of imports: the script loads it on its own.
 */
export const INIT_CODE = [
  'import sys',
  `sys.path.insert(0, '${PACKAGE_ROOT}')`,
  `import ${PACKAGE_NAME}, asyncio, traceback, linecache, inspect, dataclasses`,
].join('\n');
