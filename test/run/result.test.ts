import { expect } from '@open-wc/testing';
import { PyAsyncRunError, errorMessage, isErrorCode } from '../../src/errors.js';
import { describeMode } from '../../src/run/describe.js';
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
    expect(result.tips.map((tip) => tip.id)).to.deep.equal(['entry-rewritten']);
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
  it('names the entry point from the data, not from a tip', () => {
    expect(describeMode('rewritten', 'asyncio.run(main())')).to.contain('`asyncio.run(main())`');
    expect(describeMode('rewritten')).to.contain('the event loop entry point');
    expect(describeMode('unchanged', 'asyncio.run(main())')).to.equal('Ran as written.');
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
