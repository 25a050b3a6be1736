import { expect } from '@open-wc/testing';
import { matchesSource } from '../../src/cache/memo-check.js';
import { prepareProgram } from '../../src/run/prepare.js';
import type { TransformResult } from '../../src/transform/index.js';
import { parseGolden } from '../transform/golden.js';

const files = (await (await fetch('/__golden__/transform')).json()) as Record<string, string>;
const cases = Object.entries(files).flatMap(([file, text]) => parseGolden(file, text));
const CHAIN = 'import asyncio\ndef main():\n    return asyncio.run(work(1))\nprint(main())\n';

describe('matchesSource', () => {
  it("accepts every result of this page's transform (the golden cases)", () => {
    expect(cases.length).to.be.greaterThan(10);
    for (const golden of cases) {
      const result = prepareProgram(golden.input, golden.options);
      expect(matchesSource(golden.input, result), golden.name).to.equal(true);
    }
  });

  it('rejects a result that runs other code than the source shows', () => {
    const honest = prepareProgram(CHAIN);
    const crafted = (change: Partial<TransformResult>) => matchesSource(CHAIN, { ...honest, ...change });
    expect(crafted({})).to.equal(true);
    // Other code on an unedited line, or with no edits at all.
    expect(crafted({ code: honest.code.replace('import asyncio', 'import os') })).to.equal(false);
    expect(crafted({ code: 'print("other")\n', edits: [] })).to.equal(false);
    // An edit that inserts code of its own, replaces text, or lies outside the source.
    const insert = { from: 0, to: 0, insert: 'import os; ' };
    expect(crafted({ edits: [insert], code: `import os; ${CHAIN}` })).to.equal(false);
    const replace = { from: 0, to: 6, insert: '' };
    expect(crafted({ edits: [replace], code: CHAIN.slice(6) })).to.equal(false);
    const outside = { from: CHAIN.length + 1, to: CHAIN.length + 1, insert: ')' };
    expect(crafted({ edits: [outside], code: `${CHAIN})` })).to.equal(false);
    // Edits out of order.
    expect(crafted({ edits: [...honest.edits].reverse() })).to.equal(false);
  });

  it('rejects edits on a result the transform leaves alone (syntax error, top-level await)', () => {
    const source = 'await main(\n';
    const result = prepareProgram(source);
    expect(matchesSource(source, result)).to.equal(true);
    const edits = [{ from: 0, to: 0, insert: '(await ' }];
    expect(matchesSource(source, { ...result, edits, code: `(await ${source}` })).to.equal(false);
  });
});
