/** A run of code text and the highlight classes it gets (`tok-keyword`, `tok-string`...). */
export interface CodeSegment {
  text: string;
  classes: string;
}

const KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for ' +
    'from global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

/**
 * Python's tokens in the order they are tried: comments, strings (any prefix, triple-quoted across lines,
 * unterminated ones to the end of their line or of the code), numbers, names. Anything else is plain text.
 */
const TOKEN = new RegExp(
  [
    /(?<comment>#[^\n]*)/.source,
    /(?<string>(?:[rRbBuUfF]{1,2})?(?:'''[\s\S]*?(?:'''|$(?![\s\S]))|"""[\s\S]*?(?:"""|$(?![\s\S]))|'(?:[^'\\\n]|\\[\s\S])*'?|"(?:[^"\\\n]|\\[\s\S])*"?))/
      .source,
    /(?<number>\b(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|\d[\d_]*(?:\.[\d_]*)?(?:[eE][+-]?\d+)?[jJ]?)|\.\d[\d_]*(?:[eE][+-]?\d+)?[jJ]?)/
      .source,
    /(?<name>[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*)/.source,
  ].join('|'),
  'gu',
);

/**
 * Code longer than this is shown plain, and only its first lines up to this length: a span per token of a
 * 5 MB program held the page's main thread for over 30 s, and laying out its 5 MB of text alone 5 to 10 s
 * (Chromium, bench/big-program.js). The rest is named in a last segment (class `code-cut`); the program
 * still runs, and Copy copies, all of it.
 */
export const HIGHLIGHT_MAX_CHARS = 50_000;

/** The first lines of a long program, plain, and a note of what is not shown (see HIGHLIGHT_MAX_CHARS). */
function longCode(code: string): CodeSegment[] {
  const end = code.lastIndexOf('\n', HIGHLIGHT_MAX_CHARS) + 1 || HIGHLIGHT_MAX_CHARS;
  let lines = 0;
  for (let i = code.indexOf('\n', end); i !== -1; i = code.indexOf('\n', i + 1)) lines++;
  if (!code.endsWith('\n')) lines++;
  const size = `${(code.length / 1e6).toFixed(1)} MB`;
  return [
    { text: code.slice(0, end), classes: '' },
    {
      text: `… ${lines.toLocaleString('en')} more lines not shown (the program is ${size}; Copy copies all of it)\n`,
      classes: 'code-cut',
    },
  ];
}

/**
 * Splits code into highlighted segments with a small tokenizer, so the embed can show highlighted code at
 * first paint without the Python parser (which loads with the first Run). Rendered as text, never as HTML.
 * The classes are the ones Lezer's `classHighlighter` gives, so themes style either.
 */
export function highlightPython(code: string): CodeSegment[] {
  if (code.length > HIGHLIGHT_MAX_CHARS) return longCode(code);
  const segments: CodeSegment[] = [];
  let at = 0;
  let defining = false;
  const push = (text: string, classes: string) => {
    const last = segments.at(-1);
    if (!classes && last && !last.classes) last.text += text;
    else segments.push({ text, classes });
  };
  for (const match of code.matchAll(TOKEN)) {
    const { comment, string, number, name } = match.groups!;
    if (match.index > at) push(code.slice(at, match.index), '');
    at = match.index + match[0].length;
    if (comment) push(comment, 'tok-comment');
    else if (string) push(string, 'tok-string');
    else if (number) push(number, 'tok-number');
    else if (name) {
      if (defining) push(name, 'tok-variableName tok-definition');
      else if (name === 'True' || name === 'False') push(name, 'tok-bool');
      else if (name === 'None') push(name, 'tok-atom');
      else if (KEYWORDS.has(name)) push(name, 'tok-keyword');
      else push(name, '');
      defining = name === 'def' || name === 'class';
      continue;
    }
    defining = false;
  }
  if (at < code.length) push(code.slice(at), '');
  return segments;
}
