import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { OutputStream } from '../runtime/protocol.js';
import { failureResult } from '../run/failure.js';
import { loadRunFlow, preloadRunner, runnerUnavailable } from '../run/lazy.js';
import type { RunView } from './run-flow.js';
import type { OutputDetail, RunResult } from '../run/types.js';
import { codeFromElement, fetchProgram, prepareElementCode, releaseTrailingContent } from './code-source.js';
import { highlightPython, type CodeSegment } from './highlight.js';
import type { EditorController } from './editor-controller.js';
import type { OutputLog } from './output-log.js';
import { elementStyles } from './styles.js';
import { LIMITS, readLimit } from './limits.js';
import type { Timeline } from '../timeline/model.js';

type TimelineView = typeof import('./timeline-view.js');

/** Errors of ours that the next Run may not meet again (the runtime, the `src` file): its button says Retry. */
const RETRIED = new Set(['RuntimeFailure', 'SourceUnavailable']);

/** Attributes read as they are written, so a refused value is named as the author wrote it. */
const rawAttribute = { fromAttribute: (value: string | null) => value };

/** What the element is doing; reflected as the `status` attribute so CSS can style it. */
export type ElementStatus = 'idle' | 'loading' | 'running' | 'done' | 'stopped' | 'error';

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
   * The colour scheme: `auto` follows the reader's `prefers-color-scheme`, `light` and `dark` fix it (for a page
   * with its own theme switch). Reflected.
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
  @property({ reflect: true }) status: ElementStatus = 'idle';

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

  @state() private inputPrompt: string | null = null;
  @state() private download: { loaded: number; total: number; what: string } | null = null;
  @state() private offlineReady = false;
  private answerInput: ((text: string | null) => void) | null = null;

  /** The output shown of the current run (OutputLog comes with the run flow, loaded on the first Run). */
  private output: OutputLog | null = null;
  /** The run flow and the views of a run's result, loaded with the first Run. */
  @state() private flow: typeof import('./run-flow.js') | null = null;
  private frame = 0;
  @state() private result: RunResult | null = null;
  @state() private taskTimeline: Timeline | null = null;
  @state() private timelineTableOpen = false;
  /** The timeline's view and styles, loaded when `timeline` is first set: most embeds never draw one. */
  @state() private timelineView: TimelineView | null = null;
  @state() private message = '';
  @state() private loadedSource: string | null = null;

  private activeRun: Promise<RunResult> | null = null;
  private controller: AbortController | null = null;
  private highlighted: { source: string; segments: CodeSegment[] } | null = null;
  private visibility: IntersectionObserver | null = null;

  /** The code this element runs: the reader's edits (`editable`), else the code it was given. */
  get source(): string {
    return this.editor?.edited ?? this.originalSource;
  }

  /** The code the element was given, before any edit. */
  get originalSource(): string {
    return codeFromElement(this, this.code) ?? this.loadedSource ?? '';
  }

  /** The editor's controller, loaded when the reader first goes to edit an `editable` element. */
  private editor: EditorController | null = null;

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
  @state() private copied = false;

  override connectedCallback(): void {
    super.connectedCallback();
    // An element that loads Python at once starts it before its first render: the runtime worker can only
    // start once the page's main thread is free, and the first frame's style and layout come next.
    if (this.preload === 'eager' || this.autorun) void preloadRunner();
    releaseTrailingContent(this);
    // Children (the code) may be parsed after the element upgrades: render again once they are in.
    if (!this.code && document.readyState === 'loading') {
      document.addEventListener(
        'DOMContentLoaded',
        () => {
          releaseTrailingContent(this);
          this.requestUpdate();
        },
        { once: true },
      );
    }
  }

  protected override firstUpdated(): void {
    if (this.autorun) {
      // Code from `src` arrives later: run once it is there.
      void this.run();
    } else if (this.preload === 'eager') void preloadRunner();
    else if (this.preload === 'visible' && 'IntersectionObserver' in window) {
      this.visibility = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.visibility?.disconnect();
        this.visibility = null;
        void preloadRunner();
      });
      this.visibility.observe(this);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.visibility?.disconnect();
    // A run of an element that left the page would only burn the shared runtime.
    this.stop();
  }

  /** Stops the current run, if any; it resolves with status `stopped` and the output so far. */
  stop(): void {
    this.controller?.abort('stopped');
  }

  private timelineLoading: Promise<void> | null = null;

  /** Loads the timeline's view and adds its styles, once; a failed load is said once and tried again later. */
  private loadTimelineView(): Promise<void> {
    this.timelineLoading ??= import('./timeline-view.js').then(
      (view) => {
        const root = this.shadowRoot;
        const sheet = view.timelineStyles.styleSheet;
        if (root && sheet && 'adoptedStyleSheets' in root) {
          root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        } else if (root) {
          const style = document.createElement('style');
          style.textContent = view.timelineStyles.cssText;
          root.append(style);
        }
        this.timelineView = view;
      },
      (error: unknown) => {
        this.timelineLoading = null;
        console.warn('py-async-run: the timeline could not be loaded.', error);
      },
    );
    return this.timelineLoading;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('timeline') && this.timeline && !this.timelineView) void this.loadTimelineView();
    if (changed.has('src') && this.src && !codeFromElement(this, this.code)) void this.loadSrc(this.src);
    else if (changed.has('src') && !this.src) {
      this.sourceRequest?.abort();
      this.sourceLoaded = Promise.resolve();
      this.loadedSource = this.sourceError = null;
    }
  }

  protected override updated(): void {
    // Only while editing: this runs after every render, once per frame while output streams.
    if (!this.editor?.active) return;
    const box = this.renderRoot.querySelector<HTMLElement>('[part="editor"]');
    if (box) this.editor.mount(box, this.originalSource, 'Python code, editable');
  }

  /** Copies the code (with the reader's edits) to the clipboard; the button says "Copied" for a moment. */
  private async copyCode() {
    try {
      await navigator.clipboard.writeText(this.source);
      this.copied = true;
      setTimeout(() => (this.copied = false), 2000);
    } catch (error) {
      this.message = 'Could not copy: the browser refused access to the clipboard.';
      console.warn('py-async-run: copying failed.', error);
    }
  }

  private sourceLoaded: Promise<void> = Promise.resolve();
  /** The request of the latest `src`: a newer `src` aborts it, so the last one set wins whatever answers last. */
  private sourceRequest: AbortController | null = null;
  /** Why the latest `src` gave no program, shown instead of running an empty one. */
  private sourceError: string | null = null;

  private loadSrc(src: string) {
    this.sourceRequest?.abort();
    const request = new AbortController();
    this.sourceRequest = request;
    this.loadedSource = null;
    this.sourceLoaded = fetchProgram(src, request.signal).then((loaded) => {
      if (request.signal.aborted) return;
      this.sourceError = 'error' in loaded ? loaded.error : null;
      this.loadedSource = 'code' in loaded ? loaded.code : null;
      if (this.activeRun) return; // the run shows the outcome
      this.status = this.sourceError ? 'error' : 'idle';
      this.message = this.sourceError ?? '';
    });
    return this.sourceLoaded;
  }

  /** Resolves once the latest `src` has loaded or failed, however often `src` changed meanwhile. */
  private async sourceSettled(): Promise<void> {
    let loading: Promise<void>;
    do {
      loading = this.sourceLoaded;
      await loading;
    } while (loading !== this.sourceLoaded);
  }

  /**
   * Runs the program and resolves with its result. Never rejects for Python errors; a second call while
   * a run is in progress returns that run instead of starting another.
   */
  run(): Promise<RunResult> {
    this.activeRun ??= this.runOnce().finally(() => {
      this.activeRun = null;
    });
    return this.activeRun;
  }

  private async runOnce(): Promise<RunResult> {
    this.output = null;
    this.result = null;
    this.taskTimeline = null;
    this.status = 'loading';
    this.message = 'Loading Python…';
    this.dispatch('py-run-start', {});
    const flowLoading = loadRunFlow(); // starts the runtime on a first run: before anything is awaited
    // Code from `src` may still be on its way (autorun, an early click); a failed one is asked for again.
    if (this.src && !codeFromElement(this, this.code)) {
      if (this.sourceError) void this.loadSrc(this.src);
      await this.sourceSettled();
      if (this.sourceError) return this.sourceUnavailable(this.sourceError);
    }
    const source = this.source;
    const controller = new AbortController();
    this.controller = controller;
    let result: RunResult;
    try {
      // Code a CMS altered runs repaired; the module that repairs it may still be loading (autorun).
      const prepared = await prepareElementCode(this, this.code);
      const code = this.editor?.edited ?? prepared?.code ?? source;
      const flow = await flowLoading;
      this.flow = flow;
      if (flow)
        this.output = new flow.OutputLog({ maxChars: this.maxOutputChars, maxLines: this.maxOutputLines });
      result = flow ? await flow.runFlow(this.runView(), code, controller) : runnerUnavailable();
      // What a CMS had changed in the code (and was repaired) explains the rest of the run: its tip first.
      if (prepared && code === prepared.code)
        result = { ...result, tips: [...prepared.tips, ...result.tips] };
    } catch (error) {
      // A part of ours failed (a chunk that could not load offline, say): a result, never a stuck element.
      console.error('py-async-run: the run failed on our side.', error);
      result = failureResult('The run failed on our side: reload the page to try again.');
    } finally {
      this.controller = null;
      this.answerInput?.(null);
    }
    this.result = result;
    this.taskTimeline = result.timeline ?? null;
    // Controlled by our service worker means it activated, which it does only once everything is cached.
    this.offlineReady = Boolean(globalThis.navigator?.serviceWorker?.controller);
    this.status = result.status === 'ok' ? 'done' : result.status === 'error' ? 'error' : 'stopped';
    this.message = statusMessage(result);
    this.dispatch('py-run-end', { result });
    return result;
  }

  /** The run of an element whose `src` gave no program: an error result saying why, nothing run. */
  private sourceUnavailable(message: string): RunResult {
    const result = failureResult(message, {}, 'SourceUnavailable');
    this.result = result;
    this.status = 'error';
    this.message = message;
    this.dispatch('py-run-end', { result });
    return result;
  }

  /** The element as the run flow sees it (run-flow.ts). */
  private runView(): RunView {
    return {
      element: this,
      showRunning: () => {
        this.status = 'running';
        this.message = 'Running…';
      },
      showMessage: (message) => (this.message = message),
      showDownload: (download) => (this.download = download),
      showTimeline: (timeline) => (this.taskTimeline = timeline),
      write: (stream, text) => {
        this.appendOutput(stream, text);
        this.dispatch('py-output', { stream, text } satisfies OutputDetail);
      },
      askForInput: (prompt) => this.askForInput(prompt),
    };
  }

  /** Shows a field under the output for input(); resolves with the line, or null (Ctrl+D, or the run ended). */
  private askForInput(prompt: string): Promise<string | null> {
    this.inputPrompt = prompt;
    return new Promise((resolve) => {
      this.answerInput = (text) => {
        this.answerInput = null;
        this.inputPrompt = null;
        resolve(text);
      };
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLInputElement>('[part="input-field"]')?.focus(),
      );
    });
  }

  private onInputKey(event: KeyboardEvent) {
    const field = event.target as HTMLInputElement;
    if (event.key === 'Enter') {
      event.preventDefault();
      const text = field.value;
      this.appendOutput('stdin', `${text}\n`);
      this.answerInput?.(text);
    } else if (event.key === 'd' && event.ctrlKey) {
      event.preventDefault();
      this.answerInput?.(null);
    }
  }

  // A flood of output must not render once per message: one render per animation frame at most.
  private appendOutput(stream: OutputStream | 'stdin', text: string) {
    this.output?.append(stream, text);
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.requestUpdate();
    });
  }

  private dispatch(type: string, detail: object) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  protected override render() {
    const busy = this.status === 'loading' || this.status === 'running';
    const result = this.result;
    return html`
      <div part="frame" class="frame">
        ${
          this.editable && this.editor?.active
            ? html`<div part="editor" class="editor"></div>`
            : this.editable
              ? html`<pre
                  part="code"
                  class="code editable"
                  tabindex="0"
                  role="group"
                  aria-label="Python code, editable: focus it to edit"
                  @focus=${() => void this.startEditing()}
                  @pointerdown=${() => void this.startEditing()}
                >${this.renderCode()}</pre>`
              : html`<pre part="code" class="code" tabindex="0" role="group" aria-label="Python code">${this.renderCode()}</pre>`
        }
        <div part="controls" class="bar">
          <button part="run-button" type="button" @click=${() => void this.run()} ?disabled=${busy}>
            ${busy ? 'Running…' : RETRIED.has(this.result?.error?.type ?? '') ? 'Retry' : 'Run'}
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
            this.download && this.download.total > 0
              ? html`<progress
                part="progress"
                aria-label=${`Downloading ${this.download.what}`}
                max=${this.download.total}
                .value=${this.download.loaded}
              ></progress>`
              : nothing
          }
          <span part="status" class="status" role="status">${this.message}</span>
          ${this.offlineReady ? html`<span part="offline" class="offline">Ready offline</span>` : nothing}
        </div>
        <div
          part="output"
          class="output"
          role="log"
          aria-live="polite"
          tabindex="0"
          aria-label="Output"
          aria-busy=${busy ? 'true' : 'false'}
          ?hidden=${!this.output?.chunks.length}
        >${this.renderOutput()}</div>
        <div part="prerendered" class="prerendered" ?hidden=${Boolean(this.output?.chunks.length) || this.result !== null}>
          <slot name="output"></slot>
        </div>
        ${
          this.inputPrompt !== null
            ? html`<label part="input" class="input-row"
              ><span class="visually-hidden">Input for the program${this.inputPrompt ? `: ${this.inputPrompt}` : ''}</span
              ><input part="input-field" type="text" autocomplete="off" spellcheck="false" @keydown=${this.onInputKey}
            /></label>`
            : nothing
        }
        ${this.output?.notice ? html`<p part="output-notice" class="notice" role="note">${this.output.notice}</p>` : nothing}
        ${
          this.timeline && this.taskTimeline && this.timelineView
            ? this.timelineView.renderTimeline(this.taskTimeline, this.timelineTableOpen, (open) => {
                this.timelineTableOpen = open;
              })
            : nothing
        }
        ${result && !this.noTips && this.flow ? this.flow.renderResult(result) : nothing}
        <slot hidden></slot>
      </div>
    `;
  }

  // Rendering happens once per frame while output streams; the code is parsed only when it changes.
  private renderCode() {
    const source = this.source;
    if (this.highlighted?.source !== source) this.highlighted = { source, segments: highlightPython(source) };
    return this.highlighted.segments.map((segment) =>
      segment.classes ? html`<span class=${segment.classes}>${segment.text}</span>` : segment.text,
    );
  }

  // Output is text in spans: Lit sets it as text nodes, so nothing printed is ever parsed as markup. Whole
  // lines go in blocks of their own (outputPieces), so a frame lays out only the block that grew, not every
  // line shown so far.
  private renderOutput() {
    let atLineStart = true;
    return (this.output?.chunks ?? []).map((chunk) => {
      const pieces = outputPieces(chunk.text, atLineStart);
      atLineStart = chunk.text.endsWith('\n');
      return html`<span part=${chunk.stream} class=${chunk.stream}
        >${pieces.map((piece) => (piece.lines ? html`<span class="lines">${piece.text}</span>` : piece.text))}</span
      >`;
    });
  }
}

