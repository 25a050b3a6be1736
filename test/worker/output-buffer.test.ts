import { expect } from '@open-wc/testing';
import type { OutputStream } from '../../src/runtime/protocol.js';
import { OutputBuffer } from '../../src/worker/output-buffer.js';

/** A clock the test moves by hand: the buffer's timing is checked without waiting for real time. */
class FakeClock {
  ms = 1_000;
  readonly now = () => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A buffer on a fake clock, with what it sent so far. */
function buffered() {
  const clock = new FakeClock();
  const sent: [OutputStream, string][] = [];
  const buffer = new OutputBuffer((stream, text) => sent.push([stream, text]), clock.now);
  const texts = () => sent.map(([, text]) => text);
  return { clock, sent, texts, buffer };
}

describe('OutputBuffer', () => {
  it('merges writes of one stream and keeps the order across streams', () => {
    const { sent, buffer } = buffered();
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

  it('sends a write at once after a quiet spell', () => {
    const { clock, texts, buffer } = buffered();
    buffer.write('stdout', 'one');
    buffer.write('stdout', 'two');
    clock.advance(40);
    buffer.write('stdout', 'three');
    expect(texts()).to.deep.equal(['one', 'twothree']);
  });

  it('holds a write that comes less than 16 ms after the last send', () => {
    const { clock, texts, buffer } = buffered();
    buffer.write('stdout', 'one');
    clock.advance(15);
    buffer.write('stdout', 'two');
    expect(texts()).to.deep.equal(['one']);
    clock.advance(1);
    buffer.write('stdout', 'three');
    expect(texts()).to.deep.equal(['one', 'twothree']);
  });

  it("sends a run's first write at once, right after the run before it wrote", () => {
    const { texts, buffer } = buffered();
    buffer.write('stdout', 'end of the last run\n');
    buffer.write('stdout', 'Traceback\n');
    buffer.startRun();
    expect(texts()).to.deep.equal(['end of the last run\n', 'Traceback\n']);
    // No time has passed since the last send: without startRun() this would wait for the next flush.
    buffer.write('stdout', 'go\n');
    expect(texts().at(-1)).to.equal('go\n');
  });

  it('sends what waited, when asked while Python runs, once 16 ms have passed since the last send', () => {
    const { clock, texts, buffer } = buffered();
    buffer.write('stdout', 'one\n');
    buffer.write('stdout', 'two\n');
    buffer.due();
    expect(texts(), 'too soon').to.deep.equal(['one\n']);
    clock.advance(15);
    buffer.due();
    expect(texts(), 'still too soon').to.deep.equal(['one\n']);
    clock.advance(5);
    buffer.due();
    expect(texts()).to.deep.equal(['one\n', 'two\n']);
    buffer.due();
    expect(texts(), 'nothing pending').to.have.length(2);
  });

  it('flushes by itself once enough text is pending', () => {
    const { texts, buffer } = buffered();
    for (let i = 0; i < 2000; i++) buffer.write('stdout', 'line of text\n');
    expect(texts().length).to.be.greaterThan(0);
    buffer.flush();
    expect(texts().join('')).to.equal('line of text\n'.repeat(2000));
  });

  it('flushes at 16 K pending characters, however little time passed', () => {
    const { texts, buffer } = buffered();
    buffer.write('stdout', 'start\n');
    buffer.write('stdout', 'x'.repeat(16 * 1024 - 1));
    expect(texts(), 'one character short').to.have.length(1);
    buffer.write('stdout', 'y');
    expect(texts()).to.have.length(2);
    expect(texts()[1]).to.have.length(16 * 1024);
  });
});
