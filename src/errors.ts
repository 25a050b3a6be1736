/**
 * The errors py-async-run itself raises (never the author's Python errors, which are results), each with a
 * stable kebab-case code and one clear sentence made here, from one table: Workbox's `WorkboxError` and its
 * message map are the model. Codes are API (README names them): pages match on `code`, never on the text.
 * Any module of src/ may import this one, the worker's too: it imports nothing.
 */
const MESSAGES = {
  'configure-too-late': () => 'configure() must be called before the first run starts the runtime.',
  'run-stopped': () => 'The run was stopped.',
  'runtime-replaced': ({ when }: { when: 'for-memory' | 'before-run' }) =>
    when === 'for-memory'
      ? 'Python was restarted to give its memory back.'
      : 'Python was restarted (another run was stopped) before this run started: its session is gone.',
  'runtime-start-failed': ({ reason }: { reason: string }) => `Python could not start: ${reason}`,
  'runtime-crashed': ({ reason }: { reason: string }) => `The Python runtime stopped: ${reason}`,
  'result-invalid': () => "The Python worker reported the run's result in a form the page cannot read.",
  'runner-unavailable': ({ reason }: { reason: string }) => `Python could not start: ${reason}`,
  'trusted-types-refused': ({ policy }: { policy: string }) =>
    `Python could not start: the page requires Trusted Types and its trusted-types directive does not ` +
    `allow the policy "${policy}"; add ${policy} to that directive.`,
  'hosts-invalid': ({ entry, reason }: { entry: string; reason: string }) =>
    `configure({ hosts }): ${entry} ${reason}.`,
  'script-url-refused': ({ protocol }: { protocol: string }) =>
    `py-async-run: refusing the script URL ${protocol} (not http(s) or our blob).`,
} as const;

/** The code of an error of ours: one of the table's keys. */
export type ErrorCode = keyof typeof MESSAGES;

/** What the message of `code` is made from: the facts its sentence names (`{}` when it names none). */
export type ErrorDetails<C extends ErrorCode> =
  Parameters<(typeof MESSAGES)[C]> extends [infer Details] ? Details : Record<string, never>;

/** The one sentence of `code`, made from its details. */
export function errorMessage<C extends ErrorCode>(code: C, details: ErrorDetails<C>): string {
  return (MESSAGES[code] as (details: ErrorDetails<C>) => string)(details);
}

/** Whether a code (one the worker reported, say) is in the table. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(MESSAGES, code);
}

/**
 * An error of ours, not of the author's Python: a stable `code` from the table and its sentence, with the
 * cause attached when there is one. Named so it never reads as Python's own `RuntimeError`.
 */
export class PyAsyncRunError<C extends ErrorCode = ErrorCode> extends Error {
  /**
   * `new PyAsyncRunError('runtime-crashed', { reason })`; `{ reported }` carries the sentence the worker
   * made from this table on its side (see `reported`).
   */
  constructor(
    readonly code: C,
    details: ErrorDetails<C> | { reported: string },
    options?: { cause?: unknown },
  ) {
    const reported = (details as { reported?: unknown }).reported;
    super(typeof reported === 'string' ? reported : errorMessage(code, details as ErrorDetails<C>), options);
    this.name = 'PyAsyncRunError';
  }

  /**
   * An error the worker reported with its code and sentence. A code the table does not know, which a worker
   * of this build never sends, counts as a crash.
   */
  static reported(code: string, message: string): PyAsyncRunError {
    return new PyAsyncRunError(isErrorCode(code) ? code : 'runtime-crashed', { reported: message });
  }
}
