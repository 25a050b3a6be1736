/**
 * The colour scheme a page declares for itself (CSS `color-scheme` on its root, else `<meta name="color-scheme">`),
 * when it allows only one: `theme="auto"` follows it before the reader's preference, so a page that declares
 * only light never shows a dark box in it (nor a dark page a light one).
 */
export function declaredPageScheme(doc: Document): 'light' | 'dark' | null {
  const css = getComputedStyle(doc.documentElement).colorScheme;
  const declared =
    css && css !== 'normal'
      ? css
      : (doc.querySelector('meta[name="color-scheme"]')?.getAttribute('content') ?? '');
  const light = /\blight\b/.test(declared);
  const dark = /\bdark\b/.test(declared);
  return light && !dark ? 'light' : dark && !light ? 'dark' : null;
}
