import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect, runInPage, test, type StartServer } from './fixtures.js';

/** dist/, and `/echo-cookie`, which answers with the Cookie header the request carried ("none" without). */
function serverEchoingCookies(startServer: StartServer) {
  return startServer({
    route: (req: IncomingMessage, res: ServerResponse) => {
      if (!req.url?.startsWith('/echo-cookie')) return false;
      res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end(req.headers.cookie ?? 'none');
      return true;
    },
  });
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

test("requests from Python carry none of the reader's cookies by default", async ({ page, startServer }) => {
  const { url } = await serverEchoingCookies(startServer);
  await openWithCookie(page, url, {});
  // The page's own request does carry it: the cookie is there to be leaked.
  expect(await page.evaluate(async () => (await fetch('/echo-cookie')).text())).toBe('session=reader-secret');
  const result = await runInPage(page, PROBE);
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe('none\nnone\nrefused\n');
});

test("configure({ requestCredentials: 'same-origin' }) lets them carry the site's cookies", async ({
  page,
  startServer,
}) => {
  const { url } = await serverEchoingCookies(startServer);
  await openWithCookie(page, url, { requestCredentials: 'same-origin' });
  const result = await runInPage(page, PROBE);
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe('session=reader-secret\nsession=reader-secret\nsession=reader-secret\n');
});
