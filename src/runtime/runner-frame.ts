/**
 * The runner page's script (`runner.html` in `dist/`): in a frame on the runner origin, it starts the runtime
 * worker for its parent page and relays messages between the two (see runner-frame-host.ts). The worker runs
 * with this frame's origin and the settings beside this page (Pyodide, packages, the worker's script), not
 * the parent's: the runner decides where the code it runs comes from.
 *
 * It registers no service worker: in a frame of another site the browser partitions its storage by the top
 * site, so each embedding site would precache its own ~12 MB copy of Pyodide; the HTTP cache (partitioned
 * the same way) already serves a second visit.
 */
import { isRunnerConnect, toRunner, type FromRunner, type RunnerConnect } from './runner-frame-protocol.js';
import { runtimeConfig } from './runtime-config.js';
import { startRuntimeWorker } from './worker-start.js';

/** Starts a worker for one connection and relays on `port` until the page ends it. */
function relay(port: MessagePort, connect: RunnerConnect) {
  const config = { ...runtimeConfig(), stackSwitching: connect.stackSwitching };
  // No shared memory: the page cannot share it across origins, so the worker must not wait on it.
  const started = startRuntimeWorker(config, connect.initId, { shareMemory: false });
  const send = (message: FromRunner) => port.postMessage(message);
  started.listen(
    (data) => send({ kind: 'message', data }),
    (event) => send({ kind: 'error', message: event.message ?? '' }),
  );
  port.onmessage = (event: MessageEvent) => {
    const message = toRunner(event.data);
    if (message?.kind === 'message') started.worker.postMessage(message.data);
    else if (message?.kind === 'terminate') {
      started.worker.terminate();
      port.close();
    }
  };
}

if (window.parent !== window) {
  // Only the parent page may connect (any other window can post here too); whoever it is, the runner
  // serves it: that is what a runner origin is for, which is why it must hold nothing worth taking.
  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window.parent || !isRunnerConnect(event.data) || event.ports.length !== 1) return;
    relay(event.ports[0]!, event.data);
  });
  // '*': the hello tells nothing, and the frame does not know its parent's origin; the port comes back
  // only to this window.
  window.parent.postMessage({ type: 'py-async-run:runner-hello' }, '*');
}
