import { expect } from '@open-wc/testing';
import { RuntimeClient } from '../../src/runtime/client.js';
import type { ToWorker, WorkerRunResult } from '../../src/runtime/protocol.js';
import { until } from '../helpers/wait.js';

/** The client's parts these tests drive: its worker and its run waited on, without starting Pyodide. */
interface ClientInside {
  worker: { postMessage(message: ToWorker): void; terminate(): void } | null;
  pending: Map<number, unknown>;
  starting: Map<number, unknown>;
  receive(data: unknown): void;
}

/** A client whose worker is a stand-in, waiting on run 7 (which asks through `onInput`). */
function clientWithRun(onInput?: (prompt: string) => Promise<string | null>) {
  const client = new RuntimeClient();
  const inside = client as unknown as ClientInside;
  const sent: ToWorker[] = [];
  inside.worker = { postMessage: (message) => sent.push(message), terminate: () => undefined };
  const output: string[] = [];
  const run = {
    settled: null as null | { result?: WorkerRunResult; error?: Error },
  };
  inside.pending.set(7, {
    onOutput: (_stream: string, text: string) => output.push(text),
    onInput,
    resolve: (result: WorkerRunResult) => (run.settled = { result }),
    reject: (error: Error) => (run.settled = { error }),
  });
  return { client, receive: (data: unknown) => inside.receive(data), sent, output, run };
}

describe('RuntimeClient.receive', () => {
  it('hands a run only its own, well-formed messages', () => {
    const { receive, output } = clientWithRun();
    const template = {
      _$litType$: 1,
      strings: Object.assign(['<b>x</b>'], { raw: ['<b>x</b>'] }),
      values: [],
    };
    receive({ type: 'output', id: 7, stream: 'stdout', text: [template] });
    receive({ type: 'output', id: 8, stream: 'stdout', text: 'another run' });
    receive({ type: 'output', id: 7, stream: 'stdout', text: 'real\n' });
    expect(output).to.deep.equal(['real\n']);
  });

  it('lets no message end a run or a start it does not name', () => {
    const { receive, run, sent } = clientWithRun();
    receive({ type: 'failed', id: 3, code: 'forged', message: 'Ended by a forged message.' });
    receive({ type: 'result', id: 8, result: { error: null, exitCode: 0, notes: [], durationMs: 1 } });
    receive({ type: 'ready', id: 7, ready: {} });
    expect(run.settled).to.equal(null);
    expect(sent).to.deep.equal([]);
    receive({ type: 'result', id: 7, result: { error: null, exitCode: 0, notes: [], durationMs: 1 } });
    expect(run.settled?.result?.exitCode).to.equal(0);
  });

  it('ends a run whose result is not whole as an error, rather than waiting forever', () => {
    const { receive, run } = clientWithRun();
    receive({ type: 'result', id: 7, result: { error: 'boom', exitCode: 0, notes: [], durationMs: 1 } });
    expect(run.settled?.error).to.include({ code: 'result-invalid' });
  });

  it('asks the reader once per request, and answers only the run that asked', async () => {
    const prompts: string[] = [];
    const answers: ((text: string | null) => void)[] = [];
    const { receive, sent } = clientWithRun((prompt) => {
      prompts.push(prompt);
      return new Promise((resolve) => answers.push(resolve));
    });
    receive({ type: 'input-request', id: 7, prompt: 'Name? ' });
    receive({ type: 'input-request', id: 7, prompt: 'again' });
    receive({ type: 'input-request', id: 8, prompt: 'another run' });
    expect(prompts).to.deep.equal(['Name? ']);
    answers[0]('Ada');
    await until(() => sent.length > 0, 'the answer is sent');
    expect(sent).to.deep.equal([{ type: 'input', id: 7, text: 'Ada' }]);
    // Answered: the run may ask again.
    receive({ type: 'input-request', id: 7, prompt: 'Age? ' });
    expect(prompts).to.deep.equal(['Name? ', 'Age? ']);
  });
});
