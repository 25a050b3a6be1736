import { configureInPage, expect, runInPage, test } from './fixtures.js';
// @ts-expect-error - plain JS test server
import { startHttpbin } from '../servers/httpbin.js';

interface Httpbin {
  url: string;
  close(): Promise<void>;
}

/** What a program writes by hand over `open_connection`: the runtime's socket layer hands it to the web peer. */
const GET = (host: string, path: string) => `import asyncio

async def main():
    reader, writer = await asyncio.open_connection("${host}", 80)
    writer.write(b"GET ${path} HTTP/1.1\\r\\nHost: ${host}\\r\\nConnection: close\\r\\n\\r\\n")
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
  const result = await runInPage(page, GET('httpbin.org', '/stream/2'));
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe('HTTP/1.1 200 OK\nchunked\nTrue\n');
});

test('a host without CORS headers resets the connection, and the tip says why', async ({ page, distURL }) => {
  await page.goto(distURL);
  await configureInPage(page, { hosts: { 'example.com': closed.url } });
  const result = await runInPage(page, GET('example.com', '/get'));
  expect(result.status).toBe('error');
  expect(result.error?.type).toBe('ConnectionResetError');
  expect(result.error?.message).toContain(
    "the browser refused to fetch http://example.com/get: the host's answer has no CORS headers",
  );
  const tip = result.tips.find((t: { id: string }) => t.id === 'http-refused');
  expect(tip?.message).toContain('without CORS headers');
  // The line that sent the request (the write; the fetch starts there).
  expect(tip?.line).toBe(5);
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
