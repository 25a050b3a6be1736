import { expect } from '@open-wc/testing';
import { configureForTests, element } from './run-helpers.js';

configureForTests(true);

describe('many elements on one page', () => {
  it('twenty elements share one runtime and never see each other’s output', async () => {
    const elements = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        element(
          `import asyncio\nasync def main():\n    for k in range(3):\n        print("element ${i} line", k)\n        await asyncio.sleep(0.001)\nasyncio.run(main())\n`,
        ),
      ),
    );
    const results = await Promise.all(elements.map((el) => el.run()));
    results.forEach((result, i) => {
      expect(result.stdout).to.equal(`element ${i} line 0\nelement ${i} line 1\nelement ${i} line 2\n`);
    });
    // One interpreter served them all: the sys module is the very same object for every element.
    const ids = await Promise.all(
      elements.slice(0, 3).map(async (el) => {
        el.code = 'import sys\nprint(id(sys.modules))\n';
        return (await el.run()).stdout;
      }),
    );
    expect(new Set(ids).size).to.equal(1);
  });

  it('reports MemoryError and RecursionError as results, and the runtime goes on', async () => {
    const memory = await (await element('data = [None] * (2**30)\n')).run();
    expect(memory.error!.type).to.equal('MemoryError');
    expect(memory.error!.line).to.equal(1);
    const recursion = await (await element('def f(n):\n    return f(n + 1)\nf(0)\n')).run();
    expect(recursion.error!.type).to.equal('RecursionError');
    expect(recursion.tips.map((t) => t.id)).to.include('recursion');
    expect((await (await element('print("still fine")\n')).run()).stdout).to.equal('still fine\n');
  });
});

describe('an error thrown in a worker callback', () => {
  it("is the run's error output, and the runtime stays up for the next run", async () => {
    // A mark on the worker's global: only a new runtime would lose it (the interpreter's own state is put
    // back after every run).
    await (await element('import js\njs.eval("self.crash_marker = 1")\n')).run();
    const crash = await element(
      'import js, time\njs.setTimeout(js.Function.new("throw new Error(\'boom in the worker\')"), 0)\ntime.sleep(2)\nprint("after")\n',
    );
    const result = await crash.run();
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal('after\n');
    expect(result.stderr).to.contain('boom in the worker');
    const next = await (await element('import js\nprint(js.eval("typeof self.crash_marker"))\n')).run();
    expect(next.stdout).to.equal('number\n');
  });
});

describe('a fatal Pyodide error', () => {
  it('ends the run with a clear message and replaces the runtime for the next run', async () => {
    await (await element('import js\njs.eval("self.fatal_marker = 1")\n')).run();
    const result = await (
      await element('import pyodide_js\npyodide_js._api.fatal_error(Exception("simulated fatal error"))\n')
    ).run();
    expect(result.status).to.equal('error');
    expect(result.error!.type).to.equal('RuntimeFailure');
    const next = await (await element('import js\nprint(js.eval("typeof self.fatal_marker"))\n')).run();
    expect(next.stdout).to.equal('undefined\n');
  });
});
