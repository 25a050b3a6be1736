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
    <p part="mode" class="mode">${withCode(describeMode(result.mode, result.tips))}</p>
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

function renderTip(tip: Tip) {
  return html`<li part="tip" class="tip ${tip.severity}" data-tip=${tip.id}>
    ${tip.line ? html`<span class="line">Line ${tip.line}:</span>` : nothing} ${withCode(tip.message)}
    ${tip.docs ? html`<a part="tip-docs" class="docs" href=${tip.docs} target="_blank" rel="noopener noreferrer">Learn more</a>` : nothing}
    ${
      tip.before && tip.after && tip.before !== tip.after
        ? html`<div part="tip-rewrite" class="rewrite">
            <code class="before">${tip.before}</code> → <code class="after">${tip.after}</code>
          </div>`
        : nothing
    }
  </li>`;
}

/** A tip's message with its `backticked` parts as code; text stays text, never markup. */
function withCode(message: string) {
  return message.split('`').map((part, index) => (index % 2 ? html`<code>${part}</code>` : part));
}
