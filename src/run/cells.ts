import { REPLACED, runProgram, runtimeEpoch } from './run-program.js';
import type { OutputStream } from '../runtime/protocol.js';
import type { Cell, CellRequest, RunResult } from './types.js';

/**
 * Where a cell's code, and its setup, last ran cleanly: the runtime epoch (RuntimeClient.runtimeEpoch) and the
 * session. Then its names are in that session's namespace, until the runtime ends.
 */
type RanIn = WeakMap<Cell, { epoch: number; session: string }>;
const codeRan: RanIn = new WeakMap();
const setupRan: RanIn = new WeakMap();

function ranIn(record: RanIn, cell: Cell, session: string, epoch: number): boolean {
  const ran = record.get(cell);
  return ran?.epoch === epoch && ran.session === session;
}

/** The result of a cell that did not run because a cell above it in its session failed. */
function blockedByCellAbove(session: string, position: number, above: RunResult): RunResult {
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

/** The start of the names of the namespaces setups of elements without a session use (see program.py). */
const PRIVATE_SESSION = '\u0000setup-';

/** Where a setup preamble's lines are said to be in tracebacks. */
const SETUP_FILENAME = '/home/pyodide/setup.py';
let setupRuns = 0;

const setupFailedTip = {
  id: 'setup-failed',
  severity: 'warning',
  message:
    "This element's setup (the hidden code that runs before it, in `setup.py` above) failed, so its own code " +
    'did not run.',
} as const;

/** What the element shows while its cell is prepared. */
export interface CellReporter {
  status(message: string): void;
  output(stream: OutputStream, text: string): void;
  /** The element's package settings, which its setup needs as much as its code. */
  packages: readonly string[];
  detectImports: boolean;
}

/** How the cell's own code runs (its namespace), and what to call with its result. */
export interface CellRun {
  hooks: { session?: string; closeSession?: boolean; runtimeEpoch?: number };
  finished(result: RunResult): void;
}

/**
 * What runs before an element's code: the cells above it in its session that have not run in this runtime
 * (page order, as a notebook's "run all above"), then its setup preamble, in the namespace the code then
 * uses. Resolves with how the code runs, or with the result that stops the run (a cell above or the setup
 * failed).
 */
export async function prepareCell(
  request: CellRequest,
  signal: AbortSignal,
  report: CellReporter,
): Promise<CellRun | { blocked: RunResult }> {
  const { cell, session, setup } = request;
  let epoch = runtimeEpoch();
  if (session) {
    for (const [index, above] of request.above().entries()) {
      if (ranIn(codeRan, above, session, epoch)) continue;
      report.status(`Running cell ${index + 1} of session "${session}" first…`);
      // Stopping this cell stops the one above it runs for it.
      const stopAbove = () => above.stop();
      signal.addEventListener('abort', stopAbove, { once: true });
      const earlier = await above.run().finally(() => signal.removeEventListener('abort', stopAbove));
      if (signal.aborted) return { blocked: { ...earlier, stdout: '', stderr: '', tips: [] } };
      if (earlier.status !== 'ok') return { blocked: blockedByCellAbove(session, index + 1, earlier) };
      epoch = runtimeEpoch();
    }
  }
  // A namespace of its own for the setup and the code of an element without a session; no author can name
  // a session so (the runtime forgets such namespaces when the next run starts, whatever became of them).
  const namespace = session || `${PRIVATE_SESSION}${++setupRuns}`;
  // The code must run where the cells above and the setup ran: a runtime replaced meanwhile is said so.
  const run: CellRun = {
    hooks: session
      ? { session, runtimeEpoch: epoch }
      : { session: namespace, closeSession: true, runtimeEpoch: epoch },
    finished: (result) => {
      if (session && result.status === 'ok') codeRan.set(cell, { epoch, session });
    },
  };
  if (!setup || (session && ranIn(setupRan, cell, namespace, epoch))) return run;
  const result = await runProgram(setup, {
    session: namespace,
    runtimeEpoch: epoch,
    filename: SETUP_FILENAME,
    signal,
    onOutput: report.output,
    packages: report.packages,
    detectImports: report.detectImports,
  });
  if (result.error?.type === REPLACED) return { blocked: result };
  if (result.status !== 'ok') return { blocked: { ...result, tips: [setupFailedTip, ...result.tips] } };
  setupRan.set(cell, { epoch, session: namespace });
  return run;
}
