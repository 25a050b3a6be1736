import { expect } from '@open-wc/testing';
import { OutputLog } from '../../src/element/output-log.js';
import type { OutputDetail } from '../../src/run/types.js';
import { configureForTests, element } from './run-helpers.js';

configureForTests(true);

describe('OutputLog', () => {
  it('keeps the beginning as it streams, the end once the run ends, and counts the middle', () => {
    const log = new OutputLog({ maxChars: 1000, maxLines: 3 });
    log.append('stdout', 'a\nb\n');
    log.append('stderr', 'c\nd\ne\n');
    expect(log.chunks).to.deep.equal([{ stream: 'stdout', text: 'a\nb\n' }]);
    expect([log.cutLines, log.cutChars]).to.deep.equal([2, 4]);
    expect(log.notice).to.contain('2 lines');
    log.end();
    expect(log.chunks.map(({ stream, text }) => ({ stream, text }))).to.deep.equal([
      { stream: 'stdout', text: 'a\nb\n' },
      { stream: 'stderr', text: 'e\n' },
    ]);
    expect(log.notice).to.contain('cut in the middle');
  });

  it('shows everything, streaming, while it fits', () => {
    const log = new OutputLog({ maxChars: 1000, maxLines: 4 });
    log.append('stdout', 'a\nb\nc\n');
    log.append('stdout', 'd\n');
    expect(log.chunks.map((chunk) => chunk.text).join('')).to.equal('a\nb\nc\nd\n');
    expect(log.notice).to.equal(null);
  });

  it('cuts a single huge line in the middle at the character limit', () => {
    const log = new OutputLog({ maxChars: 10, maxLines: 100 });
    log.append('stdout', 'x'.repeat(20) + 'y'.repeat(5));
    log.end();
    expect(log.chunks.map((chunk) => chunk.text)).to.deep.equal(['xxxxx', 'yyyyy']);
    expect(log.cutChars).to.equal(15);
  });
});

describe('<py-async-run> output', () => {
  it('shows at most max-output-lines with a visible notice, and the result keeps everything', async () => {
    const el = await element('for i in range(50_000):\n    print(i)\n');
    el.maxOutputLines = 100;
    const result = await el.run();
    await el.updateComplete;
    const shown = el.shadowRoot!.querySelector('[part="output"]')!.textContent!;
    expect(shown.split('\n').length - 1).to.equal(100);
    // The beginning and the end (where results and errors are), with the middle cut.
    expect(shown.startsWith('0\n1\n')).to.equal(true);
    expect(shown.endsWith('49998\n49999\n')).to.equal(true);
    expect(el.shadowRoot!.querySelector('[part="output-notice"]')!.textContent).to.contain('49,900 lines');
    expect(result.stdout.split('\n').length - 1).to.equal(50_000);
  });

  it('renders hostile bytes as text: ANSI escapes, NUL and a 1 MB line', async () => {
    const el = await element('print("\\x1b[31mred\\x1b[0m", "a\\x00b")\nprint("y" * 1_000_000)\n');
    const result = await el.run();
    await el.updateComplete;
    const output = el.shadowRoot!.querySelector('[part="output"]')!;
    expect(output.querySelectorAll(':not(span)').length).to.equal(0);
    expect(output.textContent!.startsWith('\x1b[31mred\x1b[0m a\x00b\n')).to.equal(true);
    expect(result.stdout.length).to.equal('\x1b[31mred\x1b[0m a\x00b\n'.length + 1_000_001);
  });

  it('streams a print that closely follows another while the program then computes without waiting', async () => {
    // The second line comes within the output's 16 ms batching of the first: it must not wait for the end.
    const el = await element(
      'import time\nprint("one")\nprint("two")\nend = time.monotonic() + 2\nwhile time.monotonic() < end:\n    pass\nprint("done")\n',
    );
    const arrived: Record<string, number> = {};
    el.addEventListener('py-output', (event) => {
      for (const line of (event as CustomEvent<OutputDetail>).detail.text.split('\n'))
        if (line) arrived[line] = performance.now();
    });
    const result = await el.run();
    const ended = performance.now();
    expect(result.stdout).to.equal('one\ntwo\ndone\n');
    // Shown while the loop still had about two seconds to go, not with the run's end.
    expect(ended - arrived.two).to.be.greaterThan(1000);
  });

  it('reports a lone surrogate written to stdout as CPython does', async () => {
    const result = await (await element('import sys\nsys.stdout.write("bad \\udcff end\\n")\n')).run();
    expect(result.error!.type).to.equal('UnicodeEncodeError');
    expect(result.error!.line).to.equal(2);
  });
});
