import { html } from 'lit';
import { highlightPython, type CodeSegment } from './highlight.js';

/**
 * The code block, highlighted. Rendering happens once per frame while output streams, so the code is parsed
 * only when it changes. An `editable` element's block starts the editor when the reader focuses or clicks it.
 */
export class CodeView {
  private highlighted: { source: string; segments: CodeSegment[] } | null = null;

  /** The block showing `source`; `startEditing` is set for an editable element. */
  render(source: string, startEditing: (() => void) | null) {
    if (this.highlighted?.source !== source) this.highlighted = { source, segments: highlightPython(source) };
    const code = this.highlighted.segments.map((segment) =>
      segment.classes ? html`<span class=${segment.classes}>${segment.text}</span>` : segment.text,
    );
    return startEditing
      ? html`<pre
          part="code"
          class="code editable"
          tabindex="0"
          role="group"
          aria-label="Python code, editable: focus it to edit"
          @focus=${startEditing}
          @pointerdown=${startEditing}
        >${code}</pre>`
      : html`<pre part="code" class="code" tabindex="0" role="group" aria-label="Python code">${code}</pre>`;
  }
}
