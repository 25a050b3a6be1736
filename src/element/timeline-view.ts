import { html, nothing, svg } from 'lit';
export { timelineStyles } from './timeline-styles.js';
import { runningTime, type TaskOutcome, type Timeline, type TimelineTask } from '../timeline/model.js';

/** Rows drawn in the picture; the table lists every task. */
const MAX_DRAWN_ROWS = 60;
/** Rows listed in the table. */
const MAX_TABLE_ROWS = 1000;
/** Where the bars start and how wide they are, in percent of the picture's width: labels sit left of them. */
const BARS_FROM = 26;
const BARS_WIDTH = 72;
const ROW_HEIGHT = 18;
const MARKS_HEIGHT = 16;
const AXIS_HEIGHT = 18;

/** Words for each outcome, with a symbol, so an outcome never rests on colour alone. */
const outcomeWords: Record<TaskOutcome, { symbol: string; label: string }> = {
  pending: { symbol: '…', label: 'still pending when the run ended' },
  done: { symbol: '✓', label: 'done' },
  cancelled: { symbol: '⊘', label: 'cancelled' },
  failed: { symbol: '✗', label: 'failed' },
};

/** The words of an outcome; one the view does not know (the model makes none) reads as failed. */
const wordsFor = (outcome: TaskOutcome) =>
  Object.hasOwn(outcomeWords, outcome) ? outcomeWords[outcome] : outcomeWords.failed;

const ms = (t: number) => (t < 10 ? t.toFixed(1) : Math.round(t).toString());

/**
 * The task timeline: an SVG picture (a row per task, bars for running and waiting, a symbol for how the task
 * ended, the program's printed lines as markers on top) and the same facts as a table. Widths are percentages,
 * so the picture fits any width without measuring it; text stays in pixels and keeps its shape. The table's
 * rows are made only while it is open (`tableOpen`; `onToggle` reports the reader opening or closing it): a
 * thousand rows would cost every update while the program runs.
 */
export function renderTimeline(timeline: Timeline, tableOpen: boolean, onToggle: (open: boolean) => void) {
  const span = Math.max(timeline.end, 1);
  const x = (t: number) => BARS_FROM + (Math.min(Math.max(t, 0), span) / span) * BARS_WIDTH;
  const drawn = timeline.tasks.slice(0, MAX_DRAWN_ROWS);
  const height = MARKS_HEIGHT + drawn.length * ROW_HEIGHT + AXIS_HEIGHT;
  const count = timeline.tasks.length + timeline.dropped;
  const summary =
    `Timeline of ${count} asyncio task${count === 1 ? '' : 's'} over ${ms(span)} ms` +
    (timeline.finished ? '' : ', still running') +
    '; the table below lists the same facts.';
  return html`
    <figure part="timeline" class="timeline">
      <figcaption class="timeline-caption">Tasks over time ${timeline.finished ? nothing : html`<span>(running…)</span>`}</figcaption>
      <svg role="img" aria-label=${summary} width="100%" height=${height} class="timeline-svg">
        <clipPath id="labels"><rect x="0" y="0" width="${BARS_FROM - 1}%" height="100%"></rect></clipPath>
        <g class="marks">
          <text x="0" y="11" class="label muted">output</text>
          ${timeline.marks.map(
            (mark) =>
              svg`<rect class="mark ${mark.stream}" x="${x(mark.t)}%" y="2" width="2" height="12"><title>${ms(mark.t)} ms: ${mark.text}</title></rect>`,
          )}
        </g>
        ${drawn.map((task, index) => renderRow(task, MARKS_HEIGHT + index * ROW_HEIGHT, x, timeline))}
        <g class="axis" transform="translate(0 ${height - 4})">
          <text x="${BARS_FROM}%" class="muted">0 ms</text>
          <text x="${BARS_FROM + BARS_WIDTH / 2}%" text-anchor="middle" class="muted">${ms(span / 2)} ms</text>
          <text x="${BARS_FROM + BARS_WIDTH}%" text-anchor="end" class="muted">${ms(span)} ms</text>
        </g>
      </svg>
      ${
        timeline.tasks.length > drawn.length || timeline.dropped
          ? html`<p class="timeline-note">
              ${timeline.tasks.length > drawn.length ? `The first ${drawn.length} tasks are drawn; the table lists ${Math.min(timeline.tasks.length, MAX_TABLE_ROWS)}.` : ''}
              ${timeline.dropped ? ` ${timeline.dropped} more tasks were not recorded.` : ''}
            </p>`
          : nothing
      }
      <ul class="legend" aria-hidden="true">
        <li><span class="swatch running"></span>running</li>
        <li><span class="swatch waiting"></span>waiting</li>
        ${(['done', 'cancelled', 'failed'] as const).map(
          (outcome) =>
            html`<li><span class="symbol ${outcome}">${outcomeWords[outcome].symbol}</span>${outcome}</li>`,
        )}
        <li><span class="swatch mark"></span>a printed line</li>
      </ul>
      <details
        part="timeline-table"
        class="timeline-table"
        .open=${tableOpen}
        @toggle=${(event: Event) => onToggle((event.target as HTMLDetailsElement).open)}
      >
        <summary>Timeline as a table</summary>
        ${tableOpen ? renderTable(timeline) : nothing}
      </details>
    </figure>
  `;
}

