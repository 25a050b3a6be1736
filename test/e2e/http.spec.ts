import { configureInPage, expect, runInPage, test } from './fixtures.js';
// @ts-expect-error - plain JS test server
import { startHttpbin } from '../servers/httpbin.js';

interface Httpbin {
  url: string;
  close(): Promise<void>;
}

/**
 * The socket layer's side of a connection to the web, played by the program itself: the runtime's web peer
 * behind an asyncio StreamReader (the peer calls back from JavaScript, so each call goes through the loop).
 * The rest is what a program writes by hand over `open_connection`. (The runtime's modules are hidden from
 * programs during a run: the double steps past that fence, which the run puts back when it ends.)
 */
const OPEN_WEB = `
import asyncio, gc, sys, types
for module in gc.get_objects():
    if isinstance(module, types.ModuleType) and module.__name__.startswith("py_async_run"):
        sys.modules[module.__name__] = module
sys.meta_path[:] = [finder for finder in sys.meta_path if getattr(finder, "__name__", "") != "_RefuseRuntime"]
from py_async_run.web_peer import connect_remote

async def open_web(host, port):
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    peer = connect_remote(host, port)
    peer.on_data = lambda data: loop.call_soon(reader.feed_data if data else reader.feed_eof, *([data] if data else []))
    peer.on_error = lambda error: loop.call_soon(reader.set_exception, error)
    return reader, peer
`;

const GET = (host: string, path: string) => `
async def main():
    reader, peer = await open_web("${host}", 80)
    peer.send(b"GET ${path} HTTP/1.1\\r\\nHost: ${host}\\r\\nConnection: close\\r\\n\\r\\n")
    status = await reader.readline()
    print(status.decode().strip())
    head = (await reader.readuntil(b"\\r\\n\\r\\n")).decode()
    print("chunked" if "Transfer-Encoding: chunked" in head else "length")
    body = await reader.read()
    print(len(body) > 0)

asyncio.run(main())
`;

let cors: Httpbin;
let closed: Httpbin;

test.beforeAll(async () => {
  cors = (await startHttpbin({ cors: true })) as Httpbin;
  closed = (await startHttpbin({ cors: false })) as Httpbin;
});

test.afterAll(async () => {
  await cors.close();
  await closed.close();
});

test('a program reads a host that allows the page, through the host map', async ({ page, distURL }) => {
  await page.goto(distURL);
  await configureInPage(page, { hosts: { 'httpbin.org': cors.url } });
  const result = await runInPage(page, OPEN_WEB + GET('httpbin.org', '/stream/2'));
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe('HTTP/1.1 200 OK\nchunked\nTrue\n');
});

test('a host without CORS headers resets the connection, and the tip says why', async ({ page, distURL }) => {
  await page.goto(distURL);
  await configureInPage(page, { hosts: { 'example.com': closed.url } });
  const result = await runInPage(page, OPEN_WEB + GET('example.com', '/get'));
  expect(result.status).toBe('error');
  expect(result.error?.type).toBe('ConnectionResetError');
  expect(result.error?.message).toContain(
    "the browser refused to fetch http://example.com/get: the host's answer has no CORS headers",
  );
  const tip = result.tips.find((t: { id: string }) => t.id === 'http-refused');
  expect(tip?.message).toContain('without CORS headers');
  // The line that sent the request.
  expect(tip?.line).toBe(OPEN_WEB.split('\n').length + 3);
});

test('configure({ hosts }) refuses a map of another shape, naming the entry', async ({ page, distURL }) => {
  await page.goto(distURL);
  const refusal = await page.evaluate(async () => {
    const api = (await import(new URL('./py-async-run.js', document.baseURI).href)) as {
      configure(o: unknown): void;
    };
    try {
      api.configure({ hosts: { 'httpbin.org': 'ftp://mirror.example/' } });
      return null;
    } catch (error) {
      return {
        name: (error as Error).name,
        code: (error as { code?: string }).code,
        message: (error as Error).message,
      };
    }
  });
  expect(refusal).toEqual({
    name: 'PyAsyncRunError',
    code: 'hosts-invalid',
    message:
      'configure({ hosts }): "httpbin.org" maps to "ftp://mirror.example/", which is not an http(s) URL.',
  });
});

test('the http package fetched on first import is a package, not an empty namespace', async ({
  page,
  distURL,
}) => {
  await page.goto(distURL);
  const result = await runInPage(
    page,
    'from http import HTTPStatus\nimport http.client, urllib.request\nprint(HTTPStatus(418).phrase)\n',
  );
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe("I'm a Teapot\n");
});
