import type { OutputStream } from '../runtime/protocol.js';
import { lineBreaks } from '../syntax/lines.js';

/** A run of output of one stream. */
export interface OutputChunk {
  /** `stdin` is the echo of what the reader typed for input(): shown, never part of stdout. */
  stream: OutputStream | 'stdin';
  text: string;
}

/** How much output the element shows per run before it cuts the rest. */
export interface OutputLimits {
  maxChars: number;
  maxLines: number;
}

/**
 * The output shown for one run: chunks of stdout and stderr in the order printed, up to the limits. Past them
 * it keeps the beginning (half the limits, shown as it streams) and the end (the other half: the results and
 * errors a program prints last), shown once the run ends; what lies between is counted, not kept, so a
 * program printing megabytes cannot exhaust the page. The full text still reaches `py-output` listeners and
 * the RunResult.
 */
export class OutputLog {
  private readonly head: OutputChunk[] = [];
  private headChars = 0;
  private headLines = 0;
  /** What came after the head, its oldest chunks dropped once over the other half of the limits. */
  private readonly tail: (OutputChunk & { lines: number })[] = [];
  private tailChars = 0;
  private tailLines = 0;
  private printedChars = 0;
  private printedLines = 0;
  private ended = false;

  constructor(private readonly limits: OutputLimits) {}

  /** What is shown: the head, then the tail while nothing was cut or once the run ended. */
  get chunks(): readonly OutputChunk[] {
    return this.cutChars === 0 || this.ended ? [...this.head, ...this.tail] : this.head;
  }

  /** Characters printed and not kept. */
  get cutChars(): number {
    return this.printedChars - this.headChars - this.tailChars;
  }

  /** Line ends printed and not kept. */
  get cutLines(): number {
    return this.printedLines - this.headLines - this.tailLines;
  }

  /** The run ended: the kept end of its output is shown too. */
  end(): void {
    this.ended = true;
  }

  /**
   * Adds what a stream printed. The text is made a string first, whatever came: the page checks the worker's
   * messages (message-check.ts), and a value that still slipped by must reach Lit as text, never as a
   * template (Lit renders a template object it is handed, even one structured-cloned from the worker).
   */
  append(stream: OutputChunk['stream'], printed: string): void {
    let text = typeof printed === 'string' ? printed : '';
    if (stream !== 'stdout' && stream !== 'stderr' && stream !== 'stdin') stream = 'stdout';
    this.printedChars += text.length;
    this.printedLines += lineBreaks(text);
    const headMax = {
      chars: Math.ceil(this.limits.maxChars / 2),
      lines: Math.ceil(this.limits.maxLines / 2),
    };
    if (this.tail.length === 0 && this.headChars < headMax.chars && this.headLines < headMax.lines) {
      const shown = fitting(text, headMax.chars - this.headChars, headMax.lines - this.headLines);
      this.headChars += shown.length;
      this.headLines += lineBreaks(shown);
      add(this.head, stream, shown);
      text = text.slice(shown.length);
    }
    if (!text) return;
    const lines = lineBreaks(text);
    const last = this.tail.at(-1);
    if (last && last.stream === stream) {
      last.text += text;
      last.lines += lines;
    } else this.tail.push({ stream, text, lines });
    this.tailChars += text.length;
    this.tailLines += lines;
    this.trimTail();
  }

  /** Drops the tail's oldest text until it fits in the other half of the limits, cutting at a line end. */
  private trimTail(): void {
    const maxChars = Math.floor(this.limits.maxChars / 2);
    const maxLines = Math.floor(this.limits.maxLines / 2);
    while (this.tail.length && (this.tailChars > maxChars || this.tailLines > maxLines)) {
      const first = this.tail[0]!;
      const overChars = this.tailChars - maxChars;
      const overLines = this.tailLines - maxLines;
      // Whole chunks first; in the last one, up to the line end (or the character) that makes it fit.
      const wholeLines = first.lines < overLines || (first.lines === overLines && first.text.endsWith('\n'));
      if (first.text.length <= overChars || wholeLines) {
        this.tail.shift();
        this.tailChars -= first.text.length;
        this.tailLines -= first.lines;
        continue;
      }
      let lineCut = 0;
      for (let n = 0; n < overLines; n++) lineCut = first.text.indexOf('\n', lineCut) + 1;
      const cut = Math.max(overChars, lineCut);
      const dropped = first.text.slice(0, cut);
      first.text = first.text.slice(cut);
      first.lines -= lineBreaks(dropped);
      this.tailChars -= dropped.length;
      this.tailLines -= lineBreaks(dropped);
      if (!first.text) this.tail.shift();
      if (!dropped) break;
    }
  }

  /** A sentence on what was cut, or null when nothing was. */
  get notice(): string | null {
    const chars = this.cutChars;
    if (chars === 0) return null;
    const cutLines = this.cutLines;
    const lines = cutLines === 1 ? '1 line' : `${cutLines.toLocaleString('en')} lines`;
    const shown = `${this.limits.maxLines.toLocaleString('en')} lines / ${this.limits.maxChars.toLocaleString('en')} characters`;
    return this.ended
      ? `Output cut in the middle: ${lines} (${chars.toLocaleString('en')} characters) left out, to show the beginning and the end within ${shown}.`
      : `Output cut: ${lines} (${chars.toLocaleString('en')} characters) more than ${shown}; the end shows when the run ends.`;
  }
}

/** The start of `text` that fits in `chars` characters and `lines` line ends. */
function fitting(text: string, chars: number, lines: number): string {
  let shown = text.length > chars ? text.slice(0, Math.max(0, chars)) : text;
  if (lines <= 0) return '';
  for (let i = shown.indexOf('\n'); i !== -1; i = shown.indexOf('\n', i + 1)) {
    if (--lines === 0) {
      shown = shown.slice(0, i + 1);
      break;
    }
  }
  return shown;
}

/** Adds text of a stream to chunks, joined to the last one when it is of the same stream. */
function add(chunks: OutputChunk[], stream: OutputChunk['stream'], text: string): void {
  if (!text) return;
  const last = chunks.at(-1);
  if (last && last.stream === stream) last.text += text;
  else chunks.push({ stream, text });
}
