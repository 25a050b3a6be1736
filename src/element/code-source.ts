/**
 * Cleans code taken from the element's text: drops leading and trailing blank lines, removes the common
 * indentation (the element is usually indented in the page's HTML) and turns non-breaking spaces, which
 * editors and CMSs insert, into plain ones. Entities are already decoded by the HTML parser.
 */
export function cleanCode(raw: string): string {
  const lines = raw
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  let indent = Infinity;
  for (const line of lines) {
    if (line.trim() === '') continue;
    indent = Math.min(indent, line.length - line.trimStart().length);
  }
  if (!Number.isFinite(indent)) indent = 0;
  return lines.map((line) => line.slice(indent)).join('\n') + (lines.length ? '\n' : '');
}

/**
 * The code an element carries, in order of precedence: the `code` property, a child
 * `<script type="text/python">` (the safe carrier for CMSs), the element's own text. Null when none.
 */
export function codeFromElement(host: HTMLElement, property: string | undefined): string | null {
  if (property) return property;
  const script = host.querySelector(':scope > script[type="text/python"]:not([data-setup])');
  if (script) return cleanCode(script.textContent ?? '');
  let text = '';
  for (const node of host.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    else if (node instanceof HTMLBRElement) text += '\n';
    else if (node instanceof HTMLElement && !node.slot && node.localName !== 'script')
      text += node.textContent ?? '';
  }
  return text.trim() ? cleanCode(text) : null;
}
