/** See runtime-bytecode.js. */
export function compileRuntime(
  packageDir: string,
  sourceDir?: string,
): Promise<{ name: string; bytes: Uint8Array }[]>;
