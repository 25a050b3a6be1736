declare module '*?worker&url' {
  const url: string;
  export default url;
}

/** The build's version, set by vite.config.ts. */
declare const __PY_ASYNC_RUN_VERSION__: string;

/** Vite's import.meta.glob, in the one form the worker uses (see RUNTIME_PACKAGE in pyodide-start.ts). */
interface ImportMeta {
  glob<T>(pattern: string, options: { query: '?raw'; import: 'default'; eager: true }): Record<string, T>;
}
