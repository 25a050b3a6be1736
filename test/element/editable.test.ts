import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { until as untilWithin } from '../helpers/wait.js';
import { configureForTests } from './run-helpers.js';

configureForTests(true);

const until = (check: () => boolean, what: string) => untilWithin(check, what, 10_000);

async function editableElement(code: string) {
  const el = await fixture<PyAsyncRunElement>(html`<py-async-run editable></py-async-run>`);
  el.code = code;
  await el.updateComplete;
  // Nothing of the editor loads until the reader goes to edit.
  expect(el.shadowRoot!.querySelector('[part="editor"]')).to.equal(null);
  el.shadowRoot!.querySelector<HTMLElement>('[part="code"]')!.focus();
  await until(() => el.shadowRoot!.querySelector('[part="editor"] .cm-content') !== null, 'the editor shows');
  // The editor takes the focus from the code it replaced.
  await until(
    () => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('.cm-content'),
    'the editor has the focus',
  );
  return el;
}

const part = (el: PyAsyncRunElement, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`)!;
const content = (el: PyAsyncRunElement) => el.shadowRoot!.querySelector<HTMLElement>('.cm-content')!;

describe('editable', () => {
  it('loads the editor only for editable elements', async () => {
    const plain = await fixture<PyAsyncRunElement>(html`<py-async-run></py-async-run>`);
    plain.code = 'print(1)\n';
    await plain.updateComplete;
    expect(plain.shadowRoot!.querySelector('[part="editor"]')).to.equal(null);
    expect(plain.shadowRoot!.querySelector('[part="reset-button"]')).to.equal(null);
    const el = await editableElement('print(1)\n');
    expect(content(el).getAttribute('aria-label')).to.equal('Python code, editable');
    expect(content(el).querySelector('.tok-keyword, .tok-variableName')).to.not.equal(null);
  });

  it('runs what the reader typed, with Ctrl+Enter, and Reset brings the original back', async () => {
    const el = await editableElement('print("original")\n');
    const reset = part(el, 'reset-button') as HTMLButtonElement;
    expect(reset.disabled).to.equal(true);
    content(el).focus();
    await sendKeys({ press: 'Control+End' });
    await sendKeys({ type: 'print("typed")' });
    await el.updateComplete;
    expect(el.source).to.equal('print("original")\nprint("typed")');
    expect(reset.disabled).to.equal(false);
    const ended = new Promise<CustomEvent>((resolve) =>
      el.addEventListener('py-run-end', (event) => resolve(event), { once: true }),
    );
    await sendKeys({ press: 'Control+Enter' });
    const { detail } = await ended;
    expect(detail.result.stdout).to.equal('original\ntyped\n');
    // Ctrl+Enter ran the code; it did not add a line.
    expect(el.source).to.equal('print("original")\nprint("typed")');

    reset.click();
    await el.updateComplete;
    expect(el.source).to.equal('print("original")\n');
    expect(content(el).textContent).to.equal('print("original")');
    expect((await el.run()).stdout).to.equal('original\n');
  });

  it('Tab indents inside the editor; Escape then Tab leaves it (no keyboard trap)', async () => {
    const el = await editableElement('x = 1\n');
    content(el).focus();
    await sendKeys({ press: 'Home' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(el.source).to.equal('    x = 1\n');
    expect(el.shadowRoot!.activeElement).to.equal(content(el));
    await sendKeys({ press: 'Escape' });
    await sendKeys({ press: 'Tab' });
    expect(el.source).to.equal('    x = 1\n');
    expect(el.shadowRoot!.activeElement).to.not.equal(content(el));
  });

  it('keeps the edits and the editor when the element moves in the page', async () => {
    const el = await editableElement('x = 1\n');
    content(el).focus();
    await sendKeys({ press: 'End' });
    await sendKeys({ type: '  # moved' });
    const box = document.createElement('section');
    document.body.append(box);
    box.append(el);
    await until(
      () => el.shadowRoot!.querySelector('.cm-content')?.textContent === 'x = 1  # moved',
      'the line moved',
    );
    expect(el.source).to.equal('x = 1  # moved\n');
    box.remove();
  });

  it('Copy puts the code, with the edits, on the clipboard', async () => {
    const el = await editableElement('print(1)\n');
    let copied = '';
    const clipboard = navigator.clipboard;
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: async (text: string) => void (copied = text) },
    });
    try {
      part(el, 'copy-button').click();
      await until(() => copied !== '', 'the code was copied');
      expect(copied).to.equal('print(1)\n');
      await el.updateComplete;
      expect(part(el, 'copy-button').textContent!.trim()).to.equal('Copied');
    } finally {
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: clipboard });
    }
  });
});
