import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { statusText } from '../helpers/element.js';
import { nextTask, until } from '../helpers/wait.js';
import { configureForTests } from './run-helpers.js';

configureForTests(true);

const fileURL = (text: string, type: string) => URL.createObjectURL(new Blob([text], { type }));

describe('src', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => (globalThis.fetch = realFetch));

  it('ends with the latest src, even when the earlier one answers last', async () => {
    const slow = fileURL('print("first")\n', 'text/x-python');
    const fast = fileURL('print("second")\n', 'text/x-python');
    let answerSlow = () => {};
    const slowMayAnswer = new Promise<void>((resolve) => (answerSlow = resolve));
    let slowRead = false;
    // The slow file's answer comes after the fast one is shown, and ignores an abort: as a server that
    // answers anyway. Its body being read tells when the element has it.
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      const response = await realFetch(String(input));
      if (String(input) !== slow) return response;
      await slowMayAnswer;
      const text = response.text.bind(response);
      response.text = async () => {
        const body = await text();
        slowRead = true;
        return body;
      };
      return response;
    }) as typeof fetch;
    const el = await fixture<PyAsyncRunElement>(html`<py-async-run src=${slow}></py-async-run>`);
    el.src = fast;
    await until(() => el.source === 'print("second")\n', 'the fast file is shown', 10_000);
    answerSlow();
    await until(() => slowRead, 'the slow file never answered', 10_000);
    await nextTask(); // what the element does with the late answer, it does in promise callbacks
    expect(el.source).to.equal('print("second")\n');
    expect((await el.run()).stdout).to.equal('second\n');
  });

  const failures: [string, () => string, RegExp][] = [
    ['a 404', () => '/no/such/program.py', /Could not load \/no\/such\/program\.py: .*404/],
    ['an HTML page', () => fileURL('<!DOCTYPE html><p>Not found</p>', 'text/html'), /not Python code/],
    [
      'a network error',
      () => 'http://127.0.0.1:9/program.py',
      /Could not load http:\/\/127\.0\.0\.1:9\/program\.py: /,
    ],
  ];
  for (const [what, url, message] of failures) {
    it(`shows ${what} as an error in the element, and Run does not run an empty program`, async () => {
      const el = await fixture<PyAsyncRunElement>(html`<py-async-run src=${url()}></py-async-run>`);
      await waitUntil(() => el.status === 'error', 'the failure was never shown', { timeout: 10_000 });
      expect(statusText(el)).to.match(message);
      const result = await el.run();
      expect(result.status).to.equal('error');
      expect(result.error!.message).to.match(message);
      expect(el.status).to.equal('error');
      await el.updateComplete;
      expect(statusText(el)).to.match(message);
    });
  }
});
