import { expect } from '@open-wc/testing';
import { claimedType, isExpectedMessage, type ExpectedIds } from '../../src/runtime/message-check.js';
import type { FromWorker, WorkerRunResult } from '../../src/runtime/protocol.js';

/** The page starts the runtime with init message 1 and waits on run 7; init 0 started the runtime before. */
const ids: ExpectedIds = { starting: (id) => id === 1, running: (id) => id === 7, started: (id) => id === 0 };

/** A Lit template object as structured clone delivers it: what Python can forge with js.postMessage. */
function litTemplate() {
  const strings = Object.assign(['<img src=x onerror="alert(1)">'], {
    raw: ['<img src=x onerror="alert(1)">'],
  });
  return { _$litType$: 1, strings, values: [] };
}

const RESULT = {
  error: {
    type: 'ValueError',
    message: 'bad',
    summary: 'ValueError: bad',
    line: 3,
    traceback: 'Traceback (most recent call last):\n...',
    subExceptions: ['KeyError: 1', 'ValueError: bad'],
  },
  exitCode: 0,
  notes: [
    { kind: 'blocking-entry', how: 'stack-switching', entry: 'asyncio.run', line: 4 },
    { kind: 'thread-inline', line: null },
    { kind: 'input-unavailable' },
    { kind: 'package-failed', name: 'numpy', reason: 'offline' },
    { kind: 'task-pending', name: 'Task-2', entry: 'worker', line: 9 },
    { kind: 'thread-unsafe-call', call: 'loop.call_soon', line: 12 },
    { kind: 'http-refused', name: 'https://example.com/get', reason: 'cors', line: 7 },
  ],
  durationMs: 12.5,
};

/** One good message of each type the worker sends. */
const GOOD: FromWorker[] = [
  {
    type: 'ready',
    id: 1,
    ready: {
      stackSwitching: true,
      fromSnapshot: false,
      headStartMs: null,
    },
  },
  { type: 'progress', id: 1, loaded: 100, total: 9_600_000 },
  { type: 'progress', id: 7, loaded: 0, total: 0 },
  { type: 'progress', id: 0, loaded: 10, total: 10 },
  { type: 'output', id: 7, stream: 'stdout', text: 'hello\n' },
  { type: 'output', id: 7, stream: 'stderr', text: '' },
  {
    type: 'timeline',
    id: 7,
    events: [
      { kind: 'task', row: 1, t: 0.5, name: 'Task-1', coro: 'main' },
      { kind: 'run', row: 1, from: 0.5, to: 2 },
      { kind: 'end', row: 1, t: 2, outcome: 'failed', name: 'Task-1', error: 'ValueError: bad' },
      { kind: 'end', row: 2, t: 2, outcome: 'cancelled', name: 'Task-2', error: null },
      { kind: 'finish', t: 3, dropped: 0 },
    ],
    marks: [{ t: 1, stream: 'stdout', text: 'hello' }],
  },
  { type: 'packages', id: 7, names: ['numpy', 'six'] },
  { type: 'packages', id: 7, names: [] },
  { type: 'input-request', id: 7, prompt: 'Name? ' },
  { type: 'result', id: 7, result: RESULT as WorkerRunResult },
  { type: 'result', id: 7, result: { error: null, exitCode: 0, notes: [], durationMs: 0 } },
  { type: 'failed', id: 1, code: 'runtime-start-failed', message: 'Python could not start.' },
  { type: 'failed', id: 7, code: 'runtime-crashed', message: 'RangeError' },
];

/** A deep copy to break: a test sets any of its fields to anything. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

/** `message` with `change` applied to a deep copy of it. */
function changed<T>(message: T, change: (copy: Loose) => void): unknown {
  const copy = structuredClone(message) as Loose;
  change(copy);
  return copy;
}

