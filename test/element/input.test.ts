import { expect } from '@open-wc/testing';
import { inputField } from '../helpers/element.js';
import { configureForTests, element, py } from './run-helpers.js';

configureForTests(true);

async function answer(el: HTMLElement, text: string) {
  const field: HTMLInputElement | null = await inputField(el);
  expect(field, 'an input field appears').to.not.equal(null);
  expect(el.shadowRoot!.activeElement).to.equal(field);
  field!.value = text;
  field!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
}

describe('input()', () => {
  it('asks in an inline field, prints the prompt, and the program goes on', async () => {
    const el = await element(py`
      import asyncio

      async def main():
          name = input("Name? ")
          await asyncio.sleep(0.01)
          print(f"Hello, {name}!")

      asyncio.run(main())
    `);
    const running = el.run();
    await answer(el, 'Ada');
    const result = await running;
    expect(result.stdout).to.equal('Name? Hello, Ada!\n');
    const output = el.shadowRoot!.querySelector('[part="output"]')!.textContent;
    expect(output).to.equal('Name? Ada\nHello, Ada!\n');
    expect(el.shadowRoot!.querySelector('[part="input-field"]')).to.equal(null);
  });

  it('serves sys.stdin.readline the same way', async () => {
    const el = await element('import sys\nline = sys.stdin.readline()\nprint(repr(line))\n');
    const running = el.run();
    await answer(el, 'typed');
    expect((await running).stdout).to.equal("'typed\\n'\n");
  });

  it('ends the input with EOFError on Ctrl+D', async () => {
    const el = await element('try:\n    input()\nexcept EOFError:\n    print("eof")\n');
    const running = el.run();
    (await inputField(el)).dispatchEvent(
      new KeyboardEvent('keydown', { key: 'd', ctrlKey: true, bubbles: true }),
    );
    expect((await running).stdout).to.equal('eof\n');
  });
});
