import { css } from 'lit';

/**
 * The task timeline's look. Colours are `--py-async-run-timeline-*` custom properties; the defaults are
 * mid-tones that read on light and dark backgrounds alike.
 */
export const timelineStyles = css`
  .timeline {
    margin: 0;
    padding: 0.5em 1em 0.75em;
    border-top: 1px solid var(--py-async-run-border, color-mix(in srgb, CanvasText 12%, transparent));
    font-size: 0.875em;
  }
  .timeline-caption {
    font-weight: 600;
    margin-bottom: 0.3em;
  }
  .timeline-caption span {
    font-weight: normal;
    opacity: 0.75;
  }
  .timeline-svg {
    display: block;
    overflow: visible;
    font-size: 11px;
    font-family: var(--py-async-run-code-font, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
  }
  .timeline-svg text {
    fill: currentColor;
  }
  .timeline-svg .muted,
  .timeline-svg .coro {
    opacity: 0.7;
  }
  .timeline-svg .running,
  .swatch.running {
    fill: var(--py-async-run-timeline-running, #3b82f6);
    background: var(--py-async-run-timeline-running, #3b82f6);
  }
  .timeline-svg .waiting,
  .swatch.waiting {
    fill: var(--py-async-run-timeline-waiting, #94a3b8);
    background: var(--py-async-run-timeline-waiting, #94a3b8);
  }
  .timeline-svg .mark,
  .swatch.mark {
    fill: var(--py-async-run-timeline-mark, #a855f7);
    background: var(--py-async-run-timeline-mark, #a855f7);
  }
  .timeline-svg .mark.stderr {
    fill: var(--py-async-run-timeline-failed, #ef4444);
  }
  .outcome.done,
  .symbol.done {
    fill: var(--py-async-run-timeline-done, #16a34a);
    color: var(--py-async-run-timeline-done, #16a34a);
  }
  .outcome.cancelled,
  .symbol.cancelled {
    fill: var(--py-async-run-timeline-cancelled, #d97706);
    color: var(--py-async-run-timeline-cancelled, #d97706);
  }
  .outcome.failed,
  .symbol.failed {
    fill: var(--py-async-run-timeline-failed, #ef4444);
    color: var(--py-async-run-timeline-failed, #ef4444);
  }
  .timeline-svg .outcome {
    font-weight: 700;
  }
  .timeline-note {
    margin: 0.3em 0;
    font-style: italic;
  }
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em 1em;
    list-style: none;
    margin: 0.4em 0;
    padding: 0;
    font-size: 0.9em;
  }
  .swatch {
    display: inline-block;
    width: 1.2em;
    height: 0.7em;
    margin-right: 0.35em;
    border-radius: 2px;
  }
  .swatch.mark {
    width: 0.25em;
  }
  .symbol {
    margin-right: 0.3em;
    font-weight: 700;
  }
  .timeline-table summary {
    cursor: pointer;
  }
  .timeline-table {
    max-width: 100%;
    overflow-x: auto;
  }
  .timeline-table table {
    border-collapse: collapse;
    margin-top: 0.4em;
    font-size: 0.9em;
  }
  .timeline-table th,
  .timeline-table td {
    text-align: left;
    padding: 0.15em 0.6em 0.15em 0;
    border-bottom: 1px solid var(--py-async-run-border, color-mix(in srgb, CanvasText 12%, transparent));
    white-space: nowrap;
  }
  .timeline-table tbody th {
    font-weight: normal;
  }
`;
