/**
 * Code from elements a CMS or a Markdown renderer has been through: the element's text with `<br>` and `<p>`
 * read as line ends, an end tag the parser ignored, and the repairs of `cms-repair.ts`. Loaded by
 * `code-source.ts` only for elements that show signs of it, so most pages never fetch it.
 */
import { lineBreaks } from '../syntax/lines.js';
import { sourceTips } from '../tips/source-rules.js';
import type { Tip } from '../tips/types.js';
import {
  repairTypography,
  summarizeRepairs,
  undoScriptParagraphs,
  type CodeRepair,
  type RepairMark,
} from './cms-repair.js';
import { PYTHON_SCRIPT, cleanCodeLines } from './clean-code.js';

/** The code an element carries in its text or a child script, and what was repaired on the way. */
export interface ElementCode {
  code: string;
  /** `script`: a child `<script type="text/python">`; `text`: the element's own text. */
  carrier: 'script' | 'text';
  /** What a CMS had done to the code and was undone (see `cms-repair.ts`); empty when nothing was. */
  repairs: CodeRepair[];
}

/**
 * The element's code as `codeFromElement` finds it when there is no `code` property, with what a CMS had
 * changed (`<br>` and `<p>` from auto-paragraphs, non-breaking spaces, curly quotes, dashes) undone and reported.
 */
export function readElementCode(host: HTMLElement): ElementCode | null {
  const script = host.querySelector(PYTHON_SCRIPT);
  if (script) {
    const { text, marks } = undoScriptParagraphs(script.textContent ?? '');
    return repaired(text, marks, 'script');
  }
  const { text, marks } = elementText(host);
  return text.trim() ? repaired(text, marks, 'text') : null;
}

/** Tips about how the element's code reached it (`code-altered` when a CMS had changed it). */
export function codeTips(code: ElementCode): Tip[] {
  return sourceTips(code);
}

function repaired(raw: string, marks: RepairMark[], carrier: 'script' | 'text'): ElementCode {
  const found = [...marks];
  raw.split('\n').forEach((line, index) => {
    if (line.includes('\u00a0')) found.push({ kind: 'non-breaking-space', line: index + 1 });
  });
  const { code, dropped } = cleanCodeLines(raw);
  const lines = code.split('\n').length - 1;
  const shifted = found.map(({ kind, line }) => ({
    kind,
    line: Math.max(1, Math.min(line - dropped, lines)),
  }));
  const typography = repairTypography(code);
  return { code: typography.code, carrier, repairs: summarizeRepairs([...shifted, ...typography.marks]) };
}

const isBlock = (node: Node): boolean =>
  node.nodeType === Node.ELEMENT_NODE && ['p', 'div'].includes((node as Element).localName);

/** Children that hold code: text and elements, not slotted content or scripts. */
const holdsCode = (node: Node) =>
  node.nodeType === Node.TEXT_NODE ||
  (node.nodeType === Node.ELEMENT_NODE &&
    !(node as Element).hasAttribute('slot') &&
    !['script', 'style', 'template'].includes((node as Element).localName));

/**
 * The element's text as code. `<br>` ends a line (the source's own newline after it is not doubled). `<p>` and
 * `<div>` children are paragraphs with a blank line between them when any spans lines (auto-paragraphs,
 * Markdown), else lines (editors that make each line a paragraph).
 */
function elementText(host: HTMLElement): { text: string; marks: RepairMark[] } {
  const children = [...host.childNodes].filter(holdsCode);
  const blocks = children.filter(isBlock) as Element[];
  const paragraphs = blocks.some(spansLines);
  const out = new CodeText(paragraphs);
  out.nodes(children.slice(0, codeEnd(children)));
  return { text: out.text, marks: out.marks };
}

/** A block with more than one line: a `<br>` with text after it, or a newline inside its text. */
const spansLines = (block: Element) =>
  [...block.querySelectorAll('br')].some(hasTextAfter) ||
  /\n[ \t\u00a0]*\S/.test((block.textContent ?? '').trim());

