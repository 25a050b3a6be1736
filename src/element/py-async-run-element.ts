import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OutputDetail, RunResult } from '../run/types.js';
import { prepareElementCode } from './code-source.js';
import { CodeView } from './code-view.js';
import type { EditorController } from './editor-controller.js';
import { InputController } from './input-controller.js';
import { LIMITS, readLimit } from './limits.js';
import { renderOutput } from './output-view.js';
import { PreloadController } from './preload-controller.js';
import { RUN_STATUS, RunController, type ElementStatus } from './run-controller.js';
import { SourceController } from './source-controller.js';
import { declaredPageScheme } from './page-scheme.js';
import { elementStyles } from './styles.js';
import { TimelineController } from './timeline-controller.js';

export type { ElementStatus } from './run-controller.js';

/** Attributes read as they are written, so a refused value is named as the author wrote it. */
const rawAttribute = { fromAttribute: (value: string | null) => value };

/**
 * `<py-async-run>`: shows a Python program and runs it in the browser, printing what CPython prints.
 * Thin by design: code extraction, highlighting, the transform and the runtime live in plain modules.
 *
 * @fires py-run-start - a run begins.
 * @fires py-output - the program printed (`{stream, text}`).
 * @fires py-run-end - a run ended (`{result}`).
 * @slot output - output the author pre-rendered (e.g. `<pre slot="output">`), shown until the first run.
 * @csspart frame - the box around everything.
 * @csspart code - the code block.
 * @csspart controls - the row of buttons, progress and status.
 * @csspart run-button - the Run button.
 * @csspart editor - the code editor (with `editable`).
 * @csspart reset-button - Reset, which brings the original code back (with `editable`).
 * @csspart copy-button - Copy, which copies the code.
 * @csspart stop-button - the Stop button.
 * @csspart progress - the download progress bar (first visit only).
 * @csspart status - the status line.
 * @csspart offline - the "Ready offline" note.
 * @csspart output - the output log.
 * @csspart stdout - a run of stdout text.
 * @csspart stderr - a run of stderr text.
 * @csspart stdin - the echo of a line typed for input().
 * @csspart prerendered - the box around the slotted pre-rendered output.
 * @csspart input - the row asking for input().
 * @csspart input-field - its text field.
 * @csspart output-notice - the note on output cut by the limits.
 * @csspart mode - the line saying how the run went.
 * @csspart tips - the tips box.
 * @csspart tips-summary - its heading.
 * @csspart tip - one tip.
 * @csspart tip-rewrite - a tip's "before → after" code.
 * @csspart tip-docs - a tip's "Learn more" link.
 * @cssprop --py-async-run-font - the font (default `system-ui, sans-serif`).
 * @cssprop --py-async-run-fg - text colour (default `CanvasText`: follows the colour scheme).
 * @cssprop --py-async-run-bg - background (default `Canvas`).
 * @cssprop --py-async-run-border - border colour.
 * @cssprop --py-async-run-radius - corner radius (default `6px`).
 * @cssprop --py-async-run-code-font - monospace font of the code, output and input.
 * @cssprop --py-async-run-code-size - their font size (default `0.875em`).
 * @cssprop --py-async-run-code-bg - background of the code block.
 * @cssprop --py-async-run-accent - the Run button and progress bar colour (default `#2563eb`).
 * @cssprop --py-async-run-accent-fg - text on the accent colour (default `#fff`).
 * @cssprop --py-async-run-focus - the focus ring.
 * @cssprop --py-async-run-error - the status line after an error.
 * @cssprop --py-async-run-stderr - stderr text.
 * @cssprop --py-async-run-output-max-height - the output's height before it scrolls (default `24em`).
 * @cssprop --py-async-run-keyword - highlighted keywords.
 * @cssprop --py-async-run-string - strings.
 * @cssprop --py-async-run-comment - comments.
 * @cssprop --py-async-run-number - numbers, booleans, None.
 * @cssprop --py-async-run-definition - names being defined.
 * @csspart timeline - the task timeline (with `timeline`).
 * @csspart timeline-table - its table.
 */
export class PyAsyncRunElement extends LitElement {
  static override styles = elementStyles;

  /** The program; when unset it comes from a child `<script type="text/python">`, the text, or `src`. */
  @property() code: string | undefined;

  /** URL of a `.py` file to run when the element has no code of its own. */
  @property() src: string | undefined;

  /** Hides the tips. */
  @property({ type: Boolean, attribute: 'no-tips', reflect: true }) noTips = false;

  /**
   * When to start loading Python: `none` (default) on the first Run, `visible` when the element scrolls
   * into view, `eager` at once. All elements share one runtime, so one preloading element is enough.
   */
  @property() preload: 'none' | 'visible' | 'eager' = 'none';

