import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { until } from '../helpers/wait.js';
import { DECORATED_ENTRY, configureForTests, element, py } from './run-helpers.js';

configureForTests(true);

describe('<py-async-run>', () => {
  it('runs the classic if __name__ block and reports how it ran', async () => {
    const el = await element(py`
      import asyncio

      async def main():
          print("hello")
          await asyncio.sleep(0.01)
          print("world")

      if __name__ == "__main__":
          asyncio.run(main())
    `);
    const result = await el.run();
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal('hello\nworld\n');
    expect(result.mode).to.equal('rewritten');
    // The "how this ran" line says it; no tip repeats it.
    expect(result.tips.map((tip) => tip.id)).to.not.include('entry-rewritten');
    expect(el.status).to.equal('done');
    expect(el.getAttribute('status')).to.equal('done');
    const output = el.shadowRoot!.querySelector('[part="output"]')!;
    expect(output.textContent).to.equal('hello\nworld\n');
    const mode = el.shadowRoot!.querySelector('[part="mode"]')!.textContent;
    expect(mode).to.contain('asyncio.run(main()) ran as await main()');
    expect(mode).to.contain('CPython 3.14 in your browser');
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.match(/^Done in \d+ ms$/);
  });

  it('streams output as it is printed, before the program ends', async () => {
    const el = await element(py`
      import asyncio

      async def main():
          print("before the sleep")
          await asyncio.sleep(1)
          print("after the sleep")

      asyncio.run(main())
    `);
    const seen: { text: string; at: number }[] = [];
    el.addEventListener('py-output', (event) =>
      seen.push({ text: event.detail.text, at: performance.now() }),
    );
    const result = await el.run();
    const end = performance.now();
    expect(result.stdout).to.equal('before the sleep\nafter the sleep\n');
    expect(seen[0].text).to.equal('before the sleep\n');
    expect(end - seen[0].at).to.be.greaterThan(800);
  });

  it('fires start, output and end events that bubble out of the shadow root', async () => {
    const el = await element('print("hi")\n');
    const start = oneEvent(document, 'py-run-start');
    const output = oneEvent(document, 'py-output');
    const end = oneEvent(document, 'py-run-end');
    void el.run();
    const [startEvent, outputEvent, endEvent] = await Promise.all([start, output, end]);
    expect(startEvent.composed && startEvent.bubbles).to.equal(true);
    expect(outputEvent.detail).to.deep.equal({ stream: 'stdout', text: 'hi\n' });
    expect(endEvent.detail.result.stdout).to.equal('hi\n');
  });

  it('resolves with an error result, never rejects, for a Python error', async () => {
    const el = await element(py`
      import asyncio

      async def main():
          await asyncio.sleep(0)
          raise ValueError("bad value")

      asyncio.run(main())
    `);
    const result = await el.run();
    expect(result.status).to.equal('error');
    expect(result.error!.summary).to.equal('ValueError: bad value');
    expect(result.error!.type).to.equal('ValueError');
    expect(result.error!.line).to.equal(5);
    expect(result.error!.traceback).to.contain('File "/home/pyodide/main.py", line 5, in main');
    expect(result.error!.traceback).not.to.contain('py_async_run');
    expect(result.stderr).to.contain('ValueError: bad value');
    expect(el.status).to.equal('error');
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('line 5');
  });

  it('renders output as text, never as markup', async () => {
    const el = await element(
      'import sys\nprint("<img src=x onerror=alert(1)><script>alert(2)</script></py-async-run>")\n' +
        'print("<b>err</b>", file=sys.stderr)\n',
    );
    const result = await el.run();
    const output = el.shadowRoot!.querySelector('[part="output"]')!;
    expect(output.querySelector('img, script, b')).to.equal(null);
    expect(output.textContent).to.contain('<img src=x onerror=alert(1)>');
    expect(output.querySelector('[part="stderr"]')!.textContent).to.equal('<b>err</b>\n');
    expect(result.stderr).to.equal('<b>err</b>\n');
  });

  it('cancels tasks a run left pending, so nothing prints into the next run', async () => {
    const el = await element(py`
      import asyncio

      async def late():
          await asyncio.sleep(0.3)
          print("late output")

      async def main():
          asyncio.get_running_loop().call_later(0.3, print, "late callback")
          asyncio.create_task(late())

      loop = asyncio.new_event_loop()
      loop.create_task(late())
      asyncio.run(main())
      print("first run done")
    `);
    const first = await el.run();
    expect(first.stdout).to.equal('first run done\n');
    const other = await element(py`
      import asyncio
      asyncio.run(asyncio.sleep(0.6))
      print("second run done")
    `);
    const second = await other.run();
    expect(second.stdout).to.equal('second run done\n');
    const again = await el.run();
    expect(again.stdout).to.equal(first.stdout);
  });

  it('runs each program in a fresh namespace', async () => {
    await (await element('leaked = 1\n')).run();
    const result = await (await element('print("leaked" in globals(), __name__)\n')).run();
    expect(result.stdout).to.equal('False __main__\n');
  });

  it('starts one run when Run is clicked twice', async () => {
    const el = await element('import asyncio\nasyncio.run(asyncio.sleep(0.1))\nprint("once")\n');
    const ends: unknown[] = [];
    el.addEventListener('py-run-end', (event) => ends.push(event.detail));
    const first = el.run();
    const second = el.run();
    expect(second).to.equal(first);
    await first;
    expect(ends).to.have.length(1);
  });

  it('takes its code from a script carrier, decoding nothing and keeping < and &', async () => {
    const el = await fixture<PyAsyncRunElement>(
      html`<py-async-run
        ><script type="text/python">
          if 1 < 2 and "a" != "b":
              print("<ok> & fine")
        </script></py-async-run
      >`,
    );
    expect(el.source).to.equal('if 1 < 2 and "a" != "b":\n    print("<ok> & fine")\n');
    expect((await el.run()).stdout).to.equal('<ok> & fine\n');
  });

  it('takes its code from its text, decoding entities and removing the indentation', async () => {
    const host = document.createElement('div');
    host.innerHTML = `<py-async-run>
        if 1 &lt; 2:
            print("a &amp; b")
    </py-async-run>`;
    document.body.append(host);
    const el = host.querySelector('py-async-run')!;
    await el.updateComplete;
    expect(el.source).to.equal('if 1 < 2:\n    print("a & b")\n');
    expect((await el.run()).stdout).to.equal('a & b\n');
    host.remove();
  });

  it('loads code from a src URL', async () => {
    const blob = new Blob(['print("from a file")\n'], { type: 'text/x-python' });
    const el = await fixture<PyAsyncRunElement>(
      html`<py-async-run src=${URL.createObjectURL(blob)}></py-async-run>`,
    );
    await until(() => el.source, 'the file is loaded', 10_000);
    expect((await el.run()).stdout).to.equal('from a file\n');
  });

  it('highlights the code at first paint', async () => {
    const el = await element('async def main():\n    return "x"  # note\n');
    const code = el.shadowRoot!.querySelector('[part="code"]')!;
    expect(code.textContent).to.equal('async def main():\n    return "x"  # note\n');
    expect(code.querySelector('.tok-keyword')!.textContent).to.equal('async');
    expect(code.querySelector('.tok-string')!.textContent).to.equal('"x"');
    expect(code.querySelector('.tok-comment')!.textContent).to.equal('# note');
  });

  it('explains a never-awaited coroutine once: the warning Python printed is the mistake told before running', async () => {
    // The same program the programs suite compares with CPython (test/programs/never-awaited.py).
    const el = await element(await (await fetch('/test/programs/never-awaited.py')).text());
    const result = await el.run();
    expect(result.stdout).to.equal('main done\n');
    expect(result.stderr).to.contain("coroutine 'helper' was never awaited");
    const atLine9 = result.tips.filter((t) => t.line === 9).map((t) => t.id);
    expect(atLine9).to.deep.equal(['coroutine-not-awaited']);
  });

  it('hides the tips with no-tips', async () => {
    const el = await element(
      'import asyncio\nasync def main():\n    asyncio.sleep(0)\nasyncio.run(main())\n',
    );
    el.noTips = true;
    const result = await el.run();
    await el.updateComplete;
    expect(result.tips.length).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelector('[part="tips"]')).to.equal(null);
  });

  it('blocks an entry point it could not rewrite with stack switching', async () => {
    const el = await element(DECORATED_ENTRY);
    const result = await el.run();
    expect(result.stdout).to.equal('99.0\n');
    expect(result.mode).to.equal('stack-switching');
    expect(result.tips.map((tip) => tip.id)).to.include.members(['entry-blocks', 'blocked-worker']);
  });
});
