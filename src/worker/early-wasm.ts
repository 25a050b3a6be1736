/// <reference lib="webworker" />
/**
 * Pyodide's wasm (9.6 MB), compiled from the moment the runtime worker starts. Pyodide fetches it early but
 * compiles it only once its loader, pyodide.asm.mjs (1.2 MB of JavaScript), has loaded and run, one after the
 * other; here the two overlap, which takes ~30–60 ms off a first start on a 2-core machine.
 *
 * Pyodide still asks for the wasm its usual way: its fetch of that URL gets a stand-in response, and
 * `WebAssembly.instantiateStreaming` of the stand-in instantiates the module compiled here (a module can be
 * instantiated again: a snapshot that fails to load is followed by a normal start). Only that URL and that
 * stand-in are touched, and only until `restore()`; a module that cannot be compiled is a clear error
 * (`failed`) instead of Pyodide waiting forever for an instance.
 */
export interface EarlyWasm {
  /** Rejects with the reason when the wasm cannot be compiled; never resolves. */
  readonly failed: Promise<never>;
  /** Puts `fetch` and `WebAssembly.instantiateStreaming` back. */
  restore(): void;
}

export function compileWasmEarly(wasmURL: string): EarlyWasm {
  const fetchBefore = globalThis.fetch;
  const instantiateBefore = WebAssembly.instantiateStreaming;
  const compiled = WebAssembly.compileStreaming(fetchBefore(wasmURL)).catch(
    async (streamingError: unknown) => {
      // Streaming needs the application/wasm type: a server that sends another gets the plain way.
      const response = await fetchBefore(wasmURL);
      if (!response.ok) throw new Error(`${wasmURL}: HTTP ${response.status}`, { cause: streamingError });
      return WebAssembly.compile(await response.arrayBuffer());
    },
  );
  const failed = compiled.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => {
      throw new Error(
        `its WebAssembly could not be compiled (${error instanceof Error ? error.message : String(error)})`,
        { cause: error },
      );
    },
  );
  failed.catch(() => undefined); // raced against the start by the caller
  const standIns = new WeakSet<Response>();
  globalThis.fetch = (input: RequestInfo | URL, options?: RequestInit) => {
    const url = input instanceof Request ? input.url : new URL(String(input), location.href).href;
    if (url !== wasmURL) return fetchBefore(input, options);
    const standIn = new Response(null, { headers: { 'content-type': 'application/wasm' } });
    standIns.add(standIn);
    return Promise.resolve(standIn);
  };
  WebAssembly.instantiateStreaming = async (source, imports) => {
    const response = await source;
    if (!standIns.has(response)) return instantiateBefore(response, imports);
    const module = await compiled;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  return {
    failed,
    restore() {
      globalThis.fetch = fetchBefore;
      WebAssembly.instantiateStreaming = instantiateBefore;
    },
  };
}
