import { html, nothing } from 'lit';
import { describeMode } from '../run/describe.js';
import type { RunResult } from '../run/types.js';
import type { Tip } from '../tips/types.js';

/**
 * How a run went, under its output: the line saying how it ran, and its tips. Loaded with the run flow:
 * there is nothing to show before a run.
 */
export function renderResult(result: RunResult) {
  // Info tips wait one click away; a warning or an error opens the list by itself.
  const open = result.tips.some((tip) => tip.severity !== 'info');
  return html`
    <p part="mode" class="mode">${withCode(describeMode(result.mode, result.entryPoint))}</p>
    ${
      result.tips.length
        ? html`<details part="tips" class="tips" ?open=${open}>
            <summary part="tips-summary">Tips (${result.tips.length})</summary>
            <ul aria-label="Tips">
              ${byLine(result.tips).map((tips) => renderTips(tips))}
            </ul>
          </details>`
        : nothing
    }
  `;
}

const SEVERITY_RANK: Record<string, number> = { info: 0, warning: 1, error: 2 };

/**
 * The tips grouped by line, in the order their lines first appear: tips at one line read as one item
 * ("Line 7:" once), tips without a line each on their own.
 */
export function byLine(tips: readonly Tip[]): Tip[][] {
  const groups: Tip[][] = [];
  const atLine = new Map<number, Tip[]>();
  for (const tip of tips) {
    const line = typeof tip.line === 'number' && tip.line ? tip.line : null;
    const group = line === null ? undefined : atLine.get(line);
    if (group) group.push(tip);
    else {
      groups.push([tip]);
      if (line !== null) atLine.set(line, groups[groups.length - 1]);
    }
  }
  return groups;
}

// Every value reaches Lit as a string or a number: a tip's text can carry what the worker reported (an error's
// message, a line), and Lit renders a template object it is handed as markup.
function renderTips(tips: readonly Tip[]) {
  const [first] = tips;
  const severity = tips.reduce(
    (worst, tip) => ((SEVERITY_RANK[tip.severity] ?? 0) > (SEVERITY_RANK[worst] ?? 0) ? tip.severity : worst),
    first.severity,
  );
  const line = typeof first.line === 'number' && first.line ? first.line : null;
  return html`<li part="tip" class="tip ${asText(severity)}" data-tip=${tips.map((tip) => asText(tip.id)).join(' ')}>
    ${line ? html`<span class="line">Line ${line}:</span>` : nothing} ${tips.map((tip) => renderMessage(tip))}
  </li>`;
}

function renderMessage(tip: Tip) {
  const docs = webLink(tip.docs);
  const before = asText(tip.before);
  const after = asText(tip.after);
  return html`<span class="message">${withCode(tip.message)}</span>
    ${docs ? html`<a part="tip-docs" class="docs" href=${docs} target="_blank" rel="noopener noreferrer">Learn more</a>` : nothing}
    ${
      before && after && before !== after
        ? html`<div part="tip-rewrite" class="rewrite">
            <code class="before">${before}</code> → <code class="after">${after}</code>
          </div>`
        : nothing
    }`;
}

/** A tip's message with its `backticked` parts as code; text stays text, never markup. */
function withCode(message: string) {
  return asText(message)
    .split('`')
    .map((part, index) => (index % 2 ? html`<code>${part}</code>` : part));
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * `docs` as a link's address when it is a web page (`https:` or `http:`), else null: a `javascript:` or
 * `data:` address would run script in the page when the reader follows "Learn more".
 */
export function webLink(docs: unknown): string | null {
  if (typeof docs !== 'string') return null;
  try {
    const url = new URL(docs);
    return url.protocol === 'https:' || url.protocol === 'http:' ? docs : null;
  } catch {
    return null;
  }
}