  /** Runs the program once as soon as the element is on the page (the runtime starts then, too). */
  @property({ type: Boolean, reflect: true }) autorun = false;

  /**
   * Packages to load before the run, separated by commas or spaces: names Pyodide builds (`numpy`), or URLs
   * of pure-Python wheels (`./wheels/my_pkg-1.0-py3-none-any.whl`). Packages the code imports are found
   * and loaded without it, unless `no-package-detection` is set.
   */
  @property() packages = '';

  /** Loads only the `packages` named, not those found in the code's imports. */
  @property({ type: Boolean, attribute: 'no-package-detection' }) noPackageDetection = false;

  /**
   * Seconds a run may take before it is stopped with status `timeout`, counted from when it starts running;
   * 0 for no limit, at most 86400 (a day). Any other value is said once in the console and the default used.
   */
  @property({ converter: rawAttribute })
  get timeout(): number {
    return this.limits.timeout;
  }
  set timeout(value: unknown) {
    this.setLimit('timeout', value);
  }

  /**
   * Draws a timeline of the asyncio tasks the program creates (while and after it runs), with the same facts
   * as a table. Off by default: recording costs the program a little time.
   */
  @property({ type: Boolean, reflect: true }) timeline = false;

  /**
   * The colour scheme: `auto` follows the page's declared `color-scheme` when it allows only one (read when the
   * element connects), else the reader's `prefers-color-scheme`; `light` and `dark` fix it (for a page with its
   * own theme switch). Reflected.
   */
  @property({ reflect: true }) theme: 'light' | 'dark' | 'auto' = 'auto';

  /**
   * Makes the code an editor (CodeMirror, loaded when the reader first focuses or clicks the code): Reset
   * brings the original back, Ctrl/Cmd+Enter runs, Escape then Tab leaves the editor.
   */
  @property({ type: Boolean, reflect: true }) editable = false;

  /**
   * Elements with the same session share one namespace, as a notebook's cells: running one first runs the
   * cells of its session above it that have not run yet, in page order. Without it every run is isolated.
   */
  @property({ reflect: true }) session = '';

  /** What the element is doing (read-only). */
  @property({ reflect: true }) status: ElementStatus = RUN_STATUS.idle;

  /**
   * The most output characters shown per run; the rest is cut with a notice. A whole number up to 100000000;
   * any other value is said once in the console and the default used.
   */
  @property({ attribute: 'max-output-chars', converter: rawAttribute })
  get maxOutputChars(): number {
    return this.limits.maxOutputChars;
  }
  set maxOutputChars(value: unknown) {
    this.setLimit('maxOutputChars', value);
  }

  /**
   * The most output lines shown per run; the rest is cut with a notice. A whole number up to 10000000; any
   * other value is said once in the console and the default used.
   */
  @property({ attribute: 'max-output-lines', converter: rawAttribute })
  get maxOutputLines(): number {
    return this.limits.maxOutputLines;
  }
  set maxOutputLines(value: unknown) {
    this.setLimit('maxOutputLines', value);
  }

  private readonly limits: Record<keyof typeof LIMITS, number> = {
    timeout: LIMITS.timeout.fallback,
    maxOutputChars: LIMITS.maxOutputChars.fallback,
    maxOutputLines: LIMITS.maxOutputLines.fallback,
  };

  /** Keeps a limit, or its default when the value is refused (said in the console: see limits.ts). */
  private setLimit(name: keyof typeof LIMITS, value: unknown) {
    const { value: limit, warning } = readLimit(LIMITS[name], value);
    if (warning) console.warn(warning);
    this.limits[name] = limit;
  }

  constructor() {
    super();
    // Starts Python ahead of a Run (`preload`, `autorun`), and runs an `autorun` element after its first render.
    new PreloadController(this);
  }

  private readonly codeSource = new SourceController(this, (error) => this.runs.sourceSettled(error));
  private readonly input = new InputController(this, (text) => this.runs.append('stdin', text));
  private readonly timelines = new TimelineController(this);
  private readonly runs = new RunController(this, {
    sourceUnavailable: () => this.codeSource.unavailable(),
    code: async () => {
      const source = this.source;
      const prepared = await prepareElementCode(this, this.code);
      const code = this.editor?.edited ?? prepared?.code ?? source;
      return { code, tips: prepared && code === prepared.code ? prepared.tips : [] };
    },
    ask: (prompt) => this.input.ask(prompt),
    endInput: () => this.input.end(),
  });
  /** The editor's controller, loaded when the reader first goes to edit an `editable` element. */
  private editor: EditorController | null = null;
  private readonly codeView = new CodeView();
  @state() private copied = false;
  /** The page's declared colour scheme when it allows only one (page-scheme.ts). */
  private pageScheme: 'light' | 'dark' | null = null;

  /** The code this element runs: the reader's edits (`editable`), else the code it was given. */
  get source(): string {
    return this.editor?.edited ?? this.originalSource;
  }

