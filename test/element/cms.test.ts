import { expect, oneEvent } from '@open-wc/testing';
import { repairTypography, undoScriptParagraphs } from '../../src/element/cms-repair.js';
import { readElementCode } from '../../src/element/cms-text.js';
import { prepareElementCode } from '../../src/element/code-source.js';
import type { PyAsyncRunElement } from '../../src/element/py-async-run-element.js';
import { sourceTips } from '../../src/tips/source-rules.js';
import { cmsFixture } from './cms-fixtures.js';
import { configureForTests } from './run-helpers.js';

configureForTests(true);

const mounted: HTMLElement[] = [];
afterEach(() => mounted.splice(0).forEach((container) => container.remove()));

/** Puts HTML into the page as a CMS would serve it (the parser builds what a browser builds from the page). */
function mount(markup: string): HTMLElement {
  const container = document.createElement('div');
  container.innerHTML = markup;
  document.body.append(container);
  mounted.push(container);
  return container;
}

async function mountFixture(name: string, options: { autorun?: boolean } = {}) {
  const markup = await cmsFixture(`${name}.html`);
  const container = mount(options.autorun ? markup : markup.replace(/ autorun(="")?/g, ''));
  const element = container.querySelector('py-async-run') as PyAsyncRunElement;
  // The repairs are a module of their own, loaded when an element needs them.
  await prepareElementCode(element, undefined);
  await element.updateComplete;
  return { container, element };
}

const kindsOf = (element: HTMLElement) =>
  readElementCode(element)!.repairs.map((repair) => [repair.kind, repair.line]);

describe('code from pages a CMS made', () => {
  it("WordPress's classic editor, program as the element's text: every line as written", async () => {
    const { element } = await mountFixture('wordpress-classic');
    const program = await cmsFixture('wordpress-classic.py');
    expect(element.source).to.equal(program);
    // The reader sees it repaired too.
    expect(element.shadowRoot!.querySelector('[part="code"]')!.textContent).to.equal(program);
    expect(kindsOf(element)).to.deep.equal([
      ['paragraph', 1],
      ['line-break', 3],
      ['quote', 5],
      ['dash', 7],
      ['non-breaking-space', 11],
      ['ellipsis', 13],
    ]);
  });

  it("WordPress's classic editor: the post after the element stays in the page, not in the code", async () => {
    const { container, element } = await mountFixture('wordpress-classic');
    // The parser ignored </py-async-run> inside wpautop's last <p>, so the element had taken in what followed.
    expect(element.nextElementSibling?.textContent).to.equal(
      'The two countdowns take turns while they wait.',
    );
    expect(element.textContent).not.to.contain('take turns');
    expect(container.querySelectorAll(':scope > p').length).to.equal(2);
  });

  it('runs the program recovered from the classic editor, with a code-altered tip first', async () => {
    const { element } = await mountFixture('wordpress-classic');
    const result = await element.run();
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal("A: 2\nB: 1\nA: 1\n['A', 'B']\nA & B done\n");
    const [tip] = result.tips;
    expect(tip.id).to.equal('code-altered');
    expect(tip.severity).to.equal('warning');
    expect(tip.line).to.equal(1);
    expect(tip.message).to.contain('curly quotes').and.contain('`<script type="text/python">`');
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('[data-tip="code-altered"]')!.textContent).to.contain('Line 1:');
  });

  it("WordPress's classic editor, program in a script: wpautop's </p><p> inside it undone", async () => {
    const { element } = await mountFixture('wordpress-classic-script');
    expect(element.source).to.equal(await cmsFixture('wordpress-classic-script.py'));
    expect(kindsOf(element)).to.deep.equal([['paragraph', 1]]);
    expect(readElementCode(element)!.repairs[0].count).to.equal(3);
    const [tip] = sourceTips(readElementCode(element)!);
    expect(tip.message).to.contain('Custom HTML block').and.not.contain('<script');
  });

  it("WordPress's block editor (Custom HTML): curly quotes, dashes repaired; entities decoded; strings kept", async () => {
    const { element } = await mountFixture('wordpress-block');
    expect(element.source).to.equal(await cmsFixture('wordpress-block.py'));
    expect(kindsOf(element)).to.deep.equal([
      ['quote', 6],
      ['dash', 14],
    ]);
  });

  it('the WordPress shortcode, the Hugo shortcode and the Jekyll include deliver the program untouched', async () => {
    for (const [page, program] of [
      ['wordpress-shortcode', 'wordpress-shortcode.py'],
      ['hugo', 'hugo-shortcode.py'],
      ['jekyll', 'jekyll-include.py'],
    ]) {
      const { element } = await mountFixture(page);
      expect(element.source, page).to.equal(await cmsFixture(program));
      expect(readElementCode(element)!.repairs, page).to.deep.equal([]);
      expect(element.getAttribute('timeout'), page).to.equal('10');
    }
  });

  it('the WordPress shortcode runs by itself, with no code-altered tip', async () => {
    const ended = oneEvent(document, 'py-run-end');
    await mountFixture('wordpress-shortcode', { autorun: true });
    const { result } = (await ended).detail;
    expect(result.stdout).to.equal('tick 0: < wait\ntick 1: << wait\ntick 2: <<< done\n');
    expect(result.tips.map((tip: { id: string }) => tip.id)).not.to.include('code-altered');
  });
});

