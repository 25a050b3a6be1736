import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { python } from '@codemirror/lang-python';
import { bracketMatching, indentUnit, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

/** What the element gives the editor: the code, and what to do on a change or on Ctrl/Cmd+Enter. */
export interface EditorOptions {
  parent: HTMLElement;
  /** The shadow root the editor lives in: CodeMirror puts its styles there. */
  root: ShadowRoot;
  code: string;
  label: string;
  onChange(code: string): void;
  onRun(): void;
}

/** The editor the element drives: read its code, replace it (Reset), focus it, remove it. */
export interface CodeEditor {
  readonly code: string;
  setCode(code: string): void;
  focus(): void;
  destroy(): void;
}

/**
 * A CodeMirror 6 editor for Python, loaded only when an element is `editable`. Tab indents, so keyboard users
 * leave with Escape then Tab (CodeMirror's own rule for editors that take Tab); Ctrl/Cmd+Enter runs. Tokens
 * get the same `tok-*` classes as the read-only code, so themes style both alike.
 */
export function createEditor(options: EditorOptions): CodeEditor {
  const view = new EditorView({
    root: options.root,
    parent: options.parent,
    state: EditorState.create({
      doc: options.code,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        drawSelection(),
        history(),
        bracketMatching(),
        python(),
        indentUnit.of('    '),
        syntaxHighlighting(classHighlighter),
        keymap.of([
          {
            key: 'Mod-Enter',
            run: () => {
              options.onRun();
              return true;
            },
          },
          indentWithTab,
          ...defaultKeymap,
          ...historyKeymap,
        ]),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    get code() {
      return view.state.doc.toString();
    },
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    focus() {
      view.focus();
    },
    destroy() {
      view.destroy();
    },
  };
}
