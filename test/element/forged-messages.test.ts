import { expect, fixture, html } from '@open-wc/testing';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { configureForTests } from './run-helpers.js';

configureForTests(true);

declare global {
  interface Window {
    forgedHandlerRan?: string;
  }
}

/**
 * Python that posts the page a message of the worker's protocol, for every run id a page is likely to have
 * issued (ids are small integers): the attack of issue #14. `build` is Python making `msg` (a JsProxy) from
 * `template`, an array holding a structured-clonable Lit template object whose `strings` carry `raw`.
 */
const forging = (build: string) =>
  [
    'import js',
    '',
    'template = js.JSON.parse(',
    `    r'{"_$litType$": 1, "strings": ["<img src=x onerror=\\"window.forgedHandlerRan = String(document.cookie)\\">"], "values": []}'`,
    ')',
    'template.strings.raw = template.strings',
    'forged = js.Array.of(template)',
    'for run_id in range(0, 60):',
    ...build.split('\n').map((line) => `    ${line}`),
    '    msg.id = run_id',
    '    js.postMessage(msg)',
    'print("real output")',
    '',
  ].join('\n');

const FORGED_OUTPUT = forging(`msg = js.JSON.parse('{"type": "output", "stream": "stdout"}')
msg.text = forged`);

const FORGED_TASK =
  forging(`msg = js.JSON.parse('{"type": "timeline", "events": [{"kind": "task", "row": 90, "t": 1, "coro": "x"}], "marks": []}')
msg.events[0].name = forged`);

const FORGED_OUTCOME = forging(
  `msg = js.JSON.parse('{"type": "timeline", "events": [{"kind": "task", "row": 91, "t": 1, "name": "n", "coro": "x"}, {"kind": "end", "row": 91, "t": 2, "outcome": "exploded", "name": "n", "error": null}], "marks": []}')`,
);

async function runElement(code: string, timeline = false) {
  const el = await fixture<PyAsyncRunElement>(
    timeline ? html`<py-async-run timeline></py-async-run>` : html`<py-async-run></py-async-run>`,
  );
  el.code = code;
  await el.updateComplete;
  const result = await el.run();
  await el.updateComplete;
  // An image's error event comes a task or two after the image is made.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { el, result };
}

describe('messages a program forges', () => {
  beforeEach(() => {
    delete window.forgedHandlerRan;
  });

  it('renders no template from a forged output message, and the run ends with its real output', async () => {
    const { el, result } = await runElement(FORGED_OUTPUT);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(window.forgedHandlerRan).to.equal(undefined);
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal('real output\n');
    expect(el.status).to.equal('done');
    expect(el.shadowRoot!.querySelector('[part="output"]')!.textContent).to.equal('real output\n');
  });

  it('renders no template from a forged task name on the timeline', async () => {
    const { el, result } = await runElement(FORGED_TASK, true);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect(window.forgedHandlerRan).to.equal(undefined);
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal('real output\n');
    expect(el.status).to.equal('done');
    expect(el.shadowRoot!.querySelector('[part="timeline"]')).to.not.equal(null);
  });

  it('ends its run, not stuck on Running…, after a forged unknown task outcome', async () => {
    const { el, result } = await runElement(FORGED_OUTCOME, true);
    expect(result.status).to.equal('ok');
    expect(el.status).to.equal('done');
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.match(/^Done in \d+ ms$/);
    expect(el.shadowRoot!.querySelector('[part="timeline"]')).to.not.equal(null);
  });
});
