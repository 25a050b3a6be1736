/** The child that carries code safely through CMSs (`data-setup` scripts are for setup code, not the program). */
export const PYTHON_SCRIPT = ':scope > script[type="text/python"]:not([data-setup])';
/** The child that carries an element's hidden setup preamble (see run-request.ts and run/cells.ts). */
export const SETUP_SCRIPT = ':scope > script[type="text/python"][data-setup]';

/**
 * Cleans code taken from the element's text: drops leading and trailing blank lines, removes the common
 * indentation (the element is usually indented in the page's HTML) and turns non-breaking spaces, which
 * editors and CMSs insert, into plain ones. Entities are already decoded by the HTML parser.
 */
export function cleanCode(raw: string): string {
  return cleanCodeLines(raw).code;
}

/** `cleanCode`, and how many leading blank lines it dropped (to map line numbers). */
export function cleanCodeLines(raw: string): { code: string; dropped: number } {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n');
  let dropped = 0;
  while (lines.length && lines[0].trim() === '') {
    lines.shift();
    dropped++;
  }
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  let indent = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(indent)) indent = 0;
  return { code: lines.map((line) => line.slice(indent)).join('\n') + (lines.length ? '\n' : ''), dropped };
}
