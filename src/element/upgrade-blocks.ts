/**
 * What `upgrade()` does, in a chunk of its own that only pages calling it load: find code blocks, read their
 * code, replace them with elements.
 */
import { cleanCode } from './clean-code.js';
import type { PyAsyncRunElement } from './py-async-run-element.js';
import { SAFE_BLOCK_SWITCHES, type UpgradeOptions } from './upgrade.js';

/** Elements a line-numbered block puts inside its `<code>`: Chroma's, Pygments', Rouge's gutters, buttons. */
const NOT_CODE = '.ln, .lnt, .linenos, .lineno, .gutter, .rouge-gutter, button';
const WRAPPER_CLASS =
  /(?:^|\s)(?:highlight|highlighter-rouge|chroma|codehilite|sourceCode|language-[\w-]+)(?:\s|$)/;
const TABLE_PARTS = new Set(['td', 'tr', 'tbody', 'table']);
const LINE_NUMBER_TABLES = 'table.highlighttable, table.lntable, table.rouge-table';
const ATTRIBUTES = ['autorun', 'no-tips', 'timeout', 'preload'] as const;

/** `upgrade()`'s work, done at once: see `upgrade.ts`. */
export function upgradeBlocks(selector: string, options: UpgradeOptions): PyAsyncRunElement[] {
  const root = options.root ?? document;
  const created: PyAsyncRunElement[] = [];
  const seen = new Set<Element>();
  const switches = options.blockSwitches ?? SAFE_BLOCK_SWITCHES;
  for (const code of root.querySelectorAll(selector)) {
    if (code.closest('py-async-run, .linenos, .linenodiv, .gutter, .rouge-gutter')) continue;
    const block = blockOf(code);
    if (seen.has(block)) continue;
    seen.add(block);
    const source = cleanCode(codeText(code));
    // Nothing, or only line numbers (a gutter the selector caught).
    if (/^[\d\s]*$/.test(source)) continue;
    const { filter } = options;
    if (filter === 'runnable' ? !looksRunnable(source) : filter && !filter(source, block)) continue;
    const element = block.ownerDocument.createElement('py-async-run') as PyAsyncRunElement;
    for (const name of ATTRIBUTES) {
      const own = switches.includes(name) ? blockAttribute(code, block, name) : null;
      setAttribute(element, name, own ?? optionValue(options, name));
    }
    if (block.id) element.id = block.id;
    element.code = source;
    block.replaceWith(element);
    created.push(element);
  }
  return created;
}

/**
 * Whether code looks like a program worth a Run button: not a console session (`>>>` prompts), brackets that
 * balance, and a statement at the top level that does something (a call, a loop, an `if`...), not only imports,
 * definitions and assignments of plain values. A heuristic on lines, without the Python parser, which the page
 * loads only with the first Run.
 */
export function looksRunnable(code: string): boolean {
  if (/^>>>( |$)/m.test(code)) return false;
  const text = code.replace(/#[^\n]*/g, '');
  let depth = 0;
  for (const c of text.replace(/(["'])(?:\\.|(?!\1)[^\\\n])*\1/g, '""')) {
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth < 0) return false;
  }
  if (depth !== 0) return false;
  return text.split('\n').some((line) => {
    if (!/^[A-Za-z_]/.test(line)) return false;
    if (/^(?:import|from|def|class|async\s+def|global|nonlocal|pass)\b/.test(line)) return false;
    if (/^[\w.]+(?:\s*:[^=]+)?\s*=[^=]/.test(line)) return /\w\s*\(/.test(line.slice(line.indexOf('=')));
    return true;
  });
}

/**
 * The `<pre>`, then the wrappers a highlighter put around it: divs and figures that hold only it, and the
 * table of a line-numbered block (Pygments, Chroma, Rouge), never a table or a container of the page's own.
 */
function blockOf(code: Element): Element {
  let block = code.closest('pre') ?? code;
  for (let parent = block.parentElement; parent?.parentElement; parent = parent.parentElement) {
    const wrapper = TABLE_PARTS.has(parent.localName)
      ? parent.closest(LINE_NUMBER_TABLES) !== null
      : ['div', 'figure'].includes(parent.localName) &&
        parent.childElementCount === 1 &&
        (!parent.className || WRAPPER_CLASS.test(parent.className));
    if (!wrapper) break;
    block = parent;
  }
  return block;
}

function codeText(code: Element): string {
  if (!code.querySelector(NOT_CODE)) return code.textContent ?? '';
  const copy = code.cloneNode(true) as Element;
  for (const element of copy.querySelectorAll(NOT_CODE)) element.remove();
  return copy.textContent ?? '';
}

function blockAttribute(code: Element, block: Element, name: string): string | null {
  for (let node: Element | null = code; node; node = node === block ? null : node.parentElement) {
    const value = node.getAttribute(`data-${name}`);
    if (value !== null) return value;
  }
  return null;
}

function optionValue(options: UpgradeOptions, name: (typeof ATTRIBUTES)[number]): string | null {
  const value = {
    autorun: options.autorun,
    'no-tips': options.noTips,
    timeout: options.timeout,
    preload: options.preload,
  }[name];
  if (value === undefined || value === false) return null;
  return value === true ? '' : String(value);
}

function setAttribute(element: Element, name: string, value: string | null) {
  if (value === null || value === 'false') return;
  element.setAttribute(name, name === 'autorun' || name === 'no-tips' ? '' : value);
}
