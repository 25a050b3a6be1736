import { resolve } from 'node:path';
import PyAsyncRunPlugin from 'py-async-run/webpack';

export default {
  mode: 'production',
  context: import.meta.dirname,
  entry: './main.js',
  output: { path: resolve(import.meta.dirname, 'dist') },
  // Pyodide's files are large by nature: webpack's size hints would warn about each one.
  performance: { hints: false },
  plugins: [new PyAsyncRunPlugin()],
};
