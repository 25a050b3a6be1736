import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CodeEditor } from './editor.js';

type EditorModule = typeof import('./editor.js');

/** What the controller needs from its element. */
export interface EditableHost extends ReactiveControllerHost, HTMLElement {
  readonly shadowRoot: ShadowRoot | null;
  run(): unknown;
}

/**
 * The `editable` part of the element: loads CodeMirror when the reader first goes to edit (focuses or
 * clicks the code), so a page of editable snippets costs nothing more until one is edited; mounts it in
 * the element's editor box, and holds the reader's edits, which the element runs instead of the original.
 * Reset brings the original back.
 */
export class EditorController implements ReactiveController {
  /** The reader's code, null while it is the original. */
  edited: string | null = null;
  private module: EditorModule | null = null;
  private loading: Promise<void> | null = null;
  private editor: CodeEditor | null = null;
  private mountedIn: HTMLElement | null = null;

  constructor(private readonly host: EditableHost) {
    host.addController(this);
  }

  /** The reader went to edit, and the editor's code is there: show the editor. */
  get active(): boolean {
    return this.wanted && this.module !== null;
  }

  private wanted = false;
  private focusOnMount = false;

  /** The reader went to edit: loads the editor and shows it in place of the code, focused. */
  start(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.focusOnMount = true;
    this.load();
  }

  /** Starts loading the editor; the host renders again once it is there. */
  load(): void {
    this.loading ??= import('./editor.js').then(
      (module) => {
        this.module = module;
        this.host.requestUpdate();
      },
      (error: unknown) => {
        // Offline before the editor was ever fetched: the code stays readable and runnable, just not editable.
        this.loading = null;
        console.warn('py-async-run: the editor could not be loaded; the code stays read-only.', error);
      },
    );
  }

  /** Puts the editor into `container` (once per container) with `code`. */
  mount(container: HTMLElement, code: string, label: string): void {
    if (!this.module || !this.host.shadowRoot || this.mountedIn === container) return;
    this.editor?.destroy();
    this.mountedIn = container;
    this.editor = this.module.createEditor({
      parent: container,
      root: this.host.shadowRoot,
      code: this.edited ?? code,
      label,
      onChange: (next) => {
        this.edited = next;
        this.host.requestUpdate();
      },
      onRun: () => void this.host.run(),
    });
    if (this.focusOnMount) {
      this.focusOnMount = false;
      this.editor.focus();
    }
  }

  /** Back to the original code. */
  reset(original: string): void {
    this.editor?.setCode(original);
    // setCode reports the change like a keystroke would: the code is the original again, not an edit.
    this.edited = null;
    this.host.requestUpdate();
    this.editor?.focus();
  }

  /** Back on the page after a move: render again, so the editor is mounted anew. */
  hostConnected(): void {
    if (this.module) this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.editor?.destroy();
    this.editor = null;
    this.mountedIn = null;
  }
}
