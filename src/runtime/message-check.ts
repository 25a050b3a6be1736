/**
 * Checking every message from the runtime worker before the page acts on it. The worker runs the author's
 * Python, and Python can `js.postMessage` messages of its own: a forged one could carry an object where text
 * belongs (Lit renders a structured-cloned template object as markup), answer another run, or end the start.
 * So nothing from the worker is trusted: a message passes only when its id is one the page issued and is
 * waiting on, and every field has the type the protocol says (protocol.ts).
 */
import type { FromWorker } from './protocol.js';

/** Which of the page's requests the worker may answer now. */
export interface ExpectedIds {
  /** `id` is the init message of the runtime the page is starting (`ready`, `failed`, `progress`). */
  starting(id: number): boolean;
  /** `id` is the run the page waits on (its output, timeline, packages, input, progress, result). */
  running(id: number): boolean;
  /**
   * `id` is the init message of the runtime the page started and still uses: a download its start counted
   * may still report `progress` after `ready`.
   */
  started(id: number): boolean;
}

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null;
const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
/** Times and durations (ms). */
const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
/** Rows, bytes, tasks dropped: whole numbers, never negative. */
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;
/** Pyodide's `toJs` turns Python's None into undefined, JSON into null: a missing value is either. */
const isMissing = (value: unknown) => value === undefined || value === null;
const isLine = (value: unknown) => isMissing(value) || isCount(value);
const isStringList = (value: unknown) => Array.isArray(value) && value.every(isString);
const isStream = (value: unknown) => value === 'stdout' || value === 'stderr';

const OUTCOMES: ReadonlySet<unknown> = new Set(['done', 'cancelled', 'failed']);
const NOTE_KINDS: ReadonlySet<unknown> = new Set([
  'blocking-entry',
  'thread-inline',
  'thread-ran-long',
  'process-as-thread',
  'input-unavailable',
  'package-failed',
  'task-pending',
  'thread-unsafe-call',
  'http-refused',
]);
const BLOCKING_HOWS: ReadonlySet<unknown> = new Set(['stack-switching', 'blocked']);

function isTimelineEvent(event: unknown): boolean {
  if (!isObject(event)) return false;
  switch (event.kind) {
    case 'task':
      return isCount(event.row) && isTime(event.t) && isString(event.name) && isString(event.coro);
    case 'run':
      return isCount(event.row) && isTime(event.from) && isTime(event.to);
    case 'end':
      return (
        isCount(event.row) &&
        isTime(event.t) &&
        OUTCOMES.has(event.outcome) &&
        isString(event.name) &&
        (event.error === null || isString(event.error))
      );
    case 'finish':
      return isTime(event.t) && isCount(event.dropped);
    default:
      return false;
  }
}

function isTimelineMark(mark: unknown): boolean {
  return isObject(mark) && isTime(mark.t) && isStream(mark.stream) && isString(mark.text);
}

function isNote(note: unknown): boolean {
  return (
    isObject(note) &&
    NOTE_KINDS.has(note.kind) &&
    (note.name === undefined || isString(note.name)) &&
    (note.reason === undefined || isString(note.reason)) &&
    (note.entry === undefined || isString(note.entry)) &&
    (note.how === undefined || BLOCKING_HOWS.has(note.how)) &&
    (note.call === undefined || isString(note.call)) &&
    isLine(note.line)
  );
}

function isErrorInfo(error: unknown): boolean {
  return (
    isObject(error) &&
    isString(error.type) &&
    isString(error.message) &&
    isString(error.summary) &&
    isLine(error.line) &&
    isString(error.traceback) &&
    (error.subExceptions === undefined || isStringList(error.subExceptions))
  );
}

/**
 * `sys.exit(code)` hands over any int: Pyodide makes `True` a boolean and an int beyond 2**53 a BigInt.
 * Only "is it 0" is read, so all of these are exit codes.
 */
const isExitCode = (value: unknown) =>
  Number.isSafeInteger(value) || typeof value === 'boolean' || typeof value === 'bigint';

/** Whether `result` is a whole run result: its error, exit code, notes and duration. */
function isRunResult(result: unknown): boolean {
  return (
    isObject(result) &&
    (isMissing(result.error) || isErrorInfo(result.error)) &&
    isExitCode(result.exitCode) &&
    Array.isArray(result.notes) &&
    result.notes.every(isNote) &&
    isTime(result.durationMs)
  );
}

function isReady(ready: unknown): boolean {
  return (
    isObject(ready) &&
    isBoolean(ready.stackSwitching) &&
    isBoolean(ready.fromSnapshot) &&
    (isMissing(ready.headStartMs) || isTime(ready.headStartMs))
  );
}

/**
 * Whether `data` is a message the page expects from the worker now: a known type, an id in the state that
 * type answers (`expected`), and every field of the type protocol.ts gives it, checked whole (timeline
 * events and marks one by one, a run result with its error and notes). Never throws; cheap for `output`,
 * the message that streams (a type, an id and two typeofs).
 */
export function isExpectedMessage(data: unknown, expected: ExpectedIds): data is FromWorker {
  if (!isObject(data) || !Number.isSafeInteger(data.id)) return false;
  const id = data.id as number;
  switch (data.type) {
    case 'output':
      return expected.running(id) && isStream(data.stream) && isString(data.text);
    case 'timeline':
      return (
        expected.running(id) &&
        Array.isArray(data.events) &&
        data.events.every(isTimelineEvent) &&
        Array.isArray(data.marks) &&
        data.marks.every(isTimelineMark)
      );
    case 'progress':
      return (
        (expected.running(id) || expected.starting(id) || expected.started(id)) &&
        isCount(data.loaded) &&
        isCount(data.total)
      );
    case 'packages':
      return expected.running(id) && isStringList(data.names);
    case 'input-request':
      return expected.running(id) && isString(data.prompt);
    case 'result':
      return expected.running(id) && isRunResult(data.result);
    case 'ready':
      return expected.starting(id) && isReady(data.ready);
    case 'failed':
      return (expected.starting(id) || expected.running(id)) && isString(data.code) && isString(data.message);
    default:
      return false;
  }
}

/** The type a dropped message claimed, for the warning: a known word, quoted and cut short. */
export function claimedType(data: unknown): string {
  const type = isObject(data) ? data.type : undefined;
  return isString(type)
    ? JSON.stringify(type.slice(0, 40))
    : `(none: ${data === null ? 'null' : typeof data})`;
}
