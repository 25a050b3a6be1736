import { expect } from '@open-wc/testing';
import { runtimeTips, type RunFacts } from '../../src/tips/rules.js';
import { authorCallLine, coroutineAssignment } from '../../src/tips/source-lines.js';

const error = (type: string, message: string, line: number | null, extra: object = {}) => ({
  type,
  message,
  summary: `${type}: ${message}`,
  line,
  traceback: '',
  ...extra,
});

const tipsOf = (facts: Partial<RunFacts>) =>
  runtimeTips({ error: null, notes: [], stackSwitching: true, ...facts }).map((tip) => [
    tip.id,
    tip.line ?? null,
  ]);

const LOAD_USER = [
  'import asyncio', // 1
  'async def load_user(user_id):', // 2
  '    return {"name": "Ada"}', // 3
  'async def main():', // 4
  '    user = load_user(42)', // 5
  '    print("loaded")', // 6
  '    print(user["name"])', // 7
  'asyncio.run(main())', // 8
].join('\n');

describe('runtime tips for asyncio mistakes', () => {
  it('puts a "never awaited" warning blamed on asyncio\'s files at the author\'s call', () => {
    const source = [
      'import asyncio',
      'async def helper():',
      '    pass',
      'async def main():',
      '    await helper()',
      '    asyncio.create_task(helper())',
      '    helper()',
      'asyncio.run(main())',
    ].join('\n');
    const stderr =
      "/lib/python314.zip/asyncio/events.py:89: RuntimeWarning: coroutine 'helper' was never awaited\n";
    expect(tipsOf({ stderr, source })).to.deep.equal([['never-awaited-warning', 7]]);
    // The author's own file keeps Python's line.
    expect(
      tipsOf({
        stderr: stderr.replace('/lib/python314.zip/asyncio/events.py:89', '/home/pyodide/main.py:3'),
        source,
      }),
    ).to.deep.equal([['never-awaited-warning', 3]]);
  });

  it('connects a TypeError on a coroutine object to the assignment that lacks await', () => {
    const tips = runtimeTips({
      error: error('TypeError', "'coroutine' object is not subscriptable", 7),
      notes: [],
      stackSwitching: true,
      source: LOAD_USER,
    });
    expect(tips.map((t) => [t.id, t.line])).to.deep.equal([['coroutine-result-error', 5]]);
    expect(tips[0].message).to.contain('`user = await load_user(...)`');
    expect(tips[0].message).to.contain('line 7');
  });

  it('names the type that was awaited, in the words of CPython 3.11 and 3.14 alike', () => {
    const old = error('TypeError', "object int can't be used in 'await' expression", 4);
    const now = error('TypeError', "'NoneType' object can't be awaited", 6);
    const [oldTip] = runtimeTips({ error: old, notes: [], stackSwitching: true });
    const [nowTip] = runtimeTips({ error: now, notes: [], stackSwitching: true });
    expect([oldTip.id, oldTip.line, nowTip.id, nowTip.line]).to.deep.equal([
      'not-awaitable',
      4,
      'not-awaitable',
      6,
    ]);
    expect(oldTip.message).to.contain('`int`');
    expect(nowTip.message).to.contain('asyncio.sleep');
  });

  it('explains "This event loop is already running" as the running-loop mistake', () => {
    const running = error('RuntimeError', 'This event loop is already running', 9);
    expect(tipsOf({ error: running })).to.deep.equal([['loop-already-running', 9]]);
  });

  it('names each task still pending at the end, at its creation line', () => {
    const notes = [
      { kind: 'task-pending' as const, name: 'Task-2', entry: 'worker', line: 12 },
      { kind: 'task-pending' as const, name: 'Task-3', entry: 'ticker', line: 13 },
    ];
    const tips = runtimeTips({ error: null, notes, stackSwitching: true });
    expect(tips.map((t) => [t.id, t.line])).to.deep.equal([
      ['task-pending-at-end', 12],
      ['task-pending-at-end', 13],
    ]);
    expect(tips[1].message).to.contain('`Task-3` (`ticker()`)');
  });

  it('gives the _threadsafe form of a call made from another thread', () => {
    const notes = [{ kind: 'thread-unsafe-call' as const, call: 'future.set_result', line: 8 }];
    const [tip] = runtimeTips({ error: null, notes, stackSwitching: true });
    expect([tip.id, tip.line]).to.deep.equal(['thread-unsafe-call', 8]);
    expect(tip.message).to.contain('loop.call_soon_threadsafe(future.set_result, value)');
  });

  it("names a TaskGroup's sub-exceptions and explains except*", () => {
    const group = error('ExceptionGroup', 'unhandled errors in a TaskGroup (1 sub-exception)', 5, {
      subExceptions: ['ValueError: bad id'],
    });
    const [tip] = runtimeTips({ error: group, notes: [], stackSwitching: true });
    expect([tip.id, tip.line]).to.deep.equal(['exception-group', 5]);
    expect(tip.message).to.contain('`ValueError: bad id`');
    expect(tip.message).to.contain('except*');
  });

  it('blames a timeout on time.sleep where the code has one, not on the limit', () => {
    const source = 'import time\nfor i in range(100):\n    time.sleep(1)\n';
    const [tip] = runtimeTips({ error: null, notes: [], stackSwitching: true, timedOut: true, source });
    expect([tip.id, tip.line]).to.deep.equal(['timeout', 3]);
    expect(tip.message).to.contain('`time.sleep()`');
    expect(tip.message).to.not.contain('timeout="0"');
    const tips = [{ id: 'cpu-loop-in-async', severity: 'warning' as const, message: '', line: 4 }];
    const [loop] = runtimeTips({
      error: null,
      notes: [],
      stackSwitching: true,
      timedOut: true,
      codeTips: tips,
    });
    expect([loop.line, loop.message]).to.include(4);
    expect(loop.message).to.contain('long computation');
  });

  it('speaks to the learner first about a missing package, then to the site owner', () => {
    const notes = [{ kind: 'package-failed' as const, name: 'aiohttp', reason: 'network error' }];
    const [tip] = runtimeTips({ error: null, notes, stackSwitching: true });
    expect(tip.message).to.match(/^`aiohttp` is not available on this page/);
    expect(tip.message.indexOf('packageIndexURL')).to.be.greaterThan(tip.message.indexOf('Site owner'));
  });
});

