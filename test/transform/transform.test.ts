import { expect } from '@open-wc/testing';
import { prepareProgram } from '../../src/run/prepare.js';
import { applyEdits, transformSource } from '../../src/transform/index.js';
import { parseGolden, type GoldenCase } from './golden.js';

const files = (await (await fetch('/__golden__/transform')).json()) as Record<string, string>;
const cases: GoldenCase[] = Object.entries(files).flatMap(([file, text]) => parseGolden(file, text));

describe('transformSource (golden files)', () => {
  it('has golden cases to check', () => {
    expect(cases.length).to.be.greaterThan(15);
  });

  for (const golden of cases) {
    it(`${golden.file}: ${golden.name}`, () => {
      const result = prepareProgram(golden.input, golden.options);
      expect(result.code).to.equal(golden.code);
      const tips = result.tips.map((tip) => `${tip.line ?? '-'} ${tip.id}`);
      expect(tips).to.deep.equal(golden.tips);
      // Lines never move: tracebacks must point at the author's lines.
      expect(result.code.split('\n').length).to.equal(golden.input.split('\n').length);
      expect(applyEdits(golden.input, result.edits)).to.equal(result.code);
    });
  }
});

describe('transformSource', () => {
  it('explains each rewrite with the line before and after', () => {
    const { tips } = prepareProgram('import asyncio\nasyncio.run(main())\n');
    expect(tips).to.have.length(1);
    expect(tips[0].before).to.equal('asyncio.run(main())');
    expect(tips[0].after).to.equal('(await __py_async_run__.call(asyncio.run, main()))');
    expect(tips[0].message).to.contain('`asyncio.run(main())`');
  });

  it('says why an entry point was left to block', () => {
    const result = transformSource(
      'import asyncio\ndef deco(f):\n    def wrapper():\n        return asyncio.run(f())\n    return wrapper\n',
    );
    expect(result.fallbacks).to.deep.equal([
      {
        line: 4,
        entry: 'asyncio.run',
        reason: 'inside `wrapper`, which cannot become `async def`: it is used as a value at line 5',
      },
    ]);
  });

  // Its time is measured by bench/run.js (BENCHMARKS.md), on a quiet machine: here it is only rewritten.
  it('rewrites a 5 KB program of chained entry points, keeping every line', () => {
    const unit =
      'async def f{n}():\n    await asyncio.sleep(0)\n\ndef g{n}():\n    return asyncio.run(f{n}())\n\n';
    let source = 'import asyncio\n';
    for (let n = 0; source.length < 5000; n++) source += unit.replaceAll('{n}', String(n));
    source += 'g0()\n';
    const result = transformSource(source);
    expect(result.edits.length).to.be.greaterThan(20);
    expect(result.code.split('\n').length).to.equal(source.split('\n').length);
  });
});
