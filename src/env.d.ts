declare module '*.py?raw' {
  const source: string;
  export default source;
}
declare module '*?worker&url' {
  const url: string;
  export default url;
}

/** The build's version, set by vite.config.ts. */
declare const __PY_ASYNC_RUN_VERSION__: string;
