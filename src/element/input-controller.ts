import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** What the controller needs from its element. */
export interface InputHost extends ReactiveControllerHost, HTMLElement {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * The input prompt: a field under the output while the program waits in input(). Enter answers with the
 * line (echoed into the output), Ctrl+D with end of input; the end of the run answers end of input too.
 */
export class InputController implements ReactiveController {
  /** The prompt input() shows, null while the program is not waiting for a line. */
  prompt: string | null = null;
  private answer: ((text: string | null) => void) | null = null;

  constructor(
    private readonly host: InputHost,
    /** Shows the line typed in the output, as a terminal echoes it. */
    private readonly echo: (text: string) => void,
  ) {
    host.addController(this);
  }

  /** Shows the field; resolves with the line, or null (Ctrl+D, or the run ended). */
  ask(prompt: string): Promise<string | null> {
    this.prompt = prompt;
    this.host.requestUpdate();
    return new Promise((resolve) => {
      this.answer = (text) => {
        this.answer = null;
        this.prompt = null;
        this.host.requestUpdate();
        resolve(text);
      };
      void this.host.updateComplete.then(() =>
        this.host.renderRoot.querySelector<HTMLInputElement>('[part="input-field"]')?.focus(),
      );
    });
  }

  /** Answers an open prompt with end of input (the run ended). */
  end(): void {
    this.answer?.(null);
  }

  /** Nothing to set up: a prompt lives only as long as the run that asked (see `end`). */
  hostConnected(): void {}

  render() {
    if (this.prompt === null) return nothing;
    return html`<label part="input" class="input-row"
      ><span class="visually-hidden">Input for the program${this.prompt ? `: ${this.prompt}` : ''}</span
      ><input part="input-field" type="text" autocomplete="off" spellcheck="false" @keydown=${this.onKey}
    /></label>`;
  }

  private readonly onKey = (event: KeyboardEvent) => {
    const field = event.target as HTMLInputElement;
    if (event.key === 'Enter') {
      event.preventDefault();
      const text = field.value;
      this.echo(`${text}\n`);
      this.answer?.(text);
    } else if (event.key === 'd' && event.ctrlKey) {
      event.preventDefault();
      this.answer?.(null);
    }
  };
}
