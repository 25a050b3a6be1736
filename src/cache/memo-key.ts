/**
 * The memo key of a transform: SHA-256 (crypto.subtle) of the transformer version, the options that change
 * its result and the code. Pages
 * served over plain http (not localhost) have no crypto.subtle; there a 64-bit FNV-1a pair stands in.
 * Either way an entry also stores its source and a hit is only taken when the source is equal, so a
 * collision can cost a transform, never a wrong result.
 */
export async function memoKey(
  source: string,
  version: number,
  options: Readonly<Record<string, boolean | number | string | undefined>> = {},
): Promise<string> {
  const settings = Object.entries(options)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => `${name}=${String(value)}`)
    .join(' ');
  const text = `py-async-run transform v${version} ${settings}\n${source}`;
  const sha256 = await sha256Hex(text);
  return sha256 ? `sha256-${sha256}` : `fnv-${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x01000193)}`;
}

/** SHA-256 of `text` in hex, or null where there is no crypto.subtle (plain http) or it fails. */
export async function sha256Hex(text: string): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  try {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
    let out = '';
    for (const byte of digest) out += byte.toString(16).padStart(2, '0');
    return out;
  } catch {
    return null;
  }
}

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
