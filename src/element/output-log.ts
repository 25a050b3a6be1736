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
 * The output shown for one run: chunks of stdout and stderr in the order printed, up to the limits.
 * What goes over them is counted, not kept, so a program printing megabytes cannot exhaust the page;
 * the full text still reaches `py-output` listeners and the RunResult.
 */
export class OutputLog {
  readonly chunks: OutputChunk[] = [];
  chars = 0;
  lines = 0;
  cutChars = 0;
  cutLines = 0;

  constructor(private readonly limits: OutputLimits) {}

  /**
   * Adds what a stream printed. The text is made a string first, whatever came: the page checks the worker's
   * messages (message-check.ts), and a value that still slipped by must reach Lit as text, never as a
   * template (Lit renders a template object it is handed, even one structured-cloned from the worker).
   */
  append(stream: OutputChunk['stream'], printed: string): void {
    const text = typeof printed === 'string' ? printed : '';
    if (stream !== 'stdout' && stream !== 'stderr' && stream !== 'stdin') stream = 'stdout';
    let shown = text;
    const roomChars = this.limits.maxChars - this.chars;
    if (shown.length > roomChars) shown = shown.slice(0, Math.max(0, roomChars));
    let roomLines = this.limits.maxLines - this.lines;
    if (roomLines <= 0) shown = '';
    else {
      for (let i = shown.indexOf('\n'); i !== -1; i = shown.indexOf('\n', i + 1)) {
        if (--roomLines === 0) {
          shown = shown.slice(0, i + 1);
          break;
        }
      }
    }
    if (shown.length < text.length) {
      const cut = text.slice(shown.length);
      this.cutChars += cut.length;
      this.cutLines += lineBreaks(cut);
    }
    if (!shown) return;
    this.chars += shown.length;
    this.lines += lineBreaks(shown);
    const last = this.chunks.at(-1);
    if (last && last.stream === stream) last.text += shown;
    else this.chunks.push({ stream, text: shown });
  }

  /** A sentence on what was cut, or null when nothing was. */
  get notice(): string | null {
    if (this.cutChars === 0) return null;
    const lines = this.cutLines === 1 ? '1 line' : `${this.cutLines.toLocaleString('en')} lines`;
    return `Output cut: ${lines} (${this.cutChars.toLocaleString('en')} characters) more than the ${this.limits.maxLines.toLocaleString('en')} lines / ${this.limits.maxChars.toLocaleString('en')} characters shown.`;
  }
}
