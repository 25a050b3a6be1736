import { expect, runInPage, test } from './fixtures.js';

/**
 * The policy of README's "Content Security Policy": scripts and workers from the page's origin, WebAssembly
 * compilation, nothing else. (img-src and the inline style are the demo page's own favicon and styles.)
 */
const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; " +
  "img-src 'self' data:; style-src 'self' 'unsafe-inline'";

test('runs under a strict Content Security Policy without unsafe-eval or inline scripts', async ({
  page,
  startServer,
}) => {
  const { url } = await startServer({
    headers: (path: string) =>
      path.endsWith('.html') || path.endsWith('/') ? { 'content-security-policy': STRICT_CSP } : {},
  });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused/.test(message.text())) violations.push(message.text());
  });
  await page.goto(url);
  const result = await runInPage(
    page,
    'import asyncio\nasync def main():\n    print("csp ok")\nasyncio.run(main())\n',
  );
  expect(result.stdout).toBe('csp ok\n');
  expect(violations).toEqual([]);
});
