import type { PyAsyncRunElement } from './py-async-run-element.js';

/**
 * Python code blocks as Markdown renderers and static site generators write them: a `language-python` (or
 * `language-py`) class on the `<code>` (Hugo, markdown-it, marked, Python-Markdown) or on a wrapper around the
 * `<pre>` (MkDocs Material, Jekyll's kramdown with Rouge).
 */
export const PYTHON_CODE_BLOCKS =
  'pre > code.language-python, pre > code.language-py, .language-python pre > code, .language-py pre > code';

/** A block's `data-*` switch `upgrade()` can read: `data-autorun`, `data-no-tips`, `data-timeout`, `data-preload`. */
export type BlockSwitch = 'autorun' | 'no-tips' | 'timeout' | 'preload';

/**
 * The switches `upgrade()` reads from blocks unless told otherwise: only `no-tips`, which hides text and does
 * nothing else. The Markdown on a page is often someone else's (a comment, a wiki, a pull request's docs), so
 * a block must not run its program without the reader's click (`data-autorun`), start a 12 MB download
 * (`data-preload`) or lift the time limit (`data-timeout="0"`) unless the page asks for those switches.
 */
export const SAFE_BLOCK_SWITCHES: readonly BlockSwitch[] = ['no-tips'];

/** Options of `upgrade()`. */
export interface UpgradeOptions {
  /**
   * Which of a block's own `data-*` switches to read; they win over the options below. Default
   * `SAFE_BLOCK_SWITCHES` (`['no-tips']`): pass `['autorun', 'no-tips', 'timeout', 'preload']` only for
   * Markdown whose authors you trust to run code on your readers' pages.
   */
  blockSwitches?: readonly BlockSwitch[];
  /** Run each program as soon as it is on the page (the `autorun` attribute). */
  autorun?: boolean;
  /** Hide the tips (`no-tips`). */
  noTips?: boolean;
  /** Seconds a run may take (`timeout`). */
  timeout?: number;
  /** When to start loading Python (`preload`); one element with `eager` or `visible` is enough for a page. */
  preload?: 'none' | 'visible' | 'eager';
  /**
   * Which blocks to upgrade: all that match (default), `'runnable'` for those that look like programs
   * (see `looksRunnable`), or a function of the code and the block.
   */
  filter?: 'runnable' | ((code: string, block: Element) => boolean);
  /** Where to look; the whole document by default. */
  root?: ParentNode;
}

/**
 * Replaces code blocks with runnable `<py-async-run>` elements and resolves with them. Each matched `<code>`'s
 * text becomes the element's `code`; the block around it (the `<pre>` and its highlighter's wrappers) is
 * replaced, keeping its `id`. Options set the elements' attributes; a block's own `data-*` switches win over
 * them, only those `blockSwitches` allows (`data-no-tips` by default: a block cannot autorun on its own). Idempotent: upgraded blocks are gone, so a
 * second call finds nothing more. Call it once the content is on the page (a module script runs after parsing).
 *
 * Asynchronous because its code is a chunk of its own, fetched on the first call: pages that only use
 * `<py-async-run>` do not load it before their first Run.
 */
export async function upgrade(
  selector: string = PYTHON_CODE_BLOCKS,
  options: UpgradeOptions = {},
): Promise<PyAsyncRunElement[]> {
  const { upgradeBlocks } = await import('./upgrade-blocks.js');
  return upgradeBlocks(selector, options);
}
