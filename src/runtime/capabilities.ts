/**
 * What this browser can do for the runtime, checked in one place for the page and the worker alike: stack
 * switching (JSPI), which lets Python wait on JavaScript inside a call, and shared memory, which lets the page
 * stop a run and answer input() without ending the worker.
 */

/** The WebAssembly namespace with the JSPI names an engine may lack. */
const wasm = () => WebAssembly as unknown as Record<string, unknown>;

/**
 * Whether this engine has WebAssembly stack switching (JSPI): Chromium and Firefox do, WebKit does not. Read
 * again each time: `hideStackSwitching` takes it away.
 */
export function stackSwitchingSupported(): boolean {
  return typeof wasm().Suspending === 'function';
}

/**
 * Makes this realm look like an engine without stack switching, before Pyodide loads (it feature-detects
 * JSPI then): `configure({ stackSwitching: false })` runs what Safari runs, in Chromium too.
 */
export function hideStackSwitching(): void {
  delete wasm().Suspending;
  delete wasm().promising;
}

/**
 * Whether SharedArrayBuffer can be made here. Tested on the constructor itself: WebKitGTK reports
 * `crossOriginIsolated` while it has none.
 */
export function sharedMemorySupported(): boolean {
  return typeof SharedArrayBuffer === 'function';
}

/**
 * Whether this page may share memory with its worker: it is cross-origin isolated (COOP and COEP) and has
 * SharedArrayBuffer. Only then can a run be stopped, or input() answered, while Python blocks.
 */
export function sharedMemoryIsolated(): boolean {
  return Boolean(globalThis.crossOriginIsolated) && sharedMemorySupported();
}
