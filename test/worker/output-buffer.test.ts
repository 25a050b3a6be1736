import { expect } from '@open-wc/testing';
import { OutputBuffer } from '../../src/worker/output-buffer.js';

describe('OutputBuffer', () => {
  it('merges writes of one stream and keeps the order across streams', () => {
    const sent: [string, string][] = [];
    const buffer = new OutputBuffer((stream, text) => sent.push([stream, text]));
    buffer.write('stdout', 'first');
    expect(sent).to.deep.equal([['stdout', 'first']]);
    buffer.write('stdout', 'a');
    buffer.write('stdout', 'b');
    buffer.write('stderr', 'E');
    buffer.write('stdout', 'c');
    expect(sent).to.have.length(1);
    buffer.flush();
    expect(sent).to.deep.equal([
      ['stdout', 'first'],
      ['stdout', 'ab'],
      ['stderr', 'E'],
      ['stdout', 'c'],
    ]);
  });

  it('sends a write at once after a quiet spell', async () => {
    const sent: string[] = [];
    const buffer = new OutputBuffer((_stream, text) => sent.push(text));
    buffer.write('stdout', 'one');
    buffer.write('stdout', 'two');
    await new Promise((r) => setTimeout(r, 40));
    buffer.write('stdout', 'three');
    expect(sent).to.deep.equal(['one', 'twothree']);
  });

  it("sends a run's first write at once, right after the run before it wrote", () => {
    const sent: string[] = [];
    const buffer = new OutputBuffer((_stream, text) => sent.push(text));
    buffer.write('stdout', 'end of the last run\n');
    buffer.write('stdout', 'Traceback\n');
    buffer.startRun();
    expect(sent).to.deep.equal(['end of the last run\n', 'Traceback\n']);
    // Within a few milliseconds of the last send: without startRun() this would wait for the next flush.
    buffer.write('stdout', 'go\n');
    expect(sent.at(-1)).to.equal('go\n');
  });

  it('sends what waited, when asked while Python runs, once 16 ms have passed since the last send', async () => {
    const sent: string[] = [];
    const buffer = new OutputBuffer((_stream, text) => sent.push(text));
    buffer.write('stdout', 'one\n');
    buffer.write('stdout', 'two\n');
    buffer.due();
    expect(sent, 'too soon').to.deep.equal(['one\n']);
    await new Promise((r) => setTimeout(r, 20));
    buffer.due();
    expect(sent).to.deep.equal(['one\n', 'two\n']);
    buffer.due();
    expect(sent, 'nothing pending').to.have.length(2);
  });

  it('flushes by itself once enough text is pending', () => {
    const sent: string[] = [];
    const buffer = new OutputBuffer((_stream, text) => sent.push(text));
    for (let i = 0; i < 2000; i++) buffer.write('stdout', 'line of text\n');
    expect(sent.length).to.be.greaterThan(0);
    buffer.flush();
    expect(sent.join('')).to.equal('line of text\n'.repeat(2000));
  });
});
