import type { OutputStream } from './protocol.js';

/** Characters held before a flush is forced. */
const MAX_PENDING = 16 * 1024;
/** A flush at least this often (ms) while Python keeps writing. */
const MAX_DELAY = 16;

/**
 * Coalesces Python's many small writes into few messages, keeping stdout and stderr in the order they
 * were written. Python runs synchronously between waits, so no timer can fire meanwhile: the age of the
 * oldest pending write is checked on each write instead, and the runtime flushes at every wait.
 */
export class OutputBuffer {
  private chunks: { stream: OutputStream; text: string }[] = [];
  private size = 0;
  private since = 0;

  constructor(private readonly send: (stream: OutputStream, text: string) => void) {}

  write(stream: OutputStream, text: string): void {
    if (!text) return;
    const last = this.chunks.at(-1);
    if (last && last.stream === stream) last.text += text;
    else this.chunks.push({ stream, text });
    if (this.size === 0) this.since = performance.now();
    this.size += text.length;
    if (this.size >= MAX_PENDING || performance.now() - this.since >= MAX_DELAY) this.flush();
  }

  flush(): void {
    const chunks = this.chunks;
    this.chunks = [];
    this.size = 0;
    for (const chunk of chunks) this.send(chunk.stream, chunk.text);
  }
}
