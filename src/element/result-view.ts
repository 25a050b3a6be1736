import { html, nothing } from 'lit';
import { describeMode } from '../run/describe.js';
import type { RunResult } from '../run/types.js';
import type { Tip } from '../tips/types.js';

/**
 * How a run went, under its output: the line saying how it ran, and its tips. Loaded with the run flow:
 * there is nothing to show before a run.
 */
export function renderResult(result: RunResult) {
  return html`
    <p part="mode" class="mode">${withCode(describeMode(result.mode, result.entryPoint))}</p>
    ${
      result.tips.length
        ? html`<details part="tips" class="tips" open>
            <summary part="tips-summary">Tips (${result.tips.length})</summary>
            <ul aria-label="Tips">
              ${result.tips.map((tip) => renderTip(tip))}
            </ul>
          </details>`
        : nothing
    }
  `;
}

// Every value reaches Lit as a string or a number: a tip's text can carry what the worker reported (an error's
// message, a line), and Lit renders a template object it is handed as markup.
function renderTip(tip: Tip) {
  const docs = webLink(tip.docs);
  const before = asText(tip.before);
  const after = asText(tip.after);
  return html`<li part="tip" class="tip ${tip.severity}" data-tip=${tip.id}>
    ${typeof tip.line === 'number' && tip.line ? html`<span class="line">Line ${tip.line}:</span>` : nothing} ${withCode(tip.message)}
    ${docs ? html`<a part="tip-docs" class="docs" href=${docs} target="_blank" rel="noopener noreferrer">Learn more</a>` : nothing}
    ${
      before && after && before !== after
        ? html`<div part="tip-rewrite" class="rewrite">
            <code class="before">${before}</code> → <code class="after">${after}</code>
          </div>`
        : nothing
    }
  </li>`;
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
