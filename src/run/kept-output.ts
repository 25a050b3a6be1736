/**
 * Characters of each stream (stdout, stderr) a RunResult keeps: the first half and the last half of this.
 * A program that prints without end (a 10 s flood printed 537 MB) must not exhaust the page through its
 * result; the head shows how it began, the tail holds the results and errors that come last.
 */
export const KEPT_CHARS = 2_000_000;

/**
 * One stream of a run's output as its RunResult keeps it: everything while it fits in `max` characters,
 * then its head and its tail with a notice in between saying how much was cut. Chunks are joined only when
 * the text is read, so a flood of small prints costs no copying per print.
 */
export class KeptOutput {
  private head = '';
  private readonly tail: string[] = [];
  private tailStart = 0;
  private tailLength = 0;
  /** Characters printed in all. */
  total = 0;

  constructor(private readonly max: number = KEPT_CHARS) {}

  append(text: string): void {
    this.total += text.length;
    const headRoom = Math.ceil(this.max / 2) - this.head.length;
    if (headRoom > 0) {
      this.head += text.slice(0, headRoom);
      text = text.slice(headRoom);
      if (!text) return;
    }
    this.tail.push(text);
    this.tailLength += text.length;
    // Whole chunks that the kept tail no longer reaches are let go (the array is compacted now and then).
    const tailMax = Math.floor(this.max / 2);
    while (
      this.tailStart < this.tail.length - 1 &&
      this.tailLength - this.tail[this.tailStart].length >= tailMax
    ) {
      this.tailLength -= this.tail[this.tailStart].length;
      this.tail[this.tailStart++] = '';
    }
    if (this.tailStart > 1024) {
      this.tail.splice(0, this.tailStart);
      this.tailStart = 0;
    }
  }

  /** Characters left out of `text` (0 when it is all there). */
  get cut(): number {
    return Math.max(0, this.total - this.head.length - Math.min(this.tailLength, Math.floor(this.max / 2)));
  }

  /** The text kept: all of it, or the head, a notice of what was cut, and the tail. */
  get text(): string {
    const tail = this.tail.slice(this.tailStart).join('');
    const cut = this.cut;
    if (cut === 0) return this.head + tail;
    const half = Math.floor(this.max / 2).toLocaleString('en');
    return (
      `${this.head}\n[py-async-run: ${cut.toLocaleString('en')} characters cut here; a run's result keeps the ` +
      `first and the last ${half} characters of each stream]\n${tail.slice(-Math.floor(this.max / 2))}`
    );
  }
}
