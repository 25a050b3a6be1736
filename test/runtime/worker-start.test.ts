import { expect, waitUntil } from '@open-wc/testing';
import { configure } from '../../src/runtime/config.js';
import { previewRuntimeConfig } from '../../src/runtime/runtime-config.js';
import { adoptEarlyWorker, createWorker, startWorkerEarly } from '../../src/runtime/worker-start.js';
import {
  startFromName,
  workerName,
  type FromWorker,
  type WorkerReady,
  type WorkerStart,
} from '../../src/runtime/protocol.js';

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
    // Named with its settings, it began loading Pyodide before the init message came.
    const { headStartMs } = (ready as { ready: WorkerReady }).ready;
    expect(headStartMs).to.be.a('number');
    expect(headStartMs).to.be.at.least(0);
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
    // The early worker, caught as it is made: its error event, heard after the runtime's own listener
    // (added first), tells that the runtime knows of the failure.
    const made: Worker[] = [];
    const PageWorker = window.Worker;
    window.Worker = class extends PageWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        made.push(this);
      }
    };
    try {
      startWorkerEarly();
    } finally {
      window.Worker = PageWorker;
    }
    expect(made, 'one worker started early').to.have.length(1);
    await new Promise((resolve) => made[0].addEventListener('error', resolve, { once: true }));
    expect(adoptEarlyWorker(previewRuntimeConfig())).to.equal(null);
  });
});

describe("the worker's name", () => {
  const start: WorkerStart = {
    indexURL: 'https://example.org/pyodide/',
    stackSwitching: false,
    lockFileURL: 'https://example.org/pyodide/pyodide-lock.json',
    packageIndexURL: 'https://example.org/packages/',
  };

  it('carries the start settings, and only them', () => {
    const name = workerName({ ...start, control: null } as WorkerStart);
    expect(name.startsWith('py-async-run {')).to.equal(true);
    expect(startFromName(name)).to.deep.equal(start);
  });

  it('is not taken for settings when it is any other name', () => {
    for (const name of [
      '',
      'py-async-run',
      'py-async-run {',
      'py-async-run {"indexURL": 1}',
      `other ${JSON.stringify(start)}`,
      `py-async-run ${JSON.stringify({ ...start, stackSwitching: 'yes' })}`,
      `py-async-run ${JSON.stringify({ indexURL: start.indexURL })}`,
    ])
      expect(startFromName(name), name).to.equal(null);
  });

  // Read now: tests above point workerURL at a missing script before this one runs.
  const config = previewRuntimeConfig();

  it('without settings in it, the worker starts Python when the init message comes', async () => {
    const worker = createWorker(config.workerURL, 'py-async-run');
    try {
      const ready = new Promise<WorkerReady>((resolve, reject) => {
        worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
          if (event.data.type === 'ready') resolve(event.data.ready);
          if (event.data.type === 'failed') reject(new Error(event.data.message));
        });
        worker.addEventListener('error', () => reject(new Error('the worker did not start')));
      });
      const { indexURL, stackSwitching, lockFileURL, packageIndexURL } = config;
      worker.postMessage({
        type: 'init',
        id: 7,
        init: { indexURL, stackSwitching, lockFileURL, packageIndexURL, control: null },
      });
      expect((await ready).headStartMs).to.equal(null);
    } finally {
      worker.terminate();
    }
  });
});
