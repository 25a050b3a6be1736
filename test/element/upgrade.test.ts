import { expect } from '@open-wc/testing';
import { looksRunnable } from '../../src/element/upgrade-blocks.js';
import { upgrade } from '../../src/index.js';
import { cmsFixture } from './cms-fixtures.js';
import { configureForTests } from './run-helpers.js';

configureForTests(true);

const mounted: HTMLElement[] = [];
afterEach(() => mounted.splice(0).forEach((container) => container.remove()));

/** A page as the tool rendered it; the shortcode's autorun is dropped, so nothing runs unless a test runs it. */
async function page(name: string): Promise<HTMLElement> {
  const container = document.createElement('div');
  container.innerHTML = (await cmsFixture(`${name}.html`)).replace(/ autorun(="")?/g, '');
  document.body.append(container);
  mounted.push(container);
  return container;
}

const CONSOLE = '>>> import asyncio\n>>> asyncio.run(asyncio.sleep(0, "done"))\n\'done\'\n';
const HELPER = 'async def fetch(url):\n    await asyncio.sleep(1)\n    return f"<html>{url}</html>"\n';

describe('upgrade()', () => {
  const pages: [string, number][] = [
    ['hugo', 2],
    ['jekyll', 1],
    ['mkdocs', 2],
    ['markdown', 1],
  ];
  for (const [name, programs] of pages) {
    it(`turns ${name}'s Python blocks into elements that carry the program exactly`, async () => {
      const container = await page(name);
      const before = container.querySelectorAll('py-async-run').length;
      const created = await upgrade(undefined, { root: container });
      const program = await cmsFixture('blocks.py');
      expect(created.map((element) => element.source)).to.deep.equal([
        ...Array<string>(programs).fill(program),
        CONSOLE,
        HELPER,
      ]);
      // The whole block went: <pre>, the highlighter's wrappers, a line-numbered table and its gutter.
      expect(container.querySelectorAll('pre, table, .highlight').length).to.equal(0);
      expect(created.every((element) => element.isConnected && element.parentElement === container)).to.equal(
        true,
      );
      expect(container.querySelectorAll('py-async-run').length).to.equal(before + created.length);
    });
  }

  it('is idempotent: a second call finds nothing more', async () => {
    const container = await page('mkdocs');
    expect((await upgrade(undefined, { root: container })).length).to.equal(4);
    expect(await upgrade(undefined, { root: container })).to.deep.equal([]);
    expect(container.querySelectorAll('py-async-run').length).to.equal(4);
  });

  it("filter: 'runnable' leaves console sessions and helpers as they were", async () => {
    const container = await page('hugo');
    const created = await upgrade(undefined, { root: container, filter: 'runnable' });
    expect(created.length).to.equal(2);
    expect(container.querySelectorAll('code.language-python').length).to.equal(2);
    expect(await upgrade(undefined, { root: container, filter: 'runnable' })).to.deep.equal([]);
  });

  it('a filter function sees the code and the block it would replace', async () => {
    const container = await page('jekyll');
    const seen: [string, string][] = [];
    const created = await upgrade(undefined, {
      root: container,
      filter: (code, block) => {
        seen.push([code.split('\n')[0], block.className]);
        return code.startsWith('async def');
      },
    });
    expect(seen).to.deep.equal([
      ['import asyncio', 'language-python highlighter-rouge'],
      ['>>> import asyncio', 'language-python highlighter-rouge'],
      ['async def fetch(url):', 'language-python highlighter-rouge'],
    ]);
    expect(created.map((element) => element.source)).to.deep.equal([HELPER]);
  });

  it("sets the options as attributes; a block's own data- attributes win; its id stays", async () => {
    const container = document.createElement('div');
    container.innerHTML =
      '<pre id="first"><code class="language-python">print(1)\n</code></pre>' +
      '<pre data-timeout="5" data-autorun="false"><code class="language-py">print(2)\n</code></pre>' +
      '<pre><code class="language-javascript">console.log(3)</code></pre>';
    document.body.append(container);
    mounted.push(container);
    const [first, second] = await upgrade(undefined, {
      root: container,
      blockSwitches: ['autorun', 'no-tips', 'timeout', 'preload'],
      autorun: false,
      noTips: true,
      timeout: 60,
      preload: 'visible',
    });
    expect(first.id).to.equal('first');
    expect([
      first.hasAttribute('autorun'),
      first.hasAttribute('no-tips'),
      first.getAttribute('timeout'),
    ]).to.deep.equal([false, true, '60']);
    expect(first.getAttribute('preload')).to.equal('visible');
    expect(second.getAttribute('timeout')).to.equal('5');
    expect(second.hasAttribute('autorun')).to.equal(false);
    expect(container.querySelector('code.language-javascript')).not.to.equal(null);
  });

  it("reads only a block's data-no-tips unless the call allows more: a block cannot autorun itself", async () => {
    const container = document.createElement('div');
    container.innerHTML =
      '<pre data-autorun data-timeout="0" data-preload="eager" data-no-tips>' +
      '<code class="language-python">print("ran without a click")\n</code></pre>' +
      '<div data-autorun="true"><pre><code class="language-py">print(2)\n</code></pre></div>';
    document.body.append(container);
    mounted.push(container);
    const starts: Event[] = [];
    container.addEventListener('py-run-start', (event) => starts.push(event));
    const created = await upgrade(undefined, { root: container, timeout: 10 });
    expect(created.length).to.equal(2);
    for (const element of created) {
      expect(element.hasAttribute('autorun')).to.equal(false);
      expect(element.getAttribute('timeout')).to.equal('10');
      expect(element.hasAttribute('preload')).to.equal(false);
    }
    expect(created[0].hasAttribute('no-tips')).to.equal(true);
    await Promise.all(created.map((element) => element.updateComplete));
    expect(starts.length).to.equal(0);
  });

  it('runs an upgraded Hugo block with Pyodide and prints what CPython prints', async () => {
    const container = await page('hugo');
    const [element] = await upgrade('.chroma > code.language-python', { root: container });
    const result = await element.run();
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal('<fast x3 & slow x1>\n');
    expect(result.tips.map((tip) => tip.id)).not.to.include('code-altered');
  });
});

describe('looksRunnable', () => {
  it('takes programs that do something at the top level', () => {
    expect(looksRunnable('import asyncio\n\nasync def main():\n    pass\n\nasyncio.run(main())\n')).to.equal(
      true,
    );
    expect(looksRunnable('if __name__ == "__main__":\n    main()\n')).to.equal(true);
    expect(looksRunnable('result = compute()\n')).to.equal(true);
    expect(looksRunnable('await asyncio.sleep(1)\n')).to.equal(true);
  });

  it('leaves out console sessions, definitions only, and fragments with open brackets', () => {
    expect(looksRunnable(CONSOLE)).to.equal(false);
    expect(looksRunnable(HELPER)).to.equal(false);
    expect(looksRunnable('import asyncio\nTIMEOUT = 5\n\n@dataclass\nclass A:\n    x: int = 0\n')).to.equal(
      false,
    );
    expect(looksRunnable('results = await asyncio.gather(\n    fetch(a),\n')).to.equal(false);
  });
});
