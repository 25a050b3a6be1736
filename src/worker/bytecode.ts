/**
 * The runtime package's bytecode pack (see scripts/runtime-bytecode.js): fetched while Pyodide loads on a
 * first visit, written into the package's `__pycache__` before its first import.
 */

/** One compiled module: its file name in `__pycache__` (a subpackage's prefixed `net/`) and its bytes. */
export interface BytecodeFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Packs files into one buffer (at build time): the 4-byte little-endian length of a JSON header
 * `[[name, byteLength], ...]`, the header, then the files' bytes in that order.
 */
export function packBytecode(files: readonly BytecodeFile[]): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify(files.map(({ name, bytes }) => [name, bytes.length])),
  );
  const pack = new Uint8Array(4 + header.length + files.reduce((sum, { bytes }) => sum + bytes.length, 0));
  new DataView(pack.buffer).setUint32(0, header.length, true);
  pack.set(header, 4);
  let at = 4 + header.length;
  for (const { bytes } of files) {
    pack.set(bytes, at);
    at += bytes.length;
  }
  return pack;
}

/** The files of a pack (see packBytecode); throws on a pack that is not one. */
export function unpackBytecode(pack: Uint8Array): BytecodeFile[] {
  if (pack.length < 4) throw new Error('the bytecode pack is truncated');
  const headerLength = new DataView(pack.buffer, pack.byteOffset, pack.byteLength).getUint32(0, true);
  const header: unknown = JSON.parse(new TextDecoder().decode(pack.subarray(4, 4 + headerLength)));
  if (!Array.isArray(header)) throw new Error('the bytecode pack has no file list');
  const files: BytecodeFile[] = [];
  let at = 4 + headerLength;
  for (const entry of header as unknown[]) {
    const [name, size] = Array.isArray(entry) ? (entry as unknown[]) : [];
    if (typeof name !== 'string' || !/^(?:\w+\/)?[\w.-]+\.pyc$/.test(name) || typeof size !== 'number') {
      throw new Error('the bytecode pack lists a file it should not');
    }
    if (at + size > pack.length) throw new Error('the bytecode pack is truncated');
    files.push({ name, bytes: pack.subarray(at, at + size) });
    at += size;
  }
  return files;
}

/**
 * The pack at `url`, or null when it cannot be had (offline outside the service worker, a partial upload,
 * a damaged file): the package is then compiled from its sources, as it is without a pack.
 */
export async function fetchBytecode(url: URL): Promise<BytecodeFile[] | null> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    return null; // offline, outside the service worker's cache: nothing to say
  }
  try {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return unpackBytecode(new Uint8Array(await response.arrayBuffer()));
  } catch (error) {
    console.warn(
      `py-async-run: the runtime's bytecode (${url.href}) could not be used, so Python compiles it (a start ` +
        '~15 ms slower). Upload every file of dist/assets/ together.',
      error,
    );
    return null;
  }
}
