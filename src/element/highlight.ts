import { classHighlighter, highlightTree } from '@lezer/highlight';
import { parser } from '@lezer/python';

/** A run of code text and the highlight classes it gets (`tok-keyword`, `tok-string`...). */
export interface CodeSegment {
  text: string;
  classes: string;
}

/** Splits code into highlighted segments from the Lezer tree; rendered as text, never as HTML. */
export function highlightPython(code: string): CodeSegment[] {
  const segments: CodeSegment[] = [];
  let at = 0;
  highlightTree(parser.parse(code), classHighlighter, (from, to, classes) => {
    if (from > at) segments.push({ text: code.slice(at, from), classes: '' });
    segments.push({ text: code.slice(from, to), classes });
    at = to;
  });
  if (at < code.length) segments.push({ text: code.slice(at), classes: '' });
  return segments;
}
