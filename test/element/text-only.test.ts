import { expect } from '@open-wc/testing';
import { render } from 'lit';
import { OutputLog } from '../../src/element/output-log.js';
import { renderResult, webLink } from '../../src/element/result-view.js';
import { renderTimeline } from '../../src/element/timeline-view.js';
import type { RunResult } from '../../src/run/types.js';
import type { TimelineEvent } from '../../src/runtime/protocol.js';
import { TimelineBuilder } from '../../src/timeline/model.js';
import type { Tip } from '../../src/tips/types.js';
import { imageSettled } from '../helpers/wait.js';

declare global {
  interface Window {
    templateHandlerRan?: boolean;
  }
}

/** A Lit template object as structured clone delivers it from a worker (issue #14). */
function litTemplate() {
  const markup = '<img src=x onerror="window.templateHandlerRan = true">';
  return { _$litType$: 1, strings: Object.assign([markup], { raw: [markup] }), values: [] };
}

/** `value` where the type says text: what a message that slipped past the page's check could carry. */
const forged = <T>(value: unknown) => value as T;

function mount(template: unknown) {
  const host = document.createElement('div');
  document.body.append(host);
  render(template, host);
  return host;
}

/** Resolves once a forged `<img src=x onerror>` drawn so far would have run its handler. */
const settle = () => imageSettled('x');

function result(tips: Tip[]): RunResult {
  return { status: 'ok', stdout: '', stderr: '', mode: 'unchanged', tips, durationMs: 1 };
}

describe('text from the worker renders as text', () => {
  beforeEach(() => {
    delete window.templateHandlerRan;
  });

  it('links a tip to web pages only, never to a javascript: or data: address', () => {
    const tips: Tip[] = [
      { id: 'web', severity: 'info', message: 'web', docs: 'https://docs.python.org/3/' },
      { id: 'script', severity: 'info', message: 'script', docs: 'javascript:alert(document.cookie)' },
      { id: 'spaced', severity: 'info', message: 'spaced', docs: ' JavaScript:alert(1)' },
      { id: 'data', severity: 'info', message: 'data', docs: 'data:text/html,<script>alert(1)</script>' },
      { id: 'relative', severity: 'info', message: 'relative', docs: '/docs' },
    ];
    const host = mount(renderResult(result(tips)));
    const links = [...host.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).to.deep.equal(['https://docs.python.org/3/']);
    expect(webLink('http://example.com/a')).to.equal('http://example.com/a');
    expect(webLink(['https://x.org/'])).to.equal(null);
    host.remove();
  });

  it('renders a tip whose fields hold template objects without making their markup', async () => {
    const tip: Tip = {
      id: 'forged',
      severity: 'error',
      message: forged<string>([litTemplate()]),
      line: forged<number>([litTemplate()]),
      before: forged<string>(litTemplate()),
      after: forged<string>([litTemplate()]),
    };
    const host = mount(renderResult(result([tip])));
    await settle();
    expect(host.querySelector('img')).to.equal(null);
    expect(window.templateHandlerRan).to.equal(undefined);
    host.remove();
  });

  it('keeps output text only: a template object printed shows nothing', async () => {
    const log = new OutputLog({ maxChars: 1000, maxLines: 100 });
    log.append('stdout', forged<string>([litTemplate()]));
    log.append('stdout', 'real\n');
    expect(log.chunks).to.deep.equal([{ stream: 'stdout', text: 'real\n' }]);
  });

  it('builds a timeline of strings and numbers, and an unknown outcome reads as failed', async () => {
    const builder = new TimelineBuilder();
    builder.apply(
      forged<TimelineEvent[]>([
        { kind: 'task', row: 1, t: 0, name: [litTemplate()], coro: litTemplate() },
        { kind: 'task', row: [litTemplate()], t: 0, name: 'n', coro: 'c' },
        { kind: 'run', row: 1, from: 0, to: [litTemplate()] },
        { kind: 'end', row: 1, t: 2, outcome: 'exploded', name: [litTemplate()], error: [litTemplate()] },
        { kind: 'finish', t: 3, dropped: [litTemplate()] },
      ]),
      forged([{ t: 1, stream: litTemplate(), text: [litTemplate()] }]),
    );
    const timeline = builder.timeline();
    expect(
      timeline.tasks.map((task) => [task.row, task.name, task.coro, task.outcome, task.error]),
    ).to.deep.equal([
      [0, 'n', 'c', 'pending', null],
      [1, '', '', 'failed', null],
    ]);
    expect(timeline.marks).to.deep.equal([{ t: 1, stream: 'stdout', text: '' }]);
    expect(timeline.dropped).to.equal(0);
    const host = mount(renderTimeline(timeline, true, () => undefined));
    await settle();
    expect(host.querySelector('img')).to.equal(null);
    expect(window.templateHandlerRan).to.equal(undefined);
    expect(host.querySelector('[data-row="1"] td:last-child')!.textContent).to.contain('failed');
    host.remove();
  });
});
