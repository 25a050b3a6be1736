import { expect } from '@open-wc/testing';
import { configureForTests, element } from './run-helpers.js';

configureForTests(true);

/** A program of about `size` characters: many small functions whose asyncio.run the transform would rewrite. */
function bigProgram(size: number): string {
  const parts = ['import asyncio\n'];
  for (let n = 0, length = 0; length < size; n++) {
    const text = `async def fetch_${n}():\n    return ${n}\n\ndef sync_${n}():\n    return asyncio.run(fetch_${n}())\n\n`;
    parts.push(text);
    length += text.length;
  }
  parts.push('print(sync_1())\n');
  return parts.join('');
}

describe('a large program', () => {
  it('shows only its first lines, plain, and says how much more there is', async () => {
    const code = bigProgram(5_000_000);
    const el = await element(code);
    const box = el.shadowRoot!.querySelector('[part="code"]')!;
    // One text node and the note, not a span per token: 5 MB of highlighted text held the page for 40 s.
    expect(box.querySelectorAll('span:not(.code-cut)').length).to.equal(0);
    expect(box.textContent!.length).to.be.lessThan(60_000);
    expect(code.startsWith(box.textContent!.split('…')[0])).to.equal(true);
    expect(box.querySelector('.code-cut')!.textContent).to.match(
      /^… [\d,]+ more lines not shown \(the program is 5\.0 MB/,
    );
    expect(el.source).to.equal(code);
  });

  it('runs as written, with a tip saying so, instead of holding the page to prepare it', async () => {
    // 150 KB, over LARGEST_REWRITTEN: parsing and analysing it would hold the main thread for about half a second.
    const el = await element(bigProgram(150_000));
    const result = await el.run();
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal('1\n');
    expect(result.mode).to.equal('unchanged');
    expect(result.tips.map((tip) => tip.id)).to.deep.equal(['large-program']);
  });
});
