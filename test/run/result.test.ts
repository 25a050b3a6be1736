import { expect } from '@open-wc/testing';
import { PyAsyncRunError, errorMessage, isErrorCode } from '../../src/errors.js';
import { describeMode, PYTHON_HERE } from '../../src/run/describe.js';
import { failureResult } from '../../src/run/failure.js';
import { prepareProgram } from '../../src/run/prepare.js';
import { runResult } from '../../src/run/result.js';
import type { Timeline } from '../../src/timeline/model.js';

const REWRITTEN = prepareProgram('import asyncio\nasync def main():\n    pass\nasyncio.run(main())\n');
const output = { stdout: 'out\n', stderr: '', outputCut: { stdout: 3, stderr: 0 } };
const timeline: Timeline = { tasks: [], marks: [], end: 1, finished: true, dropped: 0 };

describe('runResult: one RunResult from each outcome', () => {
  it('a finished run: ok, with its mode, the entry point as written, and the code tips', () => {
    const result = runResult(
      { kind: 'finished', prepared: REWRITTEN, error: null, exitCode: 0, notes: [] },
      { output, durationMs: 12, timeline },
    );
    expect(result.status).to.equal('ok');
    expect(result.mode).to.equal('rewritten');
    expect(result.entryPoint).to.equal('asyncio.run(main())');
    // The "how this ran" line says what entry-rewritten said: the result does not repeat it as a tip.
    expect(REWRITTEN.tips.map((tip) => tip.id)).to.deep.equal(['entry-rewritten']);
    expect(result.tips).to.deep.equal([]);
    expect(result).to.include({ stdout: 'out\n', durationMs: 12, timeline });
    expect(result.outputCut).to.deep.equal({ stdout: 3, stderr: 0 });
  });

  it('a non-zero exit is an error, a stack-switching note sets the mode', () => {
    const result = runResult({
      kind: 'finished',
      prepared: prepareProgram('print(1)\n'),
      error: null,
      exitCode: 1,
      notes: [{ kind: 'blocking-entry', how: 'stack-switching', line: 1 }],
    });
    expect(result.status).to.equal('error');
    expect(result.mode).to.equal('stack-switching');
    expect(result.entryPoint).to.equal(undefined);
  });

  it('a stop and a timeout keep the output and the timeline', () => {
    const stopped = runResult(
      { kind: 'stopped', prepared: REWRITTEN, timedOut: false },
      { output, timeline },
    );
    expect(stopped).to.include({ status: 'stopped', stdout: 'out\n', timeline, mode: 'rewritten' });
    const timedOut = runResult({ kind: 'stopped', prepared: REWRITTEN, timedOut: true }, { output });
    expect(timedOut.status).to.equal('timeout');
  });

  it('a failure on our side is an error of type RuntimeFailure unless told, as failureResult makes it', () => {
    const failed = runResult({ kind: 'failed', message: 'The runtime stopped.' }, { output, timeline });
    expect(failed).to.deep.equal({ ...failureResult('The runtime stopped.', { ...output, timeline }) });
    expect(failed.error).to.deep.include({
      type: 'RuntimeFailure',
      summary: 'The runtime stopped.',
      line: null,
    });
    expect(failed).to.include({ mode: 'unchanged', durationMs: 0, timeline });
    const replaced = runResult({ kind: 'failed', message: 'gone', type: 'RuntimeReplaced' });
    expect(replaced.error!.type).to.equal('RuntimeReplaced');
    expect(replaced).to.include({ stdout: '', stderr: '' });
    expect('timeline' in replaced).to.equal(false);
  });
});

describe('describeMode', () => {
  it("names the entry point and its awaited form in the author's terms, never the runtime's names", () => {
    const line = describeMode('rewritten', 'asyncio.run(main())');
    expect(line).to.contain('`asyncio.run(main())` ran as `await main()`');
    expect(line).to.not.contain('__py_async_run__');
    expect(describeMode('rewritten', 'loop.run_until_complete(go(1, 2))')).to.contain('`await go(1, 2)`');
    expect(describeMode('rewritten', 'asyncio.run(main(), debug=True)')).to.contain('`await main()`');
    expect(describeMode('rewritten')).to.contain('The event loop entry point ran as an await');
  });

  it('says which Python ran, and that nothing ran for a program Python could not read', () => {
    expect(describeMode('unchanged', 'asyncio.run(main())')).to.equal(`Ran as written, ${PYTHON_HERE}.`);
    expect(describeMode('not-run')).to.match(/^Nothing ran/);
    expect(describeMode('not-run')).to.not.contain('as written');
  });

  it('names the CPython of the pinned Pyodide (314.x is CPython 3.14)', async () => {
    const pkg = (await (await fetch('/package.json')).json()) as { dependencies: Record<string, string> };
    const major = pkg.dependencies.pyodide.split('.')[0];
    expect(PYTHON_HERE).to.contain(`CPython ${major[0]}.${major.slice(1)} `);
  });
});

describe('runResult of a program Python could not read', () => {
  /** A run that ended in `SyntaxError: '(' was never closed` at `line`, with that traceback. */
  const syntaxError = (source: string, line: number, traceback: string) =>
    ({
      kind: 'finished',
      prepared: prepareProgram(source),
      exitCode: 1,
      notes: [],
      error: {
        type: 'SyntaxError',
        message: "'(' was never closed",
        summary: "SyntaxError: '(' was never closed",
        line,
        traceback,
      },
    }) as const;

  it('is not-run, with no timeline', () => {
    const result = runResult(
      syntaxError(
        'import asyncio\nasyncio.run(main()\n',
        2,
        '  File "/home/pyodide/main.py", line 2\nSyntaxError: \'(\' was never closed\n',
      ),
      { output, timeline },
    );
    expect(result.mode).to.equal('not-run');
    expect('timeline' in result).to.equal(false);
  });

  it('keeps the mode of a program that raised SyntaxError itself', () => {
    const result = runResult(
      syntaxError(
        'compile("(", "x", "exec")\n',
        1,
        'Traceback (most recent call last):\n  File "/home/pyodide/main.py", line 1\n',
      ),
    );
    expect(result.mode).to.equal('unchanged');
  });
});

describe('the error table', () => {
  it('makes the sentence of each code, and a PyAsyncRunError carries code, sentence and cause', () => {
    const cause = new Error('why');
    const error = new PyAsyncRunError('run-stopped', {}, { cause });
    expect(error).to.include({
      name: 'PyAsyncRunError',
      code: 'run-stopped',
      message: 'The run was stopped.',
    });
    expect(error.cause).to.equal(cause);
    expect(errorMessage('runtime-crashed', { reason: 'boom' })).to.equal('The Python runtime stopped: boom');
    expect(isErrorCode('runtime-crashed')).to.equal(true);
    expect(isErrorCode('toString')).to.equal(false);
  });

  it('keeps the sentence the worker made, and treats a code it does not know as a crash', () => {
    expect(PyAsyncRunError.reported('runtime-start-failed', 'Python could not start.')).to.include({
      code: 'runtime-start-failed',
      message: 'Python could not start.',
    });
    expect(PyAsyncRunError.reported('no-such-code', 'odd').code).to.equal('runtime-crashed');
  });
});