function renderRow(task: TimelineTask, top: number, x: (t: number) => number, timeline: Timeline) {
  const end = task.ended ?? timeline.end;
  const middle = top + ROW_HEIGHT / 2;
  const words = wordsFor(task.outcome);
  const title = `${task.name} (${task.coro}): created at ${ms(task.created)} ms, ran ${ms(runningTime(task))} ms, ${
    task.ended === null ? words.label : `${words.label} at ${ms(task.ended)} ms`
  }${task.error ? `: ${task.error}` : ''}`;
  return svg`<g class="task ${task.outcome}" data-row=${task.row} data-name=${task.name}>
    <title>${title}</title>
    <text x="0" y=${middle + 4} class="label" clip-path="url(#labels)">${task.name} <tspan class="coro">${task.coro}</tspan></text>
    <rect class="waiting" x="${x(task.created)}%" y=${middle - 2} width="${Math.max(x(end) - x(task.created), 0.2)}%" height="4"></rect>
    ${mergeRuns(task.runs, timeline.end).map(
      (run) =>
        svg`<rect class="running" x="${x(run.from)}%" y=${top + 3} width="${Math.max(x(run.to) - x(run.from), 0.25)}%" height=${ROW_HEIGHT - 6}></rect>`,
    )}
    ${
      task.ended === null
        ? nothing
        : svg`<text class="outcome ${task.outcome}" x="${x(task.ended)}%" dx="3" y=${middle + 4}>${words.symbol}</text>`
    }
  </g>`;
}

/** Runs closer than a fifth of a percent of the picture merge into one bar: the eye cannot tell them apart. */
function mergeRuns(runs: readonly { from: number; to: number }[], span: number) {
  const gap = Math.max(span, 1) * 0.002;
  const merged: { from: number; to: number }[] = [];
  for (const run of runs) {
    const last = merged.at(-1);
    if (last && run.from - last.to < gap) last.to = Math.max(last.to, run.to);
    else merged.push({ ...run });
  }
  return merged;
}

function renderTable(timeline: Timeline) {
  return html`<table>
    <caption class="visually-hidden">
      Asyncio tasks in creation order (times in milliseconds since the run started)
    </caption>
    <thead>
      <tr>
        <th scope="col">#</th>
        <th scope="col">Task</th>
        <th scope="col">Coroutine</th>
        <th scope="col">Created (ms)</th>
        <th scope="col">Running (ms)</th>
        <th scope="col">Ended (ms)</th>
        <th scope="col">Outcome</th>
      </tr>
    </thead>
    <tbody>
      ${timeline.tasks.slice(0, MAX_TABLE_ROWS).map(
        (task) => html`<tr data-row=${task.row}>
          <td>${task.row}</td>
          <th scope="row">${task.name}</th>
          <td><code>${task.coro}</code></td>
          <td>${ms(task.created)}</td>
          <td>${ms(runningTime(task))}</td>
          <td>${task.ended === null ? '—' : ms(task.ended)}</td>
          <td>${wordsFor(task.outcome).symbol} ${wordsFor(task.outcome).label}${task.error ? `: ${task.error}` : ''}</td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