/** About how many characters of output one block holds (see outputPieces). */
const OUTPUT_PIECE_CHARS = 2000;

/**
 * `text` cut after the first line end past every OUTPUT_PIECE_CHARS characters: the cuts depend only on the
 * text before them, so as output grows the pieces before the last stay the same (Lit leaves them alone). A
 * piece of whole lines (it starts a line and ends one) is drawn as a block, which looks the same as inline
 * text and is laid out alone.
 */
function outputPieces(text: string, startsLine: boolean): { text: string; lines: boolean }[] {
  const pieces: { text: string; lines: boolean }[] = [];
  let from = 0;
  while (from < text.length) {
    const end = text.indexOf('\n', from + OUTPUT_PIECE_CHARS);
    const to = end === -1 ? text.length : end + 1;
    const piece = text.slice(from, to);
    pieces.push({ text: piece, lines: (from > 0 || startsLine) && piece.endsWith('\n') });
    from = to;
  }
  return pieces;
}

function statusMessage(result: RunResult): string {
  const time = `${Math.round(result.durationMs)} ms`;
  if (result.status === 'ok') return `Done in ${time}`;
  if (result.status === 'stopped') return `Stopped after ${time}`;
  if (result.status === 'timeout') return `Timed out after ${time}`;
  const where = result.error?.line ? ` (line ${result.error.line})` : '';
  return `Error${where}: ${result.error?.summary ?? 'the program failed'}`;
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
