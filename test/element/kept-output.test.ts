import { expect } from '@open-wc/testing';
import { KeptOutput } from '../../src/run/kept-output.js';
import { configureForTests, py, run } from './run-helpers.js';

configureForTests(true);

describe('KeptOutput', () => {
  it('keeps everything that fits', () => {
    const kept = new KeptOutput(10);
    kept.append('abc');
    kept.append('defghij');
    expect([kept.text, kept.cut]).to.deep.equal(['abcdefghij', 0]);
  });

  it('keeps the head and the tail of more, with a notice of what was cut between them', () => {
    const kept = new KeptOutput(10);
    for (const chunk of ['01234', '5678', '9abcdef', 'g', 'hijkl']) kept.append(chunk);
    expect(kept.cut).to.equal(12);
    expect(kept.text.startsWith('01234\n[py-async-run: 12 characters cut here;')).to.equal(true);
    expect(kept.text.endsWith('\nhijkl')).to.equal(true);
  });
});

describe('<py-async-run> result of a flood of output', () => {
  it('keeps the first and last million characters of stdout, flags the cut, and keeps the error', async () => {
    const result = await run(py`
      import sys
      print("first line")
      for _ in range(3):
          sys.stdout.write("x" * 1_000_000 + "\\n")
      print("last line")
      raise ValueError("at the end")
    `);
    expect(result.status).to.equal('error');
    expect(result.error!.summary).to.equal('ValueError: at the end');
    expect(result.stderr).to.contain('ValueError: at the end');
    expect(result.stdout.length).to.be.lessThan(2_000_200);
    expect(result.stdout.startsWith('first line\nxxx')).to.equal(true);
    expect(result.stdout.endsWith('xxx\nlast line\n')).to.equal(true);
    expect(result.stdout).to.match(/\n\[py-async-run: 1,000,\d{3} characters cut here; [^\n]+\]\n/);
    expect(result.outputCut!.stdout).to.equal(3_000_003 + 21 - 2_000_000);
    expect(result.outputCut!.stderr).to.equal(0);
  });
});
