import { expect } from '@open-wc/testing';
import { DECORATED_ENTRY, configureForTests, element, py } from './run-helpers.js';

// As in an engine without WebAssembly stack switching (Safari today).
configureForTests(false);

describe('<py-async-run> without stack switching', () => {
  it('runs asyncio.run rewritten to await', async () => {
    const el = await element('import asyncio\nasync def main():\n    print("ok")\nasyncio.run(main())\n');
    const result = await el.run();
    expect(result.stdout).to.equal('ok\n');
    expect(result.mode).to.equal('rewritten');
  });

  it('still runs an entry point it could not rewrite, by blocking the worker', async () => {
    const el = await element(DECORATED_ENTRY);
    const result = await el.run();
    expect(result.stdout).to.equal('99.0\n');
    expect(result.mode).to.equal('unchanged');
    const tip = result.tips.find((t) => t.id === 'blocked-worker');
    expect(tip?.message).to.contain('no WebAssembly stack switching');
  });

  it('explains at the line when a blocking entry point waits for the browser', async () => {
    const el = await element(py`
      import asyncio

      def wait_forever():
          return asyncio.run(asyncio.Event().wait())

      callbacks = [wait_forever]
      callbacks[0]()
    `);
    const result = await el.run();
    expect(result.status).to.equal('error');
    expect(result.error!.summary).to.contain('needs WebAssembly stack switching');
    expect(result.error!.line).to.equal(4);
    expect(result.tips.map((t) => t.id)).to.include('no-stack-switching');
  });
});

describe('input() without stack switching', () => {
  it('raises EOFError at the line with a tip saying why', async () => {
    const el = await element('print("before")\nname = input("Name? ")\n');
    const result = await el.run();
    expect(result.stdout).to.equal('before\nName? ');
    expect(result.error!.type).to.equal('EOFError');
    expect(result.error!.line).to.equal(2);
    expect(result.tips.find((t) => t.id === 'input-unavailable')?.line).to.equal(2);
  });
});
