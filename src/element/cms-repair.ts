/**
 * Undoes what content management systems do to code pasted into a page, as plain text functions (no DOM).
 *
 * WordPress is the usual culprit: `wptexturize` curls quotes (`"a"` → `“a”`, `''` → `”`, a quote after a digit
 * → `″` or `′`), turns ` - ` into an en dash, `--` into an en dash, ` -- ` and `---` into an em dash and `...`
 * into `…`; `wpautop` wraps blank-line-separated paragraphs in `<p>` and ends other lines with `<br />`, even
 * inside a `<script>`. Outside string literals and comments none of those characters can be Python, so there
 * they are put back; inside strings and comments they are kept, since there they may be the author's own.
 */
import { lineOf } from '../syntax/lines.js';
import type { CodeRepair, CodeRepairKind } from '../tips/source-rules.js';

export type { CodeRepair, CodeRepairKind };

/** A single alteration undone, at a line of the code it was found in. */
export interface RepairMark {
  kind: CodeRepairKind;
  line: number;
}

const DOUBLE_QUOTES = '"“”″„';
const SINGLE_QUOTES = "'‘’′‚";
/** Characters no Python program has outside a string or a comment, but a typesetter puts in prose. */
const TYPOGRAPHIC = /[“”″„‘’′‚–—…]/;
const STRING_PREFIX = /^(?:[rRuUbBfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;
/** How many ambiguous `”` a line may hold before its alternatives are no longer all tried (2^n scans). */
const MAX_CHOICES = 6;

/** Groups single alterations by kind, in the order they first appear. */
export function summarizeRepairs(marks: readonly RepairMark[]): CodeRepair[] {
  const byKind = new Map<CodeRepairKind, CodeRepair>();
  for (const { kind, line } of marks) {
    const seen = byKind.get(kind);
    if (seen) {
      seen.count++;
      seen.line = Math.min(seen.line, line);
    } else byKind.set(kind, { kind, line, count: 1 });
  }
  return [...byKind.values()].sort((a, b) => a.line - b.line);
}

/**
 * Puts back the quotes, dashes and ellipses a typesetter replaced where Python needs them. Code that is valid
 * as it stands (typographic characters only inside strings and comments) is returned unchanged.
 */
export function repairTypography(code: string): { code: string; marks: RepairMark[] } {
  if (!TYPOGRAPHIC.test(code)) return { code, marks: [] };
  const strict = new Scanner(code, false, 0);
  strict.scan();
  if (!strict.altered) return { code, marks: [] };
  const lenient = new Scanner(code, true, 0);
  lenient.scan();
  return {
    code: lenient.out,
    marks: lenient.marks.map(({ kind, at }) => ({ kind, line: lineOf(code, at) })),
  };
}

/**
 * Undoes wpautop inside a `<script>`: it writes `</p>\n<p>` where the program had blank lines (its newline
 * handling spares scripts, its paragraphs do not). Only when the text agrees, that is when no blank line is
 * left at all: a program of its own with `</p>\n<p>` in a string keeps it.
 */
export function undoScriptParagraphs(text: string): { text: string; marks: RepairMark[] } {
  const boundary = '</p>\n<p>';
  if (!text.includes(boundary) || /\S[ \t]*\n(?:[ \t]*\n)+[ \t]*\S/.test(text)) return { text, marks: [] };
  const marks: RepairMark[] = [];
  // Each boundary before this one added a line: count them to give lines of the repaired text.
  for (let at = text.indexOf(boundary); at !== -1; at = text.indexOf(boundary, at + 1)) {
    marks.push({ kind: 'paragraph', line: lineOf(text, at) + marks.length });
  }
  return { text: text.replaceAll(boundary, '\n\n'), marks };
}

/**
 * A small Python tokenizer that only knows what matters here: strings (prefixes, triple quotes, escapes,
 * f-string fields), comments and code. Strict, it sees only straight quotes and reports whether typographic
 * characters stand in code or a string never ends (`altered`). Lenient, it takes any quote of a family as a
 * delimiter, writes straight ones, and repairs dashes and ellipses in code.
 */
class Scanner {
  out = '';
  marks: { kind: CodeRepairKind; at: number }[] = [];
  altered = false;
  /** A single-line string reached the end of its line. */
  unterminated = false;
  /** Something no Python has, like a backslash in code that does not end its line. */
  invalid = false;
  private i = 0;

  constructor(
    private readonly src: string,
    private readonly lenient: boolean,
    private readonly depth: number,
  ) {}

  scan(): void {
    this.code(false, false);
  }

  private isQuote(c: string | undefined, family: string): boolean {
    if (c === undefined) return false;
    return this.lenient ? family.includes(c) : c === family[0];
  }

  private familyOf(c: string): string | null {
    if (this.isQuote(c, DOUBLE_QUOTES)) return DOUBLE_QUOTES;
    if (this.isQuote(c, SINGLE_QUOTES)) return SINGLE_QUOTES;
    return null;
  }

  private emit(text: string, count = 1) {
    this.out += text;
    this.i += count;
  }

  private repair(kind: CodeRepairKind, text: string, count = 1) {
    this.marks.push({ kind, at: this.i });
    this.emit(text, count);
  }

  /** Code until the end; in an f-string field until the `}`, `!` or `:` that ends its expression. */
  private code(field: boolean, multiline: boolean): void {
    const { src } = this;
    let brackets = 0;
    while (this.i < src.length) {
      const c = src[this.i];
      if (field && brackets === 0 && (c === '}' || c === ':' || (c === '!' && src[this.i + 1] !== '=')))
        return;
      if (field && c === '\n' && !multiline) return;
      if (c === '#' && !field) {
        const end = src.indexOf('\n', this.i);
        this.emit(src.slice(this.i, end === -1 ? undefined : end), (end === -1 ? src.length : end) - this.i);
      } else if (c === '\\') {
        // Outside a string a backslash only continues a line.
        if (src[this.i + 1] !== '\n') this.invalid = true;
        this.emit(src.slice(this.i, this.i + 2), 2);
      } else if (this.familyOf(c)) this.string();
      else if (c === '–' || c === '—' || c === '…') this.typographic(c);
      else {
        if ('([{'.includes(c)) brackets++;
        else if (')]}'.includes(c)) brackets--;
        if (!this.lenient && TYPOGRAPHIC.test(c)) this.altered = true;
        this.emit(c);
      }
    }
  }

  private typographic(c: string) {
    if (!this.lenient) {
      this.altered = true;
      this.emit(c);
    } else if (c === '…') this.repair('ellipsis', '...');
    else {
      // wptexturize: " - " → " – ", "--" → "–", " -- " → " — ", "---" → "—".
      const before = this.src[this.i - 1];
      const after = this.src[this.i + 1];
      const spaced =
        (before === undefined || ' \t\n'.includes(before)) &&
        (after === undefined || ' \t\n'.includes(after));
      if (c === '–') this.repair('dash', spaced ? '-' : '--');
      else this.repair('dash', spaced ? '--' : '---');
    }
  }

  /** A string literal starting at a quote; its prefix (`f`, `rb`...) is already written. */
  private string(): void {
    const { src } = this;
    const prefix = /[A-Za-z]{1,2}$/.exec(src.slice(Math.max(0, this.i - 3), this.i))?.[0] ?? '';
    const validPrefix = STRING_PREFIX.test(prefix) && !/[\w]/.test(src[this.i - prefix.length - 1] ?? '');
    const formatted = validPrefix && /[fFtT]/.test(prefix);
    const open = src[this.i];
    if (this.lenient && open === '”' && !this.isQuote(src[this.i + 1], DOUBLE_QUOTES)) {
      // wptexturize writes `''` as `”`, and `'''` as `”’`; a `"` after `=` becomes `”` too.
      if (this.isQuote(src[this.i + 1], SINGLE_QUOTES))
        return this.body(SINGLE_QUOTES, true, formatted, "'''", 2);
      if (!this.opensString()) return this.repair('quote', "''");
    }
    const family = this.familyOf(open)!;
    const triple = this.isQuote(src[this.i + 1], family) && this.isQuote(src[this.i + 2], family);
    this.body(family, triple, formatted, family[0].repeat(triple ? 3 : 1), triple ? 3 : 1);
  }

  /** Whether the `”` at the cursor reads as an opening quote: the rest of its line then scans cleanly. */
  private opensString(): boolean {
    if (this.depth >= MAX_CHOICES) return false;
    const end = this.src.indexOf('\n', this.i);
    const line = this.src.slice(this.i + 1, end === -1 ? undefined : end);
    const rest = new Scanner(`"${line}`, true, this.depth + 1);
    rest.scan();
    return !rest.unterminated && !rest.invalid;
  }

  private body(family: string, triple: boolean, formatted: boolean, opener: string, length: number): void {
    const { src } = this;
    const written = src.slice(this.i, this.i + length);
    if (written !== opener) this.repair('quote', opener, length);
    else this.emit(opener, length);
    while (this.i < src.length) {
      const c = src[this.i];
      if (c === '\\') {
        this.emit(src.slice(this.i, this.i + 2), 2);
      } else if (c === '\n' && !triple) {
        this.unterminated = true;
        if (!this.lenient) this.altered = true;
        return;
      } else if (triple && this.closesTriple(family)) {
        return;
      } else if (!triple && this.isQuote(c, family)) {
        if (c === family[0]) this.emit(c);
        else this.repair('quote', family[0]);
        return;
      } else if (formatted && (c === '{' || c === '}') && src[this.i + 1] === c) {
        this.emit(c + c, 2);
      } else if (formatted && c === '{') {
        this.emit(c);
        this.field(triple);
      } else this.emit(c);
    }
    // The text ended inside the string: a failure for a one-line string, and for any in the whole program.
    if (!triple) this.unterminated = true;
    if (!this.lenient) this.altered = true;
  }

  private closesTriple(family: string): boolean {
    const { src } = this;
    if (
      this.lenient &&
      family === SINGLE_QUOTES &&
      src[this.i] === '”' &&
      this.isQuote(src[this.i + 1], family)
    ) {
      this.repair('quote', "'''", 2);
      return true;
    }
    if (![0, 1, 2].every((k) => this.isQuote(src[this.i + k], family))) return false;
    const written = src.slice(this.i, this.i + 3);
    const straight = family[0].repeat(3);
    if (written === straight) this.emit(straight, 3);
    else this.repair('quote', straight, 3);
    return true;
  }

  /** An f-string replacement field after its `{`: an expression, a `!r` conversion, a format spec. */
  private field(multiline: boolean): void {
    const { src } = this;
    this.code(true, multiline);
    if (src[this.i] === '!') this.emit(src.slice(this.i, this.i + 2), 2);
    if (src[this.i] === ':') {
      this.emit(':');
      while (this.i < src.length && src[this.i] !== '}' && (multiline || src[this.i] !== '\n')) {
        if (src[this.i] === '{') {
          this.emit('{');
          this.field(multiline);
        } else this.emit(src[this.i]);
      }
    }
    if (src[this.i] === '}') this.emit('}');
  }
}
