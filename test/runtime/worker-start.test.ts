import { expect, waitUntil } from '@open-wc/testing';
import { configure } from '../../src/runtime/config.js';
import { previewRuntimeConfig } from '../../src/runtime/runtime-config.js';
import { adoptEarlyWorker, startWorkerEarly } from '../../src/runtime/worker-start.js';
import type { FromWorker } from '../../src/runtime/protocol.js';

// Nothing here calls runtimeConfig(), which would freeze the settings: configure() keeps working.
configure({ indexURL: '/node_modules/pyodide/', serviceWorker: false });

describe('the runtime worker started early', () => {
  it('is adopted with its settings, and what it said before anyone listened comes first', async () => {
    startWorkerEarly();
    startWorkerEarly(); // a second call keeps the one worker
    const started = adoptEarlyWorker(previewRuntimeConfig());
    expect(started).to.not.equal(null);
    expect(adoptEarlyWorker(previewRuntimeConfig()), 'adopted once').to.equal(null);
    let readyBeforeListening = false;
    started!.worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      if (event.data.type === 'ready') readyBeforeListening = true;
    });
    await waitUntil(() => readyBeforeListening, 'the runtime starts', { timeout: 60_000 });
    const heard: FromWorker[] = [];
    started!.listen(
      (message) => heard.push(message),
      () => undefined,
    );
    const ready = heard.find((message) => message.type === 'ready');
    expect(ready?.id).to.equal(started!.initId);
    expect(heard.filter((message) => message.type === 'progress').length).to.be.greaterThan(0);
    expect(heard.at(-1)).to.equal(ready); // in the order sent: progress, then ready
    started!.worker.terminate();
  });

  it('is ended, not adopted, when configure() changed its settings before the runtime started', () => {
    startWorkerEarly();
    configure({ stackSwitching: false });
    expect(adoptEarlyWorker(previewRuntimeConfig())).to.equal(null);
    startWorkerEarly();
    const started = adoptEarlyWorker(previewRuntimeConfig());
    expect(started?.init.stackSwitching).to.equal(false);
    started?.worker.terminate();
  });

  it('holds the failure of a script that did not load until someone listens', async () => {
    configure({ workerURL: '/missing/worker.js' });
    startWorkerEarly();
    const started = adoptEarlyWorker(previewRuntimeConfig())!;
    await waitUntil(() => started.failed, 'the script fails to load');
    const errors: Event[] = [];
    started.listen(
      () => undefined,
      (event) => errors.push(event),
    );
    expect(errors.map((event) => event.type)).to.deep.equal(['error']);
  });

  it('is not adopted once it failed: the client starts a worker of its own', async () => {
    configure({ workerURL: '/missing/worker.js' });
    startWorkerEarly();
    // Another worker from the same missing script tells when such a failure has arrived.
    const probe = new Worker('/missing/worker.js', { type: 'module' });
    await new Promise((resolve) => probe.addEventListener('error', resolve, { once: true }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(adoptEarlyWorker(previewRuntimeConfig())).to.equal(null);
  });
});
