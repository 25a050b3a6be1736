/**
 * The messages between a page and its runner frame (the hidden frame on another origin that runs the
 * worker: see runner-frame-host.ts and runner-frame.ts). Two kinds: the handshake on the windows (the frame
 * says hello to its parent, the parent answers with a MessageChannel port), then the relay on that port,
 * which carries the worker's own messages untouched, wrapped so they cannot be taken for the relay's.
 */

/** The name of the runner page beside the bundle in `dist/`. */
export const RUNNER_PAGE = 'runner.html';

/** Frame to parent window, once its script runs: it can take a port now. */
export interface RunnerHello {
  type: 'py-async-run:runner-hello';
}

/**
 * Parent window to frame, with one MessageChannel port: start a worker and relay its messages on the port.
 * The frame starts it with its own settings (Pyodide beside the runner page) but these.
 */
export interface RunnerConnect {
  type: 'py-async-run:runner-connect';
  /** The id of the worker's `init` message: its `ready` and start-up `progress` carry it. */
  initId: number;
  stackSwitching: boolean;
}

/** Page to frame, on the port. */
export type ToRunner = { kind: 'message'; data: unknown } | { kind: 'terminate' };

/** Frame to page, on the port: a message of the worker as it was sent, or its error event's message. */
export type FromRunner = { kind: 'message'; data: unknown } | { kind: 'error'; message: string };

/** Whether `data` is the frame's hello. */
export function isRunnerHello(data: unknown): data is RunnerHello {
  return isRecord(data) && data.type === 'py-async-run:runner-hello';
}

/** Whether `data` is a well-formed connect message. */
export function isRunnerConnect(data: unknown): data is RunnerConnect {
  return (
    isRecord(data) &&
    data.type === 'py-async-run:runner-connect' &&
    Number.isSafeInteger(data.initId) &&
    typeof data.stackSwitching === 'boolean'
  );
}

/** `data` as a relay message from the frame, or null when it is none. */
export function fromRunner(data: unknown): FromRunner | null {
  if (!isRecord(data)) return null;
  if (data.kind === 'message' && 'data' in data) return { kind: 'message', data: data.data };
  if (data.kind === 'error') return { kind: 'error', message: String(data.message ?? '') };
  return null;
}

/** `data` as a relay message from the page, or null when it is none. */
export function toRunner(data: unknown): ToRunner | null {
  if (!isRecord(data)) return null;
  if (data.kind === 'message' && 'data' in data) return { kind: 'message', data: data.data };
  if (data.kind === 'terminate') return { kind: 'terminate' };
  return null;
}

function isRecord(data: unknown): data is Record<string, unknown> {
  return typeof data === 'object' && data !== null;
}