  /** The code the element was given, before any edit. */
  get originalSource(): string {
    return this.codeSource.code;
  }

  /**
   * Runs the program and resolves with its result. Never rejects for Python errors; a second call while
   * a run is in progress returns that run instead of starting another.
   */
  run(): Promise<RunResult> {
    return this.runs.run();
  }

  /** Stops the current run, if any; it resolves with status `stopped` and the output so far. */
  stop(): void {
    this.runs.stop();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.pageScheme = declaredPageScheme(document);
    this.showPageScheme();
  }

  /** Marks the host with the page's scheme (styles.ts) under theme="auto": a theme the author set wins. */
  private showPageScheme(): void {
    const scheme = this.theme === 'auto' ? this.pageScheme : null;
    if (scheme) this.setAttribute('data-page-scheme', scheme);
    else this.removeAttribute('data-page-scheme');
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('theme')) this.showPageScheme();
    if (changed.has('timeline') && this.timeline) void this.timelines.load();
    if (changed.has('src')) this.codeSource.srcChanged();
  }

  protected override updated(): void {
    // Only while editing: this runs after every render, once per frame while output streams.
    if (!this.editor?.active) return;
    const box = this.renderRoot.querySelector<HTMLElement>('[part="editor"]');
    if (box) this.editor.mount(box, this.originalSource, 'Python code, editable');
  }

  private async startEditing() {
    try {
      const { EditorController } = await import('./editor-controller.js');
      this.editor ??= new EditorController(this);
      this.editor.start();
    } catch (error) {
      // Offline before the editor was ever fetched: the code stays readable and runnable, not editable.
      console.warn('py-async-run: the editor could not be loaded; the code stays read-only.', error);
    }
  }

  /** Copies the code (with the reader's edits) to the clipboard; the button says "Copied" for a moment. */
  private async copyCode() {
    try {
      await navigator.clipboard.writeText(this.source);
      this.copied = true;
      setTimeout(() => (this.copied = false), 2000);
    } catch (error) {
      this.runs.say('Could not copy: the browser refused access to the clipboard.');
      console.warn('py-async-run: copying failed.', error);
    }
  }

  protected override render() {
    const { busy, result, output, download } = this.runs;
    return html`
      <div part="frame" class="frame">
        ${
          this.editable && this.editor?.active
            ? html`<div part="editor" class="editor"></div>`
            : this.codeView.render(this.source, this.editable ? () => void this.startEditing() : null)
        }
        <div part="controls" class="bar">
          <button part="run-button" type="button" @click=${() => void this.run()} ?disabled=${busy}>
            ${busy ? 'Running…' : this.runs.retry ? 'Retry' : 'Run'}
          </button>
          <button part="stop-button" type="button" @click=${() => this.stop()} ?hidden=${!busy}>Stop</button>
          ${
            this.editable
              ? html`<button
                  part="reset-button"
                  type="button"
                  @click=${() => this.editor?.reset(this.originalSource)}
                  ?disabled=${(this.editor?.edited ?? null) === null || this.editor?.edited === this.originalSource}
                >
                  Reset
                </button>`
              : nothing
          }
          <button part="copy-button" type="button" @click=${() => void this.copyCode()} aria-live="polite">
            ${this.copied ? 'Copied' : 'Copy'}
          </button>
          ${
            download && download.total > 0
              ? html`<progress
                part="progress"
                aria-label=${`Downloading ${download.what}`}
                max=${download.total}
                .value=${download.loaded}
              ></progress>`
              : nothing
          }
          <span part="status" class="status" role="status">${this.runs.message}</span>
          ${this.runs.offlineReady ? html`<span part="offline" class="offline">Ready offline</span>` : nothing}
        </div>
        <div
          part="output"
          class="output"
          role="log"
          aria-live="polite"
          tabindex="0"
          aria-label="Output"
          aria-busy=${busy ? 'true' : 'false'}
          ?hidden=${!output?.chunks.length}
        >${renderOutput(output)}</div>
        <div part="prerendered" class="prerendered" ?hidden=${Boolean(output?.chunks.length) || result !== null}>
          <slot name="output"></slot>
        </div>
        ${this.input.render()}
        ${output?.notice ? html`<p part="output-notice" class="notice" role="note">${output.notice}</p>` : nothing}
        ${this.timeline ? this.timelines.render(this.runs.timeline) : nothing}
        ${result && !this.noTips && this.runs.view ? this.runs.view.renderResult(result) : nothing}
        <slot hidden></slot>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'py-async-run': PyAsyncRunElement;
  }
  interface HTMLElementEventMap {
    'py-run-start': CustomEvent<Record<string, never>>;
    'py-output': CustomEvent<OutputDetail>;
    'py-run-end': CustomEvent<{ result: RunResult }>;
  }
}
