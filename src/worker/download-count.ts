/**
 * Counting the bytes of the files a start or a package load fetches, for the page's progress bar (the wasm
 * alone is 9.6 MB on a first visit).
 */

/** The counting of one start's or one package load's downloads. */
export interface DownloadCount {
  /** Reports the bytes so far now. */
  report(): void;
  /** Stops counting: `fetch` is the one before again. */
  stop(): void;
}

/**
 * Counts the bytes of every response `fetch` gives from now on and hands the totals to `onProgress` at most
 * every 100 ms, and when a response has ended. Responses keep their status and headers, so streaming
 * compilation of the wasm still works.
 */
export function countDownloads(onProgress: (loaded: number, total: number) => void): DownloadCount {
  const original = globalThis.fetch;
  let loaded = 0;
  let total = 0;
  let last = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!force && now - last < 100) return;
    last = now;
    onProgress(loaded, Math.max(total, loaded));
  };
  globalThis.fetch = async (input: RequestInfo | URL, options?: RequestInit) => {
    const response = await original(input, options);
    if (!response.body) return response;
    total += Number(response.headers.get('content-length')) || 0;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          loaded += chunk.byteLength;
          report();
          controller.enqueue(chunk);
        },
        flush() {
          report(true);
        },
      }),
    );
    return new Response(counted, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return {
    report: () => report(true),
    stop() {
      globalThis.fetch = original;
    },
  };
}
