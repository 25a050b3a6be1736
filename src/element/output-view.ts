import { html } from 'lit';
import type { OutputLog } from './output-log.js';

/** About how many characters of output one block holds (see outputPieces). */
const OUTPUT_PIECE_CHARS = 2000;

/**
 * The output shown so far. Output is text in spans: Lit sets it as text nodes, so nothing printed is ever
 * parsed as markup. Whole lines go in blocks of their own (outputPieces), so a frame lays out only the block
 * that grew, not every line shown so far.
 */
export function renderOutput(output: OutputLog | null) {
  let atLineStart = true;
  return (output?.chunks ?? []).map((chunk) => {
    const pieces = outputPieces(chunk.text, atLineStart);
    atLineStart = chunk.text.endsWith('\n');
    return html`<span part=${chunk.stream} class=${chunk.stream}
      >${pieces.map((piece) => (piece.lines ? html`<span class="lines">${piece.text}</span>` : piece.text))}</span
    >`;
  });
}

/**
 * `text` cut after the first line end past every OUTPUT_PIECE_CHARS characters: the cuts depend only on the
 * text before them, so as output grows the pieces before the last stay the same (Lit leaves them alone). A
 * piece of whole lines (it starts a line and ends one) is drawn as a block, which looks the same as inline
 * text and is laid out alone.
 */
function outputPieces(text: string, startsLine: boolean): { text: string; lines: boolean }[] {
  const pieces: { text: string; lines: boolean }[] = [];
  let from = 0;
  while (from < text.length) {
    const end = text.indexOf('\n', from + OUTPUT_PIECE_CHARS);
    const to = end === -1 ? text.length : end + 1;
    const piece = text.slice(from, to);
    pieces.push({ text: piece, lines: (from > 0 || startsLine) && piece.endsWith('\n') });
    from = to;
  }
  return pieces;
}
