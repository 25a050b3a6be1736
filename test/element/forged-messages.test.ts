import { expect, fixture, html } from '@open-wc/testing';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { outputText } from '../helpers/element.js';
import { imageSettled, until } from '../helpers/wait.js';
import { configureForTests } from './run-helpers.js';

declare global {
  interface Window {
    forgedHandlerRan?: string;
  }
}

// The runtime worker, as the page created it: the tests below speak in its name, as a worker whose program
// got hold of postMessage would.
const workers: Worker[] = [];
const PageWorker = window.Worker;
window.Worker = class extends PageWorker {
  constructor(url: string | URL, options?: WorkerOptions) {
    super(url, options);
    workers.push(this);
  }
};

configureForTests(true);

/** The forged Lit template of issue #14: an array holding `{_$litType$, strings (with raw), values}`. */
function forgedTemplate(): unknown[] {
  const strings = ['<img src=x onerror="window.forgedHandlerRan = String(document.cookie)">'];
  return [{ _$litType$: 1, strings: Object.assign(strings, { raw: strings }), values: [] }];
}

/** Python that posts the page the forged output message for every run id a page is likely to have issued. */
const FORGING_PROGRAM = [
  'import js',
  '',
  'template = js.JSON.parse(',
  `    r'{"_$litType$": 1, "strings": ["<img src=x onerror=\\"window.forgedHandlerRan = String(document.cookie)\\">"], "values": []}'`,
  ')',
  'template.strings.raw = template.strings',
  'forged = js.Array.of(template)',
  'for run_id in range(0, 60):',
  '    msg = js.JSON.parse(\'{"type": "output", "stream": "stdout"}\')',
  '    msg.text = forged',
  '    msg.id = run_id',
  '    js.postMessage(msg)',
  'print("real output")',
  '',
].join('\n');

/** A program that leaves the page a moment to receive forged messages while it runs. */
const WAITING_PROGRAM =
  'import time\nprint("forge now", flush=True)\ntime.sleep(1.5)\nprint("real output")\n';

async function runElement(code: string, timeline = false) {
  const el = await fixture<PyAsyncRunElement>(
    timeline ? html`<py-async-run timeline></py-async-run>` : html`<py-async-run></py-async-run>`,
  );
  el.code = code;
  await el.updateComplete;
  return el;
}

/** Runs WAITING_PROGRAM and, while it runs, delivers `forged` (for run ids 0 to 59) as the worker's messages. */
async function runWithForgedMessages(forged: (id: number) => unknown, timeline = false) {
  const el = await runElement(WAITING_PROGRAM, timeline);
  const running = el.run();
  await until(() => outputText(el).includes('forge now'), 'the program did not start', 90_000);
  const worker = workers.at(-1)!;
  for (let id = 0; id < 60; id++) worker.dispatchEvent(new MessageEvent('message', { data: forged(id) }));
  const result = await running;
  await el.updateComplete;
  // An image's error event comes a task or two after the image is made: a forged one has failed by now.
  await imageSettled('x');
  return { el, result };
}

describe('messages a program forges', () => {
  beforeEach(() => {
    delete window.forgedHandlerRan;
  });

  it('cannot post the page a message: the exact forged message of issue #14 never leaves the worker', async () => {
    const el = await runElement(FORGING_PROGRAM);
    const result = await el.run();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(result.status).to.equal('error');
    expect(result.error?.line).to.equal(12); // js.postMessage(msg)
    expect(result.stdout).to.equal('');
    expect(el.shadowRoot!.querySelector('[part="output"] img')).to.equal(null);
    expect(window.forgedHandlerRan).to.equal(undefined);
  });

  it('renders no template from a forged output message, and the run ends with its real output', async () => {
    const { el, result } = await runWithForgedMessages((id) => ({
      type: 'output',
      id,
      stream: 'stdout',
      text: forgedTemplate(),
    }));
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(window.forgedHandlerRan).to.equal(undefined);
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal('forge now\nreal output\n');
    expect(el.status).to.equal('done');
    expect(el.shadowRoot!.querySelector('[part="output"]')!.textContent).to.equal('forge now\nreal output\n');
  });

  it('renders no template from a forged task name on the timeline', async () => {
    const { el, result } = await runWithForgedMessages(
      (id) => ({
        type: 'timeline',
        id,
        events: [{ kind: 'task', row: 90, t: 1, coro: 'x', name: forgedTemplate() }],
        marks: [],
      }),
      true,
    );
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(window.forgedHandlerRan).to.equal(undefined);
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal('forge now\nreal output\n');
    expect(el.status).to.equal('done');
    expect(el.shadowRoot!.querySelector('[part="timeline"]')).to.not.equal(null);
  });

  it('ends its run, not stuck on Running…, after a forged unknown task outcome', async () => {
    const { el, result } = await runWithForgedMessages(
      (id) => ({
        type: 'timeline',
        id,
        events: [
          { kind: 'task', row: 91, t: 1, name: 'n', coro: 'x' },
          { kind: 'end', row: 91, t: 2, outcome: 'exploded', name: 'n', error: null },
        ],
        marks: [],
      }),
      true,
    );
    expect(result.status).to.equal('ok');
    expect(el.status).to.equal('done');
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.match(/^Done in \d+ ms$/);
    expect(el.shadowRoot!.querySelector('[part="timeline"]')).to.not.equal(null);
  });
});
