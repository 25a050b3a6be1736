/**
 * The file name of the runtime package's bytecode pack, beside the worker script. The build replaces this
 * module (vite.config.ts, `runtimeBytecode`); from the sources (the unit tests) there is none, and the worker
 * compiles the package itself.
 */
export const RUNTIME_BYTECODE: string | null = null;
