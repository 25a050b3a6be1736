/**
 * When Python's memory should be given back. Pyodide's heap (wasm memory) grows as a program allocates and
 * never shrinks: after one run made 2 GB of bytearrays, the page would hold 2 GB for as long as it is open,
 * and a later run could fail to allocate at all (wasm32 stops at 4 GB). Replacing the runtime is the only
 * way to give that memory back; it costs a start (~0.2 s from the snapshot) and every session's namespace,
 * whose cells then run again (see RuntimeClient.runtimeEpoch).
 */

/**
 * 1 GiB: Pyodide starts with ~30 MB and ordinary programs (numpy, pandas on a modest table) stay well under
 * 500 MB, so only a run that really used a lot pays for a new runtime, while a phone still gets its memory
 * back long before the tab is killed.
 */
export const HEAP_LIMIT_BYTES = 1024 ** 3;

/** A runtime that started bigger than this fraction of the limit (a huge snapshot) is judged by its growth. */
const GROWTH_FACTOR = 4;

/**
 * Whether the runtime should be replaced after a run that left its heap at `heapBytes`: above `limit` and
 * above four times what it was once started (`startBytes`). Unknown sizes never replace anything.
 */
export function heapOutgrown(
  startBytes: number | undefined,
  heapBytes: number | undefined,
  limit: number = HEAP_LIMIT_BYTES,
): boolean {
  if (heapBytes === undefined) return false;
  return heapBytes > limit && heapBytes > GROWTH_FACTOR * (startBytes ?? 0);
}
