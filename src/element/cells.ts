import type { RunResult } from '../run/types.js';

/** An element seen as a notebook cell: its session name and a way to run it. */
export interface Cell extends HTMLElement {
  session: string;
  run(): Promise<RunResult>;
}

/** The runtime epoch (RuntimeClient.runtimeEpoch) in which a cell last ran cleanly, with its session. */
const ranIn = new WeakMap<Element, { epoch: number; session: string }>();
/** The same for an element's setup preamble. */
const setupIn = new WeakMap<Element, { epoch: number; session: string }>();

/** The cells of `session` above `cell` in the page, in page order. */
export function cellsAbove(cell: Cell, session: string): Cell[] {
  const cells = [...document.querySelectorAll<Cell>('py-async-run')].filter((el) => el.session === session);
  const index = cells.indexOf(cell);
  return index === -1 ? [] : cells.slice(0, index);
}

/** The cell ran cleanly in this session and runtime: its names are in the session's namespace. */
export function hasRun(cell: Element, session: string, epoch: number): boolean {
  const ran = ranIn.get(cell);
  return ran?.epoch === epoch && ran.session === session;
}

export function markRun(cell: Element, session: string, epoch: number): void {
  ranIn.set(cell, { epoch, session });
}

/** The cell's setup ran in this namespace and runtime. */
export function setupHasRun(cell: Element, session: string, epoch: number): boolean {
  const ran = setupIn.get(cell);
  return ran?.epoch === epoch && ran.session === session;
}

export function markSetupRun(cell: Element, session: string, epoch: number): void {
  setupIn.set(cell, { epoch, session });
}

/** The hidden preamble of an element: a child `<script type="text/python" data-setup>`. */
export function setupCode(host: Element): string | null {
  const script = host.querySelector(':scope > script[type="text/python"][data-setup]');
  const text = script?.textContent ?? '';
  if (!text.trim()) return null;
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return `${lines
    .map((line) => line.slice(indent))
    .join('\n')
    .trimEnd()}\n`;
}

/** The result of a cell that did not run because a cell above it in its session failed. */
export function blockedByCellAbove(session: string, position: number, above: RunResult): RunResult {
  const message = `cell ${position} of session "${session}" failed first${above.error ? ` (${above.error.summary})` : ''}`;
  return {
    status: 'error',
    stdout: '',
    stderr: '',
    error: { type: 'SessionError', message, summary: `SessionError: ${message}`, line: null, traceback: '' },
    mode: 'unchanged',
    tips: [
      {
        id: 'cell-above-failed',
        severity: 'warning',
        message:
          `This cell shares its names with the cells above it (session "${session}"), which run first when ` +
          `they have not run yet. Cell ${position} ${above.status === 'ok' ? 'did not finish' : 'failed'}, so this ` +
          'one did not run: fix or run that cell, then this one.',
      },
    ],
    durationMs: 0,
  };
}
