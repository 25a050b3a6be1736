import { expect } from '@open-wc/testing';
import { TimelineMarks, timelineEvents } from '../../src/worker/timeline-marks.js';
import { TimelineBuilder, runningTime } from '../../src/timeline/model.js';

describe('timelineEvents', () => {
  it('turns the runtime compact records into typed events', () => {
    const events = timelineEvents(
      JSON.stringify([
        ['task', 1, 0.5, 'Task-1', 'main'],
        ['run', 1, 0.5, 2],
        ['end', 1, 2, 'failed', 'Task-1', 'ValueError: bad'],
        ['finish', 0, 3, 2],
      ]),
    );
    expect(events).to.deep.equal([
      { kind: 'task', row: 1, t: 0.5, name: 'Task-1', coro: 'main' },
      { kind: 'run', row: 1, from: 0.5, to: 2 },
      { kind: 'end', row: 1, t: 2, outcome: 'failed', name: 'Task-1', error: 'ValueError: bad' },
      { kind: 'finish', t: 3, dropped: 2 },
    ]);
  });
});

describe('TimelineBuilder', () => {
  it('builds tasks in row order from events that arrive in pieces', () => {
    const builder = new TimelineBuilder();
    builder.apply([
      { kind: 'task', row: 2, t: 1, name: 'Task-2', coro: 'worker' },
      { kind: 'task', row: 1, t: 0, name: 'Task-1', coro: 'main' },
      { kind: 'run', row: 1, from: 0, to: 1 },
    ]);
    const first = builder.timeline();
    expect(first.tasks.map((task) => task.row)).to.deep.equal([1, 2]);
    expect(first.finished).to.equal(false);
    expect(first.end).to.equal(1);
    builder.apply(
      [
        { kind: 'run', row: 2, from: 1, to: 4 },
        { kind: 'run', row: 2, from: 6, to: 7 },
        { kind: 'end', row: 2, t: 7, outcome: 'cancelled', name: 'renamed', error: null },
        { kind: 'finish', t: 9, dropped: 0 },
      ],
      [{ t: 5, stream: 'stdout', text: 'hello' }],
    );
    const done = builder.timeline();
    expect(done.finished).to.equal(true);
    expect(done.end).to.equal(9);
    expect(done.tasks[1]).to.include({ name: 'renamed', outcome: 'cancelled', ended: 7 });
    expect(runningTime(done.tasks[1])).to.equal(4);
    expect(done.tasks[0].outcome).to.equal('pending');
    expect(done.marks).to.deep.equal([{ t: 5, stream: 'stdout', text: 'hello' }]);
    // Earlier snapshots stay as they were: a view can compare them.
    expect(first.tasks[1].runs).to.deep.equal([]);
  });
});

describe('TimelineMarks', () => {
  it('marks each printed line once it is complete, per stream, and the unfinished last one at the end', () => {
    const marks = new TimelineMarks(performance.now());
    marks.write('stdout', 'one\ntw');
    marks.write('stderr', 'warning\n');
    marks.write('stdout', 'o\nthree');
    expect(marks.take().map((mark) => [mark.stream, mark.text])).to.deep.equal([
      ['stdout', 'one'],
      ['stderr', 'warning'],
      ['stdout', 'two'],
    ]);
    marks.end();
    expect(marks.take().map((mark) => mark.text)).to.deep.equal(['three']);
    expect(marks.take()).to.deep.equal([]);
  });

  it('keeps a flood of output to a bounded number of short markers', () => {
    const marks = new TimelineMarks(performance.now());
    marks.write('stdout', `${'x'.repeat(500)}\n`.repeat(3000));
    const taken = marks.take();
    expect(taken.length).to.equal(1000);
    expect(taken[0].text.length).to.be.at.most(121);
  });
});