describe('source lines for runtime tips', () => {
  it("finds a coroutine's unawaited call, not its def, its awaited call or a handed-on one", () => {
    const source = 'async def f():\n    pass\nawait f()\nasyncio.gather(f())\nx = f()\n';
    expect(authorCallLine(source, 'f')).to.equal(5);
    expect(authorCallLine(source, 'Client.f')).to.equal(5);
    expect(authorCallLine('async def f():\n    pass\nasyncio.gather(f())\n', 'f')).to.equal(3);
    expect(authorCallLine(source, 'g')).to.equal(null);
  });

  it('finds the assignment of a coroutine a failing line used, and none for an awaited one', () => {
    expect(coroutineAssignment(LOAD_USER, 7)).to.deep.equal({ name: 'user', call: 'load_user', line: 5 });
    expect(coroutineAssignment(LOAD_USER.replace('= load_user', '= await load_user'), 7)).to.equal(null);
    expect(coroutineAssignment(LOAD_USER, 6)).to.equal(null);
  });
});

describe('a task whose exception nobody retrieved', () => {
  it('is told at the line that created it, with the task and the exception', () => {
    const source = [
      'import asyncio',
      'async def worker():',
      '    raise ValueError("bad")',
      'async def main():',
      '    task = asyncio.create_task(worker())',
      '    await asyncio.sleep(0.01)',
    ].join('\n');
    const stderr =
      'Task exception was never retrieved\n' +
      "future: <Task finished name='Task-2' coro=<worker() done, defined at /home/pyodide/main.py:2> " +
      "exception=ValueError('bad')>\nTraceback (most recent call last):\n";
    const [tip] = runtimeTips({ error: null, notes: [], stackSwitching: true, stderr, source });
    expect([tip.id, tip.line]).to.deep.equal(['task-exception-unretrieved', 5]);
    expect(tip.message).to.contain('`Task-2` (`worker()`) failed with `ValueError`');
  });
});