describe("the element's text as code", () => {
  const source = async (markup: string) => {
    const element = mount(`<py-async-run>${markup}</py-async-run>`).firstElementChild as PyAsyncRunElement;
    await prepareElementCode(element, undefined);
    return element.source;
  };

  it('a <br> ends a line once, with or without the newline that follows it', async () => {
    expect(await source('a = 1<br />\nb = 2<br>c = 3')).to.equal('a = 1\nb = 2\nc = 3\n');
  });

  it('editors that make each line a paragraph: one line each, an empty paragraph a blank line', async () => {
    expect(await source('<p>if x:</p><p>&nbsp;&nbsp;&nbsp; y()</p><p>&nbsp;</p><p>z()</p>')).to.equal(
      'if x:\n    y()\n \nz()\n',
    );
    expect(await source('<div>a()</div><div><br></div><div>b()</div>')).to.equal('a()\n\nb()\n');
  });

  it('paragraphs that span lines (auto-paragraphs, Markdown) have a blank line between them', async () => {
    expect(await source('\nimport a\n<p>def f():<br />\n    pass</p>\n<p>f()</p>')).to.equal(
      'import a\n\ndef f():\n    pass\n\nf()\n',
    );
  });

  it('a script carrier is taken as is, and the text around it is not code', async () => {
    expect(await source('ignored <script type="text/python">\n  print("<p>&amp;</p>")\n</script>')).to.equal(
      'print("<p>&amp;</p>")\n',
    );
  });
});

describe('repairTypography', () => {
  const repaired = (code: string) => repairTypography(code).code;

  it('leaves valid code alone, typographic characters in strings and comments included', () => {
    const code = 'x = "don’t — wait… “ok”"  # “quoted” – kept\ny = \'‘a’\'\n';
    expect(repairTypography(code)).to.deep.equal({ code, marks: [] });
  });

  it('straightens quotes of every kind that stand where Python needs a delimiter', () => {
    expect(repaired('print(“a”, ‘b’, ”c”, x=”1″, y=‘2′)\n')).to.equal(
      'print("a", \'b\', "c", x="1", y=\'2\')\n',
    );
    expect(repaired('s = „low“\n')).to.equal('s = "low"\n');
  });

  it("tells `''` (which wptexturize writes as ”) from a quote that opens a string", () => {
    expect(repaired('print(x, end=”)\n')).to.equal("print(x, end='')\n");
    expect(repaired('print(x, sep=”, end=“\\n”)\n')).to.equal('print(x, sep=\'\', end="\\n")\n');
    expect(repaired('print(“a”, end=””)\n')).to.equal('print("a", end="")\n');
    expect(repaired('d = {‘a’: ”}\n')).to.equal("d = {'a': ''}\n");
  });

  it('keeps what stands inside a real string, apostrophes and dashes included', () => {
    expect(repaired('print(“it’s – done…”, ”)\n')).to.equal('print("it’s – done…", \'\')\n');
  });

  it('reads f-string fields as code: their quotes are delimiters too', () => {
    expect(repaired('print(f”{row[‘id’]:>{width}} {n!r}”)\n')).to.equal(
      'print(f"{row[\'id\']:>{width}} {n!r}")\n',
    );
    expect(repaired('f”{{literal}} {x – 1}”\n')).to.equal('f"{{literal}} {x - 1}"\n');
  });

  it('triple quotes, `"""` and `\'\'\'` (”’ after wptexturize)', () => {
    expect(repaired('def f():\n    “””Don’t “stop”.”””\n    ”’a\nb”’\n')).to.equal(
      'def f():\n    """Don’t “stop”."""\n    \'\'\'a\nb\'\'\'\n',
    );
  });

  it('dashes and ellipses in code: " – " was " - ", "–" was "--", "—" was "---" or " -- "', () => {
    expect(repaired('a = b – c\nd = e–f\ng = h — i\nj = k—l\nx[…] = …\n')).to.equal(
      'a = b - c\nd = e--f\ng = h -- i\nj = k---l\nx[...] = ...\n',
    );
  });

  it('reports what it repaired, by line', () => {
    expect(repairTypography('x = 1\nprint(“a”)\ny = 2 – 1\n').marks).to.deep.equal([
      { kind: 'quote', line: 2 },
      { kind: 'quote', line: 2 },
      { kind: 'dash', line: 3 },
    ]);
  });
});

describe('undoScriptParagraphs', () => {
  it("undoes wpautop's paragraphs when no blank line is left", () => {
    expect(undoScriptParagraphs('a()</p>\n<p>b()\nc()</p>\n<p>d()\n')).to.deep.equal({
      text: 'a()\n\nb()\nc()\n\nd()\n',
      marks: [
        { kind: 'paragraph', line: 1 },
        { kind: 'paragraph', line: 4 },
      ],
    });
  });

  it('keeps </p>\\n<p> in a program that has blank lines of its own', () => {
    const text = 'html = """<p>a</p>\n<p>b</p>"""\n\nprint(html)\n';
    expect(undoScriptParagraphs(text).text).to.equal(text);
  });
});

describe('the code-altered tip', () => {
  it('names what was repaired and points at its first line; nothing repaired, no tip', () => {
    const [tip] = sourceTips({
      carrier: 'text',
      repairs: [
        { kind: 'line-break', line: 4, count: 2 },
        { kind: 'quote', line: 2, count: 1 },
      ],
    });
    expect(tip).to.include({ id: 'code-altered', severity: 'warning', line: 2 });
    expect(tip.message).to.match(/^The page's editor changed this code \(`<br>` line breaks, curly quotes\)/);
    expect(sourceTips({ carrier: 'text', repairs: [] })).to.deep.equal([]);
  });
});
