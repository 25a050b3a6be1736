import { expect } from '@open-wc/testing';
import { cleanCode } from '../../src/element/code-source.js';
import { highlightPython } from '../../src/element/highlight.js';

describe('cleanCode', () => {
  it('removes common indentation and blank edges, keeping inner blank lines and relative indent', () => {
    expect(cleanCode('\n\n    def f():\n        return 1\n\n    f()\n  \n')).to.equal(
      'def f():\n    return 1\n\nf()\n',
    );
  });

  it('turns non-breaking spaces and CRLF into plain ones', () => {
    expect(cleanCode('if x:\r\n\u00a0\u00a0\u00a0\u00a0pass\r\n')).to.equal('if x:\n    pass\n');
  });

  it('returns an empty string for blank input', () => {
    expect(cleanCode('  \n \n')).to.equal('');
  });
});

describe('highlightPython', () => {
  it('covers the whole code with segments, in order', () => {
    const code = 'import asyncio\nasync def main():\n    await asyncio.sleep(1)  # wait\n';
    const segments = highlightPython(code);
    expect(segments.map((s) => s.text).join('')).to.equal(code);
    expect(segments.find((s) => s.text === 'await')!.classes).to.contain('tok-keyword');
    expect(segments.find((s) => s.text === '# wait')!.classes).to.contain('tok-comment');
  });
});