describe('isExpectedMessage', () => {
  it('passes every good message of the protocol, unchanged', () => {
    for (const message of GOOD) {
      const before = structuredClone(message);
      expect(isExpectedMessage(message, ids), JSON.stringify(message)).to.equal(true);
      expect(message).to.deep.equal(before);
    }
  });

  it('passes what Pyodide makes of Python values: None as undefined, sys.exit(True) and huge exit codes', () => {
    const result = {
      error: undefined,
      exitCode: true,
      notes: [{ kind: 'thread-inline', line: undefined }],
      durationMs: 1,
    };
    expect(isExpectedMessage({ type: 'result', id: 7, result }, ids)).to.equal(true);
    expect(
      isExpectedMessage({ type: 'result', id: 7, result: { ...result, exitCode: 2n ** 70n } }, ids),
    ).to.equal(true);
    const error = { ...RESULT.error, line: undefined };
    expect(isExpectedMessage({ type: 'result', id: 7, result: { ...RESULT, error } }, ids)).to.equal(true);
  });

  it('drops anything that is not a message, or of an unknown type', () => {
    for (const data of [
      null,
      undefined,
      7,
      'output',
      [],
      { id: 7 },
      { type: 'run', id: 7, run: {} },
      { type: 'stop', id: 7 },
    ])
      expect(isExpectedMessage(data, ids), String(data)).to.equal(false);
  });

  it('drops ids the page did not issue, or not in the state the type answers', () => {
    const output = { type: 'output', stream: 'stdout', text: 'x' };
    for (const id of [0, 2, 6, 8, 7.5, '7', null, undefined, NaN, Infinity, 2 ** 60])
      expect(isExpectedMessage({ ...output, id }, ids), String(id)).to.equal(false);
    // A run's messages never name the start, and the start's never name a run.
    expect(isExpectedMessage({ ...output, id: 1 }, ids)).to.equal(false);
    // A started runtime's late download counts pass; nothing else of it does.
    expect(
      isExpectedMessage(
        changed(GOOD[0], (m) => (m.id = 0)),
        ids,
      ),
    ).to.equal(false);
    expect(isExpectedMessage({ type: 'failed', id: 0, code: 'x', message: 'y' }, ids)).to.equal(false);
    expect(
      isExpectedMessage(
        changed(GOOD[0], (m) => (m.id = 7)),
        ids,
      ),
    ).to.equal(false);
    for (const message of GOOD.filter((m) => m.id === 7 && m.type !== 'progress' && m.type !== 'failed'))
      expect(isExpectedMessage({ ...message, id: 1 }, ids), message.type).to.equal(false);
  });

  it('drops an output whose text is not a string: the forged Lit template of issue #14', () => {
    const output = { type: 'output', id: 7, stream: 'stdout' };
    for (const text of [[litTemplate()], litTemplate(), 42, null, undefined, ['a'], new String('x')])
      expect(isExpectedMessage({ ...output, text }, ids)).to.equal(false);
    for (const stream of ['stdin', 'STDOUT', '', null, ['stdout']])
      expect(isExpectedMessage({ ...output, text: 'x', stream }, ids)).to.equal(false);
  });

  it('drops a timeline with any bad event or mark, field by field', () => {
    const timeline = GOOD.find((m) => m.type === 'timeline')!;
    const bad: ((m: Loose) => void)[] = [
      (m) => (m.events[0].name = [litTemplate()]),
      (m) => (m.events[0].coro = null),
      (m) => (m.events[0].row = -1),
      (m) => (m.events[0].row = 1.5),
      (m) => (m.events[0].t = NaN),
      (m) => (m.events[1].to = Infinity),
      (m) => (m.events[1].from = '0'),
      (m) => (m.events[2].outcome = 'exploded'),
      (m) => (m.events[2].outcome = 'pending'),
      (m) => (m.events[2].error = [litTemplate()]),
      (m) => (m.events[2].error = undefined),
      (m) => (m.events[2].name = 3),
      (m) => (m.events[4].dropped = -2),
      (m) => (m.events[0].kind = 'html'),
      (m) => (m.events[0] = null),
      (m) => (m.events = {}),
      (m) => (m.marks = undefined),
      (m) => (m.marks[0].text = [litTemplate()]),
      (m) => (m.marks[0].stream = 'stdin'),
      (m) => (m.marks[0].t = null),
    ];
    for (const change of bad)
      expect(isExpectedMessage(changed(timeline, change), ids), change.toString()).to.equal(false);
  });

  it('drops a result that is not whole: its error, exit code, notes and duration', () => {
    const message = { type: 'result', id: 7, result: RESULT };
    const bad: ((m: Loose) => void)[] = [
      (m) => (m.result = null),
      (m) => (m.result.error = 'boom'),
      (m) => (m.result.error.summary = [litTemplate()]),
      (m) => (m.result.error.line = '3'),
      (m) => (m.result.error.type = [1]),
      (m) => delete m.result.error.traceback,
      (m) => (m.result.exitCode = 'x'),
      (m) => (m.result.exitCode = 0.5),
      (m) => (m.result.notes = null),
      (m) => (m.result.notes[0].kind = 'html'),
      (m) => (m.result.notes[0].how = 'sideways'),
      (m) => (m.result.notes[0].line = -4),
      (m) => (m.result.notes[3].name = [litTemplate()]),
      (m) => (m.result.notes[3].reason = 5),
      (m) => (m.result.notes[5].call = [litTemplate()]),
      (m) => (m.result.error.subExceptions = 'KeyError: 1'),
      (m) => (m.result.error.subExceptions = [litTemplate()]),
      (m) => (m.result.durationMs = NaN),
    ];
    for (const change of bad)
      expect(isExpectedMessage(changed(message, change), ids), change.toString()).to.equal(false);
  });

  it('drops bad fields of the other types', () => {
    const bad: unknown[] = [
      { type: 'progress', id: 7, loaded: -1, total: 10 },
      { type: 'progress', id: 7, loaded: 1, total: NaN },
      { type: 'packages', id: 7, names: 'numpy' },
      { type: 'packages', id: 7, names: [litTemplate()] },
      { type: 'input-request', id: 7, prompt: [litTemplate()] },
      { type: 'failed', id: 7, code: 'x', message: [litTemplate()] },
      { type: 'failed', id: 3, code: 'x', message: 'y' },
      changed(GOOD[0], (m) => (m.ready.fromSnapshot = 314)),
      changed(GOOD[0], (m) => (m.ready.headStartMs = Infinity)),
      changed(GOOD[0], (m) => (m.ready.stackSwitching = 'yes')),
    ];
    for (const data of bad) expect(isExpectedMessage(data, ids), JSON.stringify(data)).to.equal(false);
  });

  it('names the type a dropped message claimed, cut short', () => {
    expect(claimedType({ type: 'output' })).to.equal('"output"');
    expect(claimedType({ type: 'x'.repeat(100) })).to.equal(JSON.stringify('x'.repeat(40)));
    expect(claimedType({ type: [1] })).to.equal('(none: object)');
    expect(claimedType(null)).to.equal('(none: null)');
  });

  it('checks 100,000 output messages quickly (output is the message that streams)', () => {
    const messages = Array.from({ length: 100_000 }, (_, i) => ({
      type: 'output',
      id: 7,
      stream: i % 2 ? 'stdout' : 'stderr',
      text: `line ${i}\n`,
    }));
    const t0 = performance.now();
    let passed = 0;
    for (const message of messages) if (isExpectedMessage(message, ids)) passed++;
    const ms = performance.now() - t0;
    console.log(`message-check: 100,000 output messages in ${ms.toFixed(1)} ms`);
    expect(passed).to.equal(100_000);
    expect(ms).to.be.lessThan(1000);
  });
});
