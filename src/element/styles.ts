import { css } from 'lit';

// The default colours of the dark scheme. Private `--_*` properties hold each scheme's defaults; the public
// `--py-async-run-*` ones, when a page sets them, win in both schemes. Canvas and CanvasText follow
// `color-scheme` by themselves.
const darkScheme = css`
  color-scheme: dark;
  --_error: #fca5a5;
  --_focus: #60a5fa;
  --_keyword: #c4b5fd;
  --_string: #86efac;
  --_comment: #a1a1aa;
  --_number: #fcd34d;
  --_definition: #93c5fd;
`;

/**
 * The element's look: every colour and size is a `--py-async-run-*` custom property with a fallback. Light and
 * dark follow the page's own `color-scheme` when it declares only one (`data-page-scheme`, see page-scheme.ts),
 * else `prefers-color-scheme`, unless the `theme` attribute fixes one; with `prefers-reduced-motion` nothing
 * animates.
 */
export const elementStyles = css`
  :host {
    display: block;
    color-scheme: light;
    --_error: #b91c1c;
    --_focus: #2563eb;
    --_keyword: #6d28d9;
    --_string: #166534;
    --_comment: #52525b;
    --_number: #92400e;
    --_definition: #1d4ed8;
    font-family: var(--py-async-run-font, system-ui, sans-serif);
    color: var(--py-async-run-fg, CanvasText);
    margin: 1em 0;
    /* Never wider than its container: long code lines scroll inside the code block instead. */
    min-width: 0;
    max-width: 100%;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light']):not([data-page-scheme='light'])) {
      ${darkScheme}
    }
  }
  :host([theme='dark']),
  :host([data-page-scheme='dark']) {
    ${darkScheme}
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
      scroll-behavior: auto !important;
    }
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
  .code,
  .editor {
    background: var(--py-async-run-code-bg, color-mix(in srgb, CanvasText 4%, Canvas));
  }
  .editor .cm-editor {
    max-height: var(--py-async-run-editor-max-height, 32em);
    font-size: var(--py-async-run-code-size, 0.875em);
  }
  .editor .cm-scroller {
    font-family: var(--py-async-run-code-font, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    line-height: 1.45;
  }
  .editor .cm-gutters {
    background: transparent;
    border-right: 1px solid var(--py-async-run-border, color-mix(in srgb, CanvasText 12%, transparent));
    color: color-mix(in srgb, currentColor 60%, transparent);
  }
  .editor .cm-activeLine,
  .editor .cm-activeLineGutter {
    background: color-mix(in srgb, CanvasText 5%, transparent);
  }
  .editor .cm-editor.cm-focused {
    outline: 2px solid var(--py-async-run-focus, var(--_focus));
    outline-offset: -2px;
  }
  .editor .cm-content {
    caret-color: currentColor;
  }
  .bar {
    display: flex;
    gap: 0.75em;
    align-items: center;
    /* Buttons and the status line wrap onto more rows on a narrow screen. */
    flex-wrap: wrap;
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
  button[part='stop-button'],
  button[part='reset-button'],
  button[part='copy-button'] {
    background: transparent;
    color: inherit;
    border-color: currentColor;
  }
  /* Copy and Reset are about the code, not the run: quieter than Run and Stop. */
  button[part='reset-button'],
  button[part='copy-button'] {
    border-color: color-mix(in srgb, currentColor 55%, transparent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: progress;
  }
  button:focus-visible,
  pre:focus-visible,
  .output:focus-visible {
    outline: 2px solid var(--py-async-run-focus, var(--_focus));
    outline-offset: 2px;
  }
  progress {
    width: 8em;
    max-width: 100%;
    accent-color: var(--py-async-run-accent, #2563eb);
  }
  .offline {
    margin-left: auto;
    font-size: 0.8em;
    opacity: 0.75;
  }
  .status {
    min-width: 0;
    overflow-wrap: anywhere;
    font-size: 0.875em;
    opacity: 0.85;
  }
  :host([status='error']) .status {
    color: var(--py-async-run-error, var(--_error));
  }
  .output .lines {
    display: block;
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
    min-width: 0;
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
    color: var(--py-async-run-stderr, var(--_error));
  }
  .mode,
  .tips {
    margin: 0;
    overflow-wrap: anywhere;
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
  .message + .docs + .message,
  .message + .message,
  .rewrite + .message {
    display: block;
    margin-top: 0.2em;
  }
  .rewrite {
    overflow-wrap: anywhere;
  }
  .tip code {
    font-family: var(--py-async-run-code-font, ui-monospace, monospace);
    font-size: 0.95em;
  }
  .tip .docs {
    margin-left: 0.3em;
    color: var(--py-async-run-link, LinkText);
  }
  .rewrite code,
  .mode code,
  .tip code {
    font-family: var(--py-async-run-code-font, ui-monospace, monospace);
  }
  .tok-keyword {
    color: var(--py-async-run-keyword, var(--_keyword));
  }
  .tok-string,
  .tok-string2 {
    color: var(--py-async-run-string, var(--_string));
  }
  .tok-comment,
  .code-cut {
    color: var(--py-async-run-comment, var(--_comment));
    font-style: italic;
  }
  .tok-number,
  .tok-bool,
  .tok-atom {
    color: var(--py-async-run-number, var(--_number));
  }
  .tok-variableName.tok-definition,
  .tok-propertyName.tok-definition {
    color: var(--py-async-run-definition, var(--_definition));
  }
`;
