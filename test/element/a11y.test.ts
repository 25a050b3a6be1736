import { expect, waitUntil } from '@open-wc/testing';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { axeCheck, describeViolations, shadowPasses } from './axe.js';
import { configureForTests, element, py } from './run-helpers.js';

configureForTests(true);

// Every highlighted token kind (comment, keyword, definition, string, number, bool, None), so their colours
// are checked for contrast on the code background.
const GREETER = py`
  import asyncio

  # Greets twice, with a short wait.
  async def main(name="world", times=2):
      for _ in range(times):
          await asyncio.sleep(0.01)
          print(f"hello, {name}", True, None)

  if __name__ == "__main__":
      asyncio.run(main())
`;

// The greeter with a mistake, so the tips list is there (open, as for any warning) for axe to check.
const GREETER_WITH_TIP = GREETER.replace('await asyncio.sleep(0.01)', 'time.sleep(0.01)').replace(
  'import asyncio',
  'import asyncio\nimport time',
);

const FAILING = py`
  import asyncio

  async def main():
      print("about to fail")
      raise ValueError("bad value")

  asyncio.run(main())
`;

const SLEEPING = py`
  import asyncio

  async def main():
      print("waiting")
      await asyncio.sleep(30)

  asyncio.run(main())
`;

const part = (el: PyAsyncRunElement, name: string) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`)!;

/**
 * The states a reader meets, each brought about on a fresh element. A new state (an editor, say) is one more
 * entry here and gets checked in every theme.
 */
const states: { name: string; code: string; arrive(el: PyAsyncRunElement): Promise<void> }[] = [
  {
    name: 'idle',
    code: GREETER,
    async arrive(el) {
      expect(el.status).to.equal('idle');
    },
  },
  {
    name: 'running (a program sleeping)',
    code: SLEEPING,
    async arrive(el) {
      void el.run();
      await waitUntil(() => part(el, 'output').textContent === 'waiting\n', 'no output while running', {
        timeout: 60_000,
      });
      expect(el.status).to.equal('running');
      expect(part(el, 'output').getAttribute('aria-busy')).to.equal('true');
      expect(part(el, 'stop-button').hidden).to.equal(false);
      expect(part(el, 'run-button').hasAttribute('disabled')).to.equal(true);
    },
  },
  {
    name: 'output',
    code: GREETER_WITH_TIP,
    async arrive(el) {
      const result = await el.run();
      await el.updateComplete;
      expect(result.status).to.equal('ok');
      expect(part(el, 'output').textContent).to.contain('hello, world True None');
      expect(part(el, 'output').getAttribute('aria-busy')).to.equal('false');
      expect(part(el, 'tips')).to.not.equal(null);
    },
  },
  {
    name: 'output with the task timeline',
    code: GREETER,
    async arrive(el) {
      el.timeline = true;
      await el.run();
      // The timeline's view loads when `timeline` is first set; a quick run may end before it is there.
      await waitUntil(() => part(el, 'timeline'), 'no timeline', { timeout: 5_000, interval: 20 });
      await el.updateComplete;
      expect(part(el, 'timeline')).to.not.equal(null);
    },
  },
  {
    name: 'editing (editable, the editor focused, the code changed)',
    code: GREETER,
    async arrive(el) {
      el.editable = true;
      await el.updateComplete;
      part(el, 'code').focus();
      await waitUntil(() => el.shadowRoot!.querySelector('[part="editor"] .cm-content'), 'no editor', {
        timeout: 10_000,
      });
      const content = el.shadowRoot!.querySelector<HTMLElement>('.cm-content')!;
      content.focus();
      expect(el.shadowRoot!.activeElement).to.equal(content);
      expect(content.getAttribute('aria-label')).to.equal('Python code, editable');
      expect(part(el, 'reset-button').textContent!.trim()).to.equal('Reset');
    },
  },
  {
    name: 'error',
    code: FAILING,
    async arrive(el) {
      const result = await el.run();
      await el.updateComplete;
      expect(result.status).to.equal('error');
      expect(el.shadowRoot!.querySelector('[part="stderr"]')!.textContent).to.contain(
        'ValueError: bad value',
      );
      expect(part(el, 'status').textContent).to.contain('line 5');
    },
  },
];

describe('accessibility (axe-core, inside the shadow root)', () => {
  for (const theme of ['light', 'dark'] as const) {
    for (const state of states) {
      it(`has no violations: ${state.name}, ${theme} theme`, async () => {
        const el = await element(state.code);
        el.theme = theme;
        await el.updateComplete;
        try {
          await state.arrive(el);
          const results = await axeCheck(el);
          expect(results.violations, describeViolations(results.violations)).to.deep.equal([]);
          // "Needs review" counts too (an aria-label axe cannot vouch for, say), except contrast, which axe
          // leaves undecided for text that is only symbols, like the arrow between a tip's before and after.
          const review = results.incomplete.filter((r) => r.id !== 'color-contrast');
          expect(review, describeViolations(review)).to.deep.equal([]);
          // axe really looked inside: the buttons and the coloured text in the shadow root were checked.
          expect(shadowPasses(results, 'button-name')).to.be.greaterThan(0);
          expect(shadowPasses(results, 'color-contrast')).to.be.greaterThan(0);
        } finally {
          el.stop();
        }
      });
    }
  }

  it('names its controls and announces output politely', async () => {
    const el = await element('print("hi")\n');
    const run = part(el, 'run-button');
    expect(run.tagName).to.equal('BUTTON');
    expect(run.textContent!.trim()).to.equal('Run');
    expect(part(el, 'stop-button').tagName).to.equal('BUTTON');
    expect(part(el, 'status').getAttribute('role')).to.equal('status');
    const output = part(el, 'output');
    expect([output.getAttribute('role'), output.getAttribute('aria-live')]).to.deep.equal(['log', 'polite']);
    expect(output.getAttribute('aria-label')).to.equal('Output');
    await el.run();
    await el.updateComplete;
    expect(part(el, 'status').textContent).to.match(/^Done in \d+ ms$/);
  });
});
