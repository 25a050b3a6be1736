import { expect } from '@open-wc/testing';
import { OutputBuffer } from '../../src/runtime/output-buffer.js';

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

  it('flushes by itself once enough text is pending', () => {
    const sent: string[] = [];
    const buffer = new OutputBuffer((_stream, text) => sent.push(text));
    for (let i = 0; i < 2000; i++) buffer.write('stdout', 'line of text\n');
    expect(sent.length).to.be.greaterThan(0);
    buffer.flush();
    expect(sent.join('')).to.equal('line of text\n'.repeat(2000));
  });
});
