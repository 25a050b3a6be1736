/** The standard library split by a traced start (see stdlib-split.js). */
export function splitStdlib(packageDir: string): Promise<{
  startup: Uint8Array;
  lazy: Map<string, string>;
  used: string[];
  fullBytes: number;
}>;
