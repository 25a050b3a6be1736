import type { Tip } from '../tips/types.js';
import { PYTHON_SCRIPT, cleanCode } from './clean-code.js';

export { cleanCode } from './clean-code.js';

type CmsText = typeof import('./cms-text.js');
let cmsText: CmsText | null = null;
let loading: Promise<CmsText | null> | null = null;

/** The CMS repairs, a chunk of their own: most pages never need them. Null when it cannot load (offline). */
function loadCmsText(): Promise<CmsText | null> {
  loading ??= import('./cms-text.js').then(
    (loaded) => (cmsText = loaded),
    () => {
      loading = null;
      return null;
    },
  );
  return loading;
}

const TYPESET = /[\u00a0“”″„‘’′‚–—…]|<\/p>\n<p>/;

/** Signs of a CMS in the element's code: markup in its text, non-breaking spaces, typeset quotes and dashes. */
function mayBeAltered(host: HTMLElement, script: Element | null): boolean {
  if (script) return TYPESET.test(script.textContent ?? '');
  return (
    host.querySelector(':scope > p, :scope > div, :scope br') !== null || TYPESET.test(host.textContent ?? '')
  );
}

const update = (host: HTMLElement) => (host as HTMLElement & { requestUpdate?(): void }).requestUpdate?.();

/**
 * The code an element carries, in order of precedence: the `code` property, a child
 * `<script type="text/python">` (the safe carrier for CMSs), the element's own text. Null when none.
 * Code that shows a CMS's hand is repaired (`cms-text.ts`) once that module is in; until then, and if it
 * cannot load, it is read as it stands, and the element is asked to render again when it arrives.
 */
export function codeFromElement(host: HTMLElement, property: string | undefined): string | null {
  if (property) return property;
  const script = host.querySelector(PYTHON_SCRIPT);
  if (mayBeAltered(host, script)) {
    if (cmsText) return cmsText.readElementCode(host)?.code ?? null;
    void loadCmsText().then((loaded) => loaded && update(host));
  }
  if (script) return cleanCode(script.textContent ?? '');
  let text = '';
  for (const node of host.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    else if (node instanceof HTMLBRElement) text += '\n';
    else if (node instanceof HTMLElement && !node.slot && node.localName !== 'script')
      text += node.textContent ?? '';
  }
  return text.trim() ? cleanCode(text) : null;
}

/**
 * For a run: the repaired code and the tips about it (`code-altered`), waiting for the repairs module when the
 * code needs it (an autorun may come before it arrived). Null when the code needs no repair.
 */
export async function prepareElementCode(
  host: HTMLElement,
  property: string | undefined,
): Promise<{ code: string; tips: Tip[] } | null> {
  if (property || !mayBeAltered(host, host.querySelector(PYTHON_SCRIPT))) return null;
  const loaded = await loadCmsText();
  const code = loaded?.readElementCode(host);
  return loaded && code ? { code: code.code, tips: loaded.codeTips(code) } : null;
}

/**
 * Gives back to the page what an ignored end tag put inside the element (see `cms-text.ts`); only elements
 * with paragraphs can have that, and only they load the module for it.
 */
export function releaseTrailingContent(host: HTMLElement): void {
  if (!host.querySelector(':scope > p, :scope > div')) return;
  if (cmsText) cmsText.releaseTrailingContent(host);
  else void loadCmsText().then((loaded) => loaded?.releaseTrailingContent(host) && update(host));
}

/** Types a server sends for a page, a picture or a document: never a program, though the request succeeded. */
const NOT_PYTHON = /^(?:text\/html|application\/xhtml\+xml|image\/|audio\/|video\/|font\/|application\/pdf)/i;

/**
 * Fetches the program at `src` (resolved against the page): its text, or one sentence saying why there is
 * none, for the element to show instead of running an empty program. A 200 answer can still be wrong: a
 * single-page site's fallback answers any path with its HTML page, so HTML (by type or by its first tag) and
 * binary files are refused too. Aborting `signal` (a newer `src`) ends the request.
 */
export async function fetchProgram(
  src: string,
  signal: AbortSignal,
): Promise<{ code: string } | { error: string }> {
  let response: Response;
  try {
    response = await fetch(new URL(src, document.baseURI), { signal });
  } catch (error) {
    if (!signal.aborted) console.warn(`py-async-run: fetching ${src} failed.`, error);
    return { error: `Could not load ${src}: the request failed (offline, or the server refused it).` };
  }
  if (!response.ok) {
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    return { error: `Could not load ${src}: the server answered ${status}.` };
  }
  const type = response.headers.get('content-type') ?? '';
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    if (!signal.aborted) console.warn(`py-async-run: reading ${src} failed.`, error);
    return { error: `Could not load ${src}: the download broke off.` };
  }
  if (NOT_PYTHON.test(type) || /^\s*<(?:!doctype\s+html|html)[\s>]/i.test(text) || text.includes('\0'))
    return {
      error: `Could not load ${src}: the server sent ${type.split(';')[0] || 'a file'} that is not Python code.`,
    };
  return { code: text };
}
