/** See runtime-bytecode.js. */
export const PACKAGE_DIR: string;
export function compileRuntime(sourceDir?: string): Promise<{ name: string; bytes: Uint8Array }[]>;
