import { expect } from '@open-wc/testing';
import { mergeTips } from '../../src/tips/merge.js';
import { runtimeTips } from '../../src/tips/rules.js';
import type { Tip } from '../../src/tips/types.js';

const error = (type: string, message: string, line: number | null = 3) => ({
  type,
  message,
  summary: `${type}: ${message}`,
  line,
  traceback: '',
});

describe('runtimeTips', () => {
  it('explains asyncio.run inside a running loop, at the line', () => {
    const tips = runtimeTips({
      error: error('RuntimeError', 'asyncio.run() cannot be called from a running event loop', 9),
      notes: [],
      stackSwitching: true,
    });
    expect(tips.map((t) => [t.id, t.line])).to.deep.equal([['loop-already-running', 9]]);
  });

  it('explains a missing module', () => {
    const tips = runtimeTips({
      error: error('ModuleNotFoundError', "No module named 'aiohttp'"),
      notes: [],
      stackSwitching: true,
    });
    expect(tips[0].id).to.equal('module-not-found');
    expect(tips[0].message).to.contain("No module named 'aiohttp'");
  });

  it('says a standard library module fetched on first import did not come, and nothing else', () => {
    const tips = runtimeTips({
      error: error(
        'ModuleNotFoundError',
        "No module named 'difflib': the standard library module could not be downloaded",
      ),
      notes: [],
      stackSwitching: true,
    });
    expect(tips.map((t) => t.id)).to.deep.equal(['stdlib-unfetched']);
    expect(tips[0].message).to.contain('offline');
  });

  it('says how a blocking entry point waited', () => {
    const [withJspi] = runtimeTips({
      error: null,
      notes: [{ kind: 'blocking-entry', how: 'stack-switching', line: 4 }],
      stackSwitching: true,
    });
    const [without] = runtimeTips({
      error: null,
      notes: [{ kind: 'blocking-entry', how: 'blocked', line: 4 }],
      stackSwitching: false,
    });
    expect(withJspi.message).to.contain('stack switching paused Python');
    expect(without.message).to.contain('no WebAssembly stack switching');
    expect(withJspi.line).to.equal(4);
  });

  it('explains a "was never awaited" warning at its line', () => {
    const stderr =
      "/home/pyodide/main.py:9: RuntimeWarning: coroutine 'helper' was never awaited\n  helper()\n";
    const [tip] = runtimeTips({ error: null, notes: [], stackSwitching: true, stderr });
    expect([tip.id, tip.line]).to.deep.equal(['never-awaited-warning', 9]);
    expect(tip.message).to.contain('`helper`');
  });

  it("connects a TypeError on a coroutine object to the missing await, at the error's line", () => {
    const tips = runtimeTips({
      error: error('TypeError', "'coroutine' object is not subscriptable", 7),
      notes: [],
      stackSwitching: true,
    });
    expect(tips.map((t) => [t.id, t.line])).to.deep.equal([['coroutine-result-error', 7]]);
    expect(tips[0].message).to.contain('`await`');
  });

  it('says how to raise the limit after a timeout', () => {
    const [tip] = runtimeTips({ error: null, notes: [], stackSwitching: true, timedOut: true });
    expect(tip.id).to.equal('timeout');
    expect(tip.message).to.contain('timeout="0"');
  });

  it('gives no tip for a clean run', () => {
    expect(runtimeTips({ error: null, notes: [], stackSwitching: true })).to.deep.equal([]);
  });
});

describe('mergeTips', () => {
  const tip = (id: string, line: number): Tip => ({ id, severity: 'warning', message: id, line });

  it('keeps one tip for a coroutine the code and the run both caught at a line', () => {
    const merged = mergeTips([tip('asyncio-sleep-not-awaited', 3)], [tip('never-awaited-warning', 3)]);
    expect(merged.map((t) => [t.id, t.line])).to.deep.equal([['asyncio-sleep-not-awaited', 3]]);
  });

  it("keeps the run's tip at another line, and drops one the code gave by id", () => {
    const merged = mergeTips(
      [tip('coroutine-not-awaited', 3), tip('input-unavailable', 1)],
      [tip('never-awaited-warning', 9), tip('input-unavailable', 1)],
    );
    expect(merged.map((t) => [t.id, t.line])).to.deep.equal([
      ['coroutine-not-awaited', 3],
      ['input-unavailable', 1],
      ['never-awaited-warning', 9],
    ]);
  });
});
