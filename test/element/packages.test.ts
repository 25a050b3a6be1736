import { expect, fixture, html } from '@open-wc/testing';
import { configure } from '../../src/index.js';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import '../../src/py-async-run.js';

// The suite's own packages and lock file (test/packages/wheel.js), served by the test server.
configure({
  indexURL: '/node_modules/pyodide/',
  lockFileURL: '/__packages__/pyodide-lock.json',
  serviceWorker: false,
});

async function packagesElement(code: string, attributes: { packages?: string; detect?: boolean } = {}) {
  const el = await fixture<PyAsyncRunElement>(html`<py-async-run></py-async-run>`);
  el.code = code;
  if (attributes.packages) el.packages = attributes.packages;
  if (attributes.detect === false) el.noPackageDetection = true;
  await el.updateComplete;
  return el;
}

describe('packages', () => {
  it('without detection, an import of a lock-file package is a ModuleNotFoundError', async () => {
    // First in this file: greet is not loaded yet (the next test loads it); with detection off, nothing does.
    const el = await packagesElement('import greet\n', { detect: false });
    const result = await el.run();
    expect(result.error?.summary).to.equal("ModuleNotFoundError: No module named 'greet'");
    expect(result.tips.map((t) => t.id)).to.include('module-not-found');
  });

  it('loads a package the code imports, found in the lock file, and says so while it loads', async () => {
    const el = await packagesElement(
      'import asyncio\nimport greet\n\nasync def main():\n    print(await greet.hello("reader"))\n\nasyncio.run(main())\n',
    );
    const messages: string[] = [];
    const watch = setInterval(
      () => messages.push(el.shadowRoot!.querySelector('[part="status"]')!.textContent!),
      5,
    );
    const result = await el.run();
    clearInterval(watch);
    expect(result.stdout).to.equal('hello, reader\n');
    expect(result.status).to.equal('ok');
    expect(messages.some((m) => m.includes('greet'))).to.equal(true);
    expect(result.tips.map((t) => t.id)).to.not.include('package-unavailable');
  });

  it('loads a wheel given by URL in `packages`, relative to the page', async () => {
    const el = await packagesElement('from shout import shout\nprint(shout("hi"))\n', {
      packages: '/__packages__/shout-2.1-py3-none-any.whl',
    });
    const result = await el.run();
    expect(result.stdout).to.equal('HI!\n');
  });

  it('explains a package whose files cannot be fetched, and the run still reports the import error', async () => {
    const el = await packagesElement('import missing\nprint("never")\n');
    const result = await el.run();
    expect(result.error?.type).to.equal('ModuleNotFoundError');
    expect(result.stdout).to.equal('');
    const tip = result.tips.find((t) => t.id === 'package-unavailable');
    expect(tip?.message).to.contain(
      '`missing` is not available on this page: its files could not be fetched',
    );
    expect(result.tips.map((t) => t.id)).to.not.include('module-not-found');
  });

  it('explains a name Pyodide does not build', async () => {
    const el = await packagesElement('print("runs anyway")\n', { packages: 'no-such-package, shout' });
    const result = await el.run();
    expect(result.stdout).to.equal('runs anyway\n');
    const tip = result.tips.find((t) => t.id === 'package-unavailable');
    expect(tip?.message).to.contain(
      '`no-such-package` is not available on this page: Pyodide does not build it',
    );
  });
});
