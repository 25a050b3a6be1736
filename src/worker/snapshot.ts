/**
 * Memory snapshots of the started interpreter, so later visits skip Python's start-up: bare Pyodide takes
 * over a second to start even with every byte cached (it runs the interpreter's initialisation), while
 * restoring a snapshot takes a fraction of that. Measured here: a ~31 MB snapshot made in ~20 ms, loaded
 * in ~0.2 s against ~2.4 s for a normal start (see BENCHMARKS.md for page-level numbers).
 *
 * Stored in Cache Storage under a key made of the Pyodide version, the worker's init code and the mode
 * (stack switching or not): any change makes a new key, and a snapshot that fails to load is deleted and
 * the runtime starts the normal way. Pyodide's snapshot API is experimental (`_makeSnapshot`,
 * `_loadSnapshot`), hence the care.
 *
 * Any script of the origin can write Cache Storage, so a snapshot is stored with metadata (the build that
 * made it and its length) and one that does not match this build is never handed to Pyodide: it is
 * dropped as a damaged one is. No digest: SHA-256 of the ~31 MB costs ~160-270 ms here, as much as the
 * whole warm start, and one stored beside the bytes proves nothing against a writer who can store both.
 */
import { sha256Hex } from '../cache/memo-key.js';

const CACHE_NAME = 'py-async-run-snapshots-v1';
// Kept when this module loads: the worker takes Cache Storage away from programs before they run
// (see worker-sandbox.ts), and the snapshot is stored after the first run.
const cacheStorage: CacheStorage | null = typeof caches === 'undefined' ? null : caches;

/**
 * The build a snapshot was made by, stored with it: the version define (vite.config.ts) names the bundle
 * and the worker; the key already holds Pyodide's version and a hash of the runtime's Python code.
 */
const SNAPSHOT_BUILD = typeof __PY_ASYNC_RUN_VERSION__ === 'string' ? __PY_ASYNC_RUN_VERSION__ : 'dev';
/** The headers that carry a snapshot's metadata in Cache Storage. */
const BUILD_HEADER = 'x-py-async-run-build';
const LENGTH_HEADER = 'x-py-async-run-bytes';
let opened: Promise<Cache | null> | null = null;

/** Opens the snapshots' cache, once; null without Cache Storage. */
function openSnapshotCache(): Promise<Cache | null> {
  opened ??= cacheStorage === null ? Promise.resolve(null) : cacheStorage.open(CACHE_NAME).catch(() => null);
  return opened;
}

let listed: Promise<Set<string>> | null = null;

/**
 * The keys of the stored snapshots, looked up once. Called while Pyodide's loader is fetched: opening Cache
 * Storage takes ~20 ms on a first visit, and then knowing there is no snapshot costs the start nothing.
 */
export function storedSnapshots(): Promise<Set<string>> {
  // On a first visit there is no cache yet: asking whether it exists does not create it (open would).
  listed ??= (cacheStorage === null ? Promise.resolve(false) : cacheStorage.has(CACHE_NAME))
    .then((exists) => (exists ? openSnapshotCache() : null))
    .then(async (cache) => new Set((await cache?.keys())?.map((request) => request.url)))
    .catch(() => new Set<string>());
  return listed;
}

/** A short SHA-256 of the runtime's init code (for the key), computed while Pyodide's loader is fetched. */
export async function initCodeHash(initCode: string): Promise<string | null> {
  return (await sha256Hex(initCode))?.slice(0, 16) ?? null;
}

/** The Cache Storage request URL of the snapshot for this version, init code and mode. */
export function snapshotKey(
  pyodideVersion: string,
  initHash: string | null,
  stackSwitching: boolean,
): string | null {
  if (!initHash) return null;
  return new URL(
    `/__py-async-run__/snapshot/${pyodideVersion}/${initHash}/${stackSwitching ? 'jspi' : 'plain'}`,
    location.origin,
  ).href;
}

/**
 * The stored snapshot, or null (none, no Cache Storage, or any error). One whose metadata does not say this
 * build made it, or whose length is not the stored one, is dropped (said once) and never loaded.
 */
export async function loadSnapshot(key: string | null): Promise<Uint8Array | null> {
  if (!key || !(await storedSnapshots()).has(key)) return null;
  try {
    const response = await (await openSnapshotCache())?.match(key);
    if (!response) return null;
    const length = Number(response.headers.get(LENGTH_HEADER));
    if (response.headers.get(BUILD_HEADER) === SNAPSHOT_BUILD && length > 0) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes.byteLength === length) return bytes;
    }
    console.warn(
      'py-async-run: the start-up snapshot did not load (not made by this build, or damaged); ' +
        'starting the normal way.',
    );
    await dropSnapshot(key);
    return null;
  } catch {
    return null;
  }
}

/** Stores a snapshot in the background; returns whether it was stored. Never throws. */
export async function storeSnapshot(key: string | null, snapshot: Uint8Array): Promise<boolean> {
  if (!key || cacheStorage === null) return false;
  try {
    const cache = await openSnapshotCache();
    if (!cache) throw new Error('Cache Storage could not be opened');
    // Older snapshots (another version or init code) are dead weight of ~30 MB each.
    for (const request of await cache.keys()) if (request.url !== key) await cache.delete(request);
    await cache.put(
      key,
      new Response(snapshot as BlobPart, {
        headers: {
          'content-type': 'application/octet-stream',
          [BUILD_HEADER]: SNAPSHOT_BUILD,
          [LENGTH_HEADER]: String(snapshot.byteLength),
        },
      }),
    );
    return true;
  } catch (error) {
    console.warn(
      'py-async-run: the start-up snapshot could not be stored; later visits start the normal way.',
      error,
    );
    return false;
  }
}

/** Forgets a snapshot that failed to load. */
export async function dropSnapshot(key: string | null): Promise<void> {
  if (!key) return;
  await (await openSnapshotCache())?.delete(key).catch(() => undefined);
}
