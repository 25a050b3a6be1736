import { expect } from '@open-wc/testing';
import { compileWasmEarly } from '../../src/worker/early-wasm.js';

/** A module whose one function, `answer`, returns 42 (written by hand: header, type, function, export, code). */
const ANSWER = new Uint8Array([
  ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
  ...[0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f],
  ...[0x03, 0x02, 0x01, 0x00],
  ...[0x07, 0x0a, 0x01, 0x06, ...new TextEncoder().encode('answer'), 0x00, 0x00],
  ...[0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x2a, 0x0b],
]);

const served = (bytes: Uint8Array, type = 'application/wasm') =>
  URL.createObjectURL(new Blob([bytes as BlobPart], { type }));

/** Counts the fetches that reach the network (the fetch in place before compileWasmEarly). */
function countFetches() {
  const original = globalThis.fetch;
  const urls: string[] = [];
  globalThis.fetch = (input: RequestInfo | URL, options?: RequestInit) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return original(input, options);
  };
  return { urls, restore: () => (globalThis.fetch = original) };
}

describe('compileWasmEarly', () => {
  const originalFetch = globalThis.fetch;
  const originalInstantiate = WebAssembly.instantiateStreaming;
  afterEach(() => {
    globalThis.fetch = originalFetch;
    WebAssembly.instantiateStreaming = originalInstantiate;
  });

  it('fetches the wasm once and instantiates the module it compiled for the later fetch of that URL', async () => {
    const url = served(ANSWER);
    const network = countFetches();
    const early = compileWasmEarly(url);
    try {
      const response = await fetch(url);
      expect(await response.clone().arrayBuffer()).to.have.property('byteLength', 0); // a stand-in
      const { instance, module } = await WebAssembly.instantiateStreaming(response, {});
      expect((instance.exports.answer as () => number)()).to.equal(42);
      expect(WebAssembly.Module.exports(module).map((e) => e.name)).to.deep.equal(['answer']);
      // Instantiated again (a snapshot that failed, then a normal start): still no second download.
      const again = await WebAssembly.instantiateStreaming(fetch(url), {});
      expect((again.instance.exports.answer as () => number)()).to.equal(42);
      expect(network.urls).to.deep.equal([url]);
    } finally {
      early.restore();
      network.restore();
    }
  });

  it('leaves other URLs and other modules alone, and restore() puts both functions back', async () => {
    const url = served(ANSWER);
    const other = served(ANSWER);
    const before = { fetch: globalThis.fetch, instantiate: WebAssembly.instantiateStreaming };
    const early = compileWasmEarly(url);
    expect(globalThis.fetch).not.to.equal(before.fetch);
    const response = await fetch(other);
    expect((await response.clone().arrayBuffer()).byteLength).to.equal(ANSWER.byteLength);
    const { instance } = await WebAssembly.instantiateStreaming(response, {});
    expect((instance.exports.answer as () => number)()).to.equal(42);
    early.restore();
    expect(globalThis.fetch).to.equal(before.fetch);
    expect(WebAssembly.instantiateStreaming).to.equal(before.instantiate);
  });

  it('compiles a wasm served with another content type the plain way', async () => {
    const url = served(ANSWER, 'application/octet-stream');
    const early = compileWasmEarly(url);
    try {
      const { instance } = await WebAssembly.instantiateStreaming(fetch(url), {});
      expect((instance.exports.answer as () => number)()).to.equal(42);
    } finally {
      early.restore();
    }
  });

  it('says why when the wasm cannot be compiled: a broken file, a missing one', async () => {
    const broken = served(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x99]));
    const missing = new URL('/missing/pyodide.asm.wasm', location.href).href;
    for (const [url, cause] of [
      [broken, (e: unknown) => e instanceof WebAssembly.CompileError],
      [missing, (e: unknown) => e instanceof Error && /HTTP 404/.test(e.message)],
    ] as const) {
      const early = compileWasmEarly(url);
      try {
        const error = await early.failed.then(
          () => null,
          (e: Error) => e,
        );
        expect(error?.message).to.match(/^its WebAssembly could not be compiled \(.+\)$/);
        expect(cause(error?.cause), String(error?.cause)).to.equal(true);
      } finally {
        early.restore();
      }
    }
  });
});
