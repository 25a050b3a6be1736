import { css } from 'lit';

/** The element's look: every colour and size is a `--py-async-run-*` custom property with a fallback. */
export const elementStyles = css`
  :host {
    display: block;
    color-scheme: light dark;
    font-family: var(--py-async-run-font, system-ui, sans-serif);
    color: var(--py-async-run-fg, CanvasText);
    margin: 1em 0;
  }
  :host([hidden]) {
    display: none;
  }
  .frame {
    border: 1px solid var(--py-async-run-border, color-mix(in srgb, CanvasText 20%, transparent));
    border-radius: var(--py-async-run-radius, 6px);
    overflow: hidden;
    background: var(--py-async-run-bg, Canvas);
  }
  pre,
  .output {
    margin: 0;
    padding: 0.75em 1em;
    font-family: var(--py-async-run-code-font, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    font-size: var(--py-async-run-code-size, 0.875em);
    line-height: 1.45;
    white-space: pre;
    overflow: auto;
    tab-size: 4;
  }
  .code {
    background: var(--py-async-run-code-bg, color-mix(in srgb, CanvasText 4%, Canvas));
  }
  .bar {
    display: flex;
    gap: 0.75em;
    align-items: center;
    padding: 0.5em 1em;
    border-top: 1px solid var(--py-async-run-border, color-mix(in srgb, CanvasText 12%, transparent));
  }
  button {
    font: inherit;
    padding: 0.3em 1em;
    border-radius: 4px;
    border: 1px solid var(--py-async-run-accent, #2563eb);
    background: var(--py-async-run-accent, #2563eb);
    color: var(--py-async-run-accent-fg, #fff);
    cursor: pointer;
  }
  [hidden] {
    display: none !important;
  }
  button[part='stop-button'] {
    background: transparent;
    color: inherit;
    border-color: currentColor;
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  button:focus-visible,
  pre:focus-visible {
    outline: 2px solid var(--py-async-run-focus, #2563eb);
    outline-offset: 2px;
  }
  progress {
    width: 8em;
    accent-color: var(--py-async-run-accent, #2563eb);
  }
  .offline {
    margin-left: auto;
    font-size: 0.8em;
    opacity: 0.75;
  }
  .status {
    font-size: 0.875em;
    opacity: 0.85;
  }
  :host([status='error']) .status {
    color: var(--py-async-run-error, #b91c1c);
  }
  .output {
    border-top: 1px solid var(--py-async-run-border, color-mix(in srgb, CanvasText 12%, transparent));
    white-space: pre-wrap;
    word-break: break-word;
    max-height: var(--py-async-run-output-max-height, 24em);
  }
  .input-row {
    display: flex;
    padding: 0 1em 0.6em;
  }
  .input-row input {
    flex: 1;
    font-family: var(--py-async-run-code-font, ui-monospace, monospace);
    font-size: var(--py-async-run-code-size, 0.875em);
    padding: 0.25em 0.4em;
  }
  .stdin {
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .prerendered ::slotted(*) {
    margin: 0;
    padding: 0.75em 1em;
    opacity: 0.8;
  }
  .notice {
    margin: 0;
    padding: 0.4em 1em;
    font-size: 0.85em;
    font-style: italic;
    border-top: 1px dashed var(--py-async-run-border, color-mix(in srgb, CanvasText 20%, transparent));
  }
  .stderr {
    color: var(--py-async-run-stderr, #b91c1c);
  }
  .mode,
  .tips {
    margin: 0;
    padding: 0.5em 1em;
    font-size: 0.875em;
    border-top: 1px solid var(--py-async-run-border, color-mix(in srgb, CanvasText 12%, transparent));
  }
  .tips ul {
    list-style: none;
    margin: 0.4em 0 0;
    padding: 0;
  }
  .tips summary {
    cursor: pointer;
    font-weight: 600;
  }
  .tip + .tip {
    margin-top: 0.4em;
  }
  .tip.warning::before {
    content: '⚠ ';
  }
  .tip.info::before {
    content: 'ℹ ';
  }
  .line {
    font-weight: 600;
  }
  .rewrite {
    overflow-wrap: anywhere;
  }
  .rewrite code {
    font-family: var(--py-async-run-code-font, ui-monospace, monospace);
  }
  .tok-keyword {
    color: var(--py-async-run-keyword, #7c3aed);
  }
  .tok-string,
  .tok-string2 {
    color: var(--py-async-run-string, #15803d);
  }
  .tok-comment {
    color: var(--py-async-run-comment, #6b7280);
    font-style: italic;
  }
  .tok-number,
  .tok-bool,
  .tok-atom {
    color: var(--py-async-run-number, #b45309);
  }
  .tok-variableName.tok-definition,
  .tok-propertyName.tok-definition {
    color: var(--py-async-run-definition, #1d4ed8);
  }
  @media (prefers-color-scheme: dark) {
    .tok-keyword {
      color: var(--py-async-run-keyword, #c4b5fd);
    }
    .tok-string,
    .tok-string2 {
      color: var(--py-async-run-string, #86efac);
    }
    .stderr {
      color: var(--py-async-run-stderr, #fca5a5);
    }
    .tok-variableName.tok-definition {
      color: var(--py-async-run-definition, #93c5fd);
    }
  }
`;
