/**
 * Line look-ups over one source, indexed once: the transform asks for the line of every edit and tip, and
 * scanning the text each time made a 5 KB program's transform several times slower.
 */
const cache = new Map<string, { starts: number[]; lines: string[] }>();

function indexOf(text: string) {
  let entry = cache.get(text);
  if (!entry) {
    const lines = text.split('\n');
    const starts: number[] = [];
    let at = 0;
    for (const line of lines) {
      starts.push(at);
      at += line.length + 1;
    }
    entry = { starts, lines };
    // The source and its rewritten code are all a transform needs at once.
    if (cache.size >= 4) cache.delete(cache.keys().next().value!);
    cache.set(text, entry);
  }
  return entry;
}

/** The 1-based line of an offset. */
export function lineOf(source: string, offset: number): number {
  const { starts } = indexOf(source);
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** The text of a 1-based line, trimmed. */
export function lineText(text: string, line: number): string {
  return indexOf(text).lines[line - 1]?.trim() ?? '';
}

/**
 * How many line breaks `text` holds before `end` (all of them by default), by one scan and no index: for
 * text read once or still growing (output as it streams, code as it is read out of an element), where
 * indexing each new string as `lineOf` does would cost more than the scan.
 */
export function lineBreaks(text: string, end: number = text.length): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
