/** One golden case: a name, the input, the expected code and the expected tips (`line id` each). */
export interface GoldenCase {
  file: string;
  name: string;
  /** Transform options (`--- options` and a JSON object, right after the name). */
  options: Record<string, unknown>;
  input: string;
  code: string;
  tips: string[];
}

/**
 * Parses golden files: cases start with `### name`, then the input, `--- code` and the expected output
 * (`(unchanged)` for the input itself), `--- tips` and one `line id` per tip (`- id` for a tip without a line).
 * A case may start with `--- options` and a one-line JSON object of transform options.
 */
export function parseGolden(file: string, text: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const block of text.split(/^### /m).slice(1)) {
    const [head, ...rest] = block.split('\n');
    let options: Record<string, unknown> = {};
    if (rest[0] === '--- options') {
      options = JSON.parse(rest[1]) as Record<string, unknown>;
      rest.splice(0, 2);
    }
    const body = rest.join('\n');
    const [input, afterCode] = splitOnce(body, '--- code\n');
    const [code, tips] = splitOnce(afterCode, '--- tips\n');
    const expected = code.trimEnd() === '(unchanged)' ? input : code;
    cases.push({
      file,
      name: head.trim(),
      options,
      input,
      code: expected,
      tips: tips
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    });
  }
  return cases;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  if (at === -1) throw new Error(`golden case lacks "${separator.trim()}"`);
  return [text.slice(0, at), text.slice(at + separator.length)];
}
