import { expect } from '@open-wc/testing';
import { configureForTests, element, py, run } from './run-helpers.js';

configureForTests(true);

const tipIds = (result: { tips: { id: string }[] }) => result.tips.map((tip) => tip.id);

describe('runtime tips from real runs', () => {
  it('explains asyncio.run called inside a running loop once, at its line', async () => {
    const result = await run(py`
      import asyncio

      async def inner():
          return 1

      async def main():
          return asyncio.run(inner())

      asyncio.run(main())
    `);
    expect(result.error?.summary).to.equal(
      'RuntimeError: asyncio.run() cannot be called from a running event loop',
    );
    // The code's own tip names the mistake before the run; the error's tip would say it again at that line.
    const atLine7 = result.tips.filter((t) => t.line === 7);
    expect(atLine7.map((t) => t.id)).to.deep.equal(['asyncio-run-in-async']);
    expect(atLine7[0].docs).to.match(/^https:\/\/docs\.python\.org\//);
  });

  it('explains a module that is not there, with the module name', async () => {
    const result = await run('import asyncio\nimport not_a_module_anywhere\n');
    expect(result.error?.type).to.equal('ModuleNotFoundError');
    const tip = result.tips.find((t) => t.id === 'module-not-found');
    expect(tip?.line).to.equal(2);
    expect(tip?.message).to.contain("No module named 'not_a_module_anywhere'");
  });

  it('explains a package Pyodide builds that this site does not serve, at the import', async () => {
    // aiohttp is in Pyodide's lock file; its file is not beside the test server's Pyodide.
    const result = await run('import asyncio\nimport aiohttp\n');
    expect(result.error?.type).to.equal('ModuleNotFoundError');
    const ids = result.tips.map((t) => t.id);
    expect(ids).to.include('package-unavailable');
    expect(ids).to.not.include('module-not-found');
    const tip = result.tips.find((t) => t.id === 'package-unavailable');
    expect(tip?.line).to.equal(2);
    expect(tip?.message).to.contain('`aiohttp`');
    expect(tip?.message).to.contain('could not be fetched');
  });

  it('gives none of them for a program that imports and runs fine', async () => {
    const result = await run(py`
      import asyncio
      import json

      async def main():
          return json.dumps({"ok": True})

      print(asyncio.run(main()))
    `);
    expect(result.stdout).to.equal('{"ok": true}\n');
    expect(tipIds(result)).to.not.include.members(['loop-already-running', 'module-not-found', 'recursion']);
  });

  it('renders a tip with its docs link, and its `code` as code, never as markup', async () => {
    const el = await element(
      'import asyncio\nasync def main():\n    asyncio.sleep(1)\nasyncio.run(main())\n',
    );
    await el.run();
    await el.updateComplete;
    const tip = el.shadowRoot!.querySelector('[data-tip="asyncio-sleep-not-awaited"]')!;
    expect(tip.querySelector('code')?.textContent).to.equal('asyncio.sleep()');
    const link = tip.querySelector<HTMLAnchorElement>('a[part="tip-docs"]')!;
    expect(link.href).to.equal('https://docs.python.org/3/library/asyncio-task.html#asyncio.sleep');
    expect(link.rel).to.equal('noopener noreferrer');
  });
});
