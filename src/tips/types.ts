/** How much a tip matters to the reader. */
export type TipSeverity = 'info' | 'warning' | 'error';

/**
 * One short explanation shown under a run: what the browser did differently, or what went wrong and why.
 * `line` is 1-based in the author's code; `before` and `after` show a rewrite when the transform changed code.
 */
export interface Tip {
  id: string;
  severity: TipSeverity;
  message: string;
  line?: number;
  before?: string;
  after?: string;
  docs?: string;
}
