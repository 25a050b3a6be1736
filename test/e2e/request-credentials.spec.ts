import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { expect, runInPage, startServer, test } from './fixtures.js';

/** dist/, and `/echo-cookie`, which answers with the Cookie header the request carried ("none" without). */
async function serverEchoingCookies() {
  const { url, server } = await startServer();
  const [serveFile] = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  (server as Server).on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.startsWith('/echo-cookie')) return serveFile(req, res);
    res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
    res.end(req.headers.cookie ?? 'none');
  });
  return { url, server };
}

/** Fetches /echo-cookie from Python, by URL and by a Request asking for every credential. */
const PROBE = `
import js
from pyodide.ffi import to_js

response = await js.fetch("/echo-cookie")
print(await response.text())
request = js.Request.new("/echo-cookie", to_js({"credentials": "include"}, dict_converter=js.Object.fromEntries))
print(await (await js.fetch(request)).text())
xhr = js.XMLHttpRequest.new()
try:
    xhr.open("GET", "/echo-cookie", False)
    xhr.send()
    print(xhr.responseText)
except Exception as exc:
    print("refused" if "SecurityError" in str(exc) else exc)
`;

async function openWithCookie(page: import('@playwright/test').Page, url: string, options: object) {
  await page.goto(url);
  await page.evaluate(async (opts) => {
    document.cookie = 'session=reader-secret; path=/';
    const api = (await import(new URL('./py-async-run.js', document.baseURI).href)) as {
      configure(o: unknown): void;
    };
    api.configure(opts);
  }, options);
}

test("requests from Python carry none of the reader's cookies by default", async ({ page }) => {
  const { url, server } = await serverEchoingCookies();
  try {
    await openWithCookie(page, url, {});
    // The page's own request does carry it: the cookie is there to be leaked.
    expect(await page.evaluate(async () => (await fetch('/echo-cookie')).text())).toBe(
      'session=reader-secret',
    );
    const result = await runInPage(page, PROBE);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('none\nnone\nrefused\n');
  } finally {
    server.close();
  }
});

test("configure({ requestCredentials: 'same-origin' }) lets them carry the site's cookies", async ({
  page,
}) => {
  const { url, server } = await serverEchoingCookies();
  try {
    await openWithCookie(page, url, { requestCredentials: 'same-origin' });
    const result = await runInPage(page, PROBE);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('session=reader-secret\nsession=reader-secret\nsession=reader-secret\n');
  } finally {
    server.close();
  }
});