function hasTextAfter(node: Node): boolean {
  for (let next = node.nextSibling; next; next = next.nextSibling) if (next.textContent?.trim()) return true;
  return false;
}

/**
 * Where the code ends among the element's children. An HTML parser ignores a `</py-async-run>` met inside an
 * open `<p>`, which is where wpautop and Markdown both leave it when the code has blank lines: the element then
 * holds the rest of the page too. The code ends with the paragraph whose text ends at a line break, the one
 * the end tag stood in.
 */
function codeEnd(children: ChildNode[]): number {
  const last = children.findIndex(
    (node) => isBlock(node) && /^[^\n][\s\S]*\n[ \t]*$/.test(node.textContent ?? ''),
  );
  return last === -1 ? children.length : last + 1;
}

/**
 * Moves what follows the code (see `codeEnd`) out of the element, back into the page, where the author had
 * it: else the rest of a WordPress post or a Markdown page would be hidden inside the element. Slotted
 * children stay. Returns whether anything moved.
 */
export function releaseTrailingContent(host: HTMLElement): boolean {
  if (host.querySelector(PYTHON_SCRIPT)) return false;
  const children = [...host.childNodes].filter(holdsCode);
  const end = codeEnd(children);
  if (end === children.length) return false;
  const after: ChildNode[] = [];
  for (let node = children[end - 1].nextSibling; node; node = node.nextSibling) {
    if (!(node.nodeType === Node.ELEMENT_NODE && (node as Element).hasAttribute('slot'))) after.push(node);
  }
  if (!after.some((node) => node.nodeType === Node.ELEMENT_NODE || node.textContent?.trim())) return false;
  host.after(...after);
  return true;
}

class CodeText {
  text = '';
  marks: RepairMark[] = [];
  /** After a `<br>`, the newline that followed it in the source is the same line end. */
  private afterBreak = false;

  constructor(private readonly paragraphs: boolean) {}

  nodes(nodes: readonly ChildNode[]) {
    nodes.forEach((node, index) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const text = node.textContent ?? '';
        // Whitespace between paragraphs is the HTML's own layout, not code.
        const layout =
          /^[ \t\r\n]*$/.test(text) && [nodes[index - 1], nodes[index + 1]].some((n) => n && isBlock(n));
        if (!layout) this.append(this.afterBreak ? text.replace(/^\n/, '') : text);
        this.afterBreak = false;
        return;
      }
      this.afterBreak = false;
      const element = node as Element;
      if (element.localName === 'br') {
        // A <br> that ends a block only gives an empty block its height.
        if (hasTextAfter(element)) this.lineBreak();
      } else if (isBlock(element)) this.block(element);
      else if (holdsCode(element)) this.nodes([...element.childNodes]);
    });
  }

  private get line() {
    return lineBreaks(this.text) + 1;
  }

  private append(text: string) {
    this.text += text;
  }

  private lineBreak() {
    this.marks.push({ kind: 'line-break', line: this.line });
    this.text += '\n';
    this.afterBreak = true;
  }

  private block(element: Element) {
    this.marks.push({ kind: 'paragraph', line: this.line });
    this.endLine(this.paragraphs ? 2 : 1);
    const start = this.text.length;
    this.nodes([...element.childNodes].filter(holdsCode));
    if (this.paragraphs) this.endLine(2);
    else if (this.text.length === start || !this.text.endsWith('\n')) this.text += '\n';
  }

  /** Ends the text with `count` newlines (a blank line for 2), when there is text. */
  private endLine(count: number) {
    if (!this.text) return;
    this.text = this.text.replace(/[ \t]*$/, '');
    const has = /\n*$/.exec(this.text)![0].length;
    this.text += '\n'.repeat(Math.max(0, count - has));
  }
}
