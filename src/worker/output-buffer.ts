import type { OutputStream } from '../runtime/protocol.js';

/** Characters held before a flush is forced. */
const MAX_PENDING = 16 * 1024;
/** A flush at least this often (ms) while Python keeps writing. */
const MAX_DELAY = 16;

/**
 * Coalesces Python's many small writes into few messages, keeping stdout and stderr in the order they
 * were written. Python runs synchronously between waits, so no timer can fire meanwhile: a write after a
 * quiet spell is sent at once (a `print` before a long computation must show, and must survive a Stop,
 * which ends the worker), later ones wait until the next write or `due()` finds MAX_DELAY passed since the
 * last send, or until the runtime flushes, which it does at every wait.
 */
export class OutputBuffer {
  private chunks: { stream: OutputStream; text: string }[] = [];
  private size = 0;
  private lastSent = -Infinity;

  /**
   * @param send posts one chunk to the page.
   * @param now the clock in milliseconds; tests pass a fake one so that no test has to wait for real time.
   */
  constructor(
    private readonly send: (stream: OutputStream, text: string) => void,
    private readonly now: () => number = () => performance.now(),
  ) {}

  write(stream: OutputStream, text: string): void {
    if (!text) return;
    const last = this.chunks.at(-1);
    if (last && last.stream === stream) last.text += text;
    else this.chunks.push({ stream, text });
    this.size += text.length;
    if (this.size >= MAX_PENDING || this.now() - this.lastSent >= MAX_DELAY) this.flush();
  }

  /** Sends what is pending if MAX_DELAY has passed since the last send (called while Python runs). */
  due(): void {
    if (this.chunks.length > 0 && this.now() - this.lastSent >= MAX_DELAY) this.flush();
  }

  /**
   * A new run begins: its first write is sent at once, however recently the run before it wrote (its last
   * lines could otherwise hold back a `print` that comes right before a long computation).
   */
  startRun(): void {
    this.flush();
    this.lastSent = -Infinity;
  }

  flush(): void {
    if (this.chunks.length === 0) return;
    this.lastSent = this.now();
    const chunks = this.chunks;
    this.chunks = [];
    this.size = 0;
    for (const chunk of chunks) this.send(chunk.stream, chunk.text);
  }
}
