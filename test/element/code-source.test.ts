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

describe('highlightPython, token by token', () => {
  const classesOf = (code: string) =>
    highlightPython(code)
      .filter((segment) => segment.classes)
      .map((segment) => [segment.text, segment.classes]);

  it('tells strings of every form from the code around them', () => {
    const code = 'a = f"x{y}" + b\'\\x00\' + r"""multi\nline""" + \'it\\\'s\'  # done\n';
    const segments = highlightPython(code);
    expect(segments.map((s) => s.text).join('')).to.equal(code);
    expect(classesOf(code)).to.deep.equal([
      ['f"x{y}"', 'tok-string'],
      ["b'\\x00'", 'tok-string'],
      ['r"""multi\nline"""', 'tok-string'],
      ["'it\\'s'", 'tok-string'],
      ['# done', 'tok-comment'],
    ]);
  });

  it('marks keywords, constants, numbers and the names a def or class defines', () => {
    expect(
      classesOf('class Box:\n    def open(self, n=0x1F, t=1.5e3):\n        return None if True else 2j\n'),
    ).to.deep.equal([
      ['class', 'tok-keyword'],
      ['Box', 'tok-variableName tok-definition'],
      ['def', 'tok-keyword'],
      ['open', 'tok-variableName tok-definition'],
      ['0x1F', 'tok-number'],
      ['1.5e3', 'tok-number'],
      ['return', 'tok-keyword'],
      ['None', 'tok-atom'],
      ['if', 'tok-keyword'],
      ['True', 'tok-bool'],
      ['else', 'tok-keyword'],
      ['2j', 'tok-number'],
    ]);
  });

  it('keeps a hash inside a string a string, and an unterminated string to the end of its line', () => {
    expect(classesOf('x = "a # b"\ny = \'open\nz = 1\n')).to.deep.equal([
      ['"a # b"', 'tok-string'],
      ["'open", 'tok-string'],
      ['1', 'tok-number'],
    ]);
  });
});
