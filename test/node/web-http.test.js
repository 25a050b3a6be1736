/**
 * A program's HTTP connection to the web, both halves without the socket layer: the Python peer
 * (py_async_run/web_peer.py, in the pinned Pyodide) sends what a library writes through the worker's fetch
 * side (src/worker/http-fetch.ts, bundled here) to the suite's httpbin (test/servers/httpbin.js) by the host
 * map, and CPython's own http.client parses the bytes that come back. Run with `node --test test/node/`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runtimeSources } from '../../scripts/runtime-sources.js';
import { build } from 'esbuild';
import { loadPyodide } from 'pyodide';
import { startHttpbin } from '../servers/httpbin.js';
import { webWheels } from '../packages/web-wheels.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const packageDir = join(root, 'src/worker/python/py_async_run');

/** src/worker/http-fetch.ts as a module Node can import. */
async function importHttpFetch() {
  const out = await build({
    entryPoints: [join(root, 'src/worker/http-fetch.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'error',
  });
  return import(`data:text/javascript,${encodeURIComponent(out.outputFiles[0].text)}`);
}

// The socket layer's side, played in Python: a connection's received bytes, its end, and its error.
const HARNESS = `
import asyncio, http.client, io, json
from py_async_run import state
from py_async_run.web_peer import HttpPeer, _browser_fetch

class Connection:
    def __init__(self, host, port):
        self.peer = HttpPeer(host, port, _browser_fetch)
        self.received = bytearray()
        self.ended = asyncio.Event()
        self.error = None
        self.peer.on_data = self._data

    def _data(self, data):
        if isinstance(data, OSError):
            self.error = data
            self.ended.set()
        elif data:
            self.received += data
        else:
            self.ended.set()

    async def exchange(self, *requests, seconds=10):
        for request in requests:
            self.peer.send(request)
        await asyncio.wait_for(self.ended.wait(), seconds)
        return bytes(self.received)

class _Kept(io.BufferedReader):
    def close(self):  # http.client closes its file after each response: keep reading the next one
        pass

class _Socket:
    def __init__(self, file):
        self.file = file
    def makefile(self, mode):
        return self.file

def responses(data, methods):
    """The responses in data, parsed by CPython's http.client, one per request method."""
    file = _Kept(io.BytesIO(data))
    found = []
    for method in methods:
        response = http.client.HTTPResponse(_Socket(file), method=method)
        response.begin()
        found.append({
            "status": response.status,
            "reason": response.reason,
            "headers": dict(response.getheaders()),
            "body": response.read().decode("latin-1"),
        })
    found.append({"left": file.read().decode("latin-1")})
    return found

def get(path, host="httpbin.test", close=True, extra=""):
    connection = "Connection: close\\r\\n" if close else ""
    return f"GET {path} HTTP/1.1\\r\\nHost: {host}\\r\\nUser-Agent: test\\r\\n{extra}{connection}\\r\\n".encode()
`;

let httpbin;
let py;
let fetcher;

before(async () => {
  httpbin = await startHttpbin({ cors: true });
  const { HttpFetcher } = await importHttpFetch();
  const scope = {
    fetch: globalThis.fetch.bind(globalThis),
    addEventListener() {},
    navigator: { onLine: true },
    location: { protocol: 'http:' },
  };
  fetcher = new HttpFetcher(scope);
  fetcher.hosts = { 'httpbin.test': httpbin.url, 'down.test': 'http://127.0.0.1:9' };
  py = await loadPyodide({ indexURL: join(root, 'node_modules/pyodide/') });
  for (const path of runtimeSources(packageDir)) {
    py.FS.mkdirTree(`/lib/py_async_run/py_async_run/${path.slice(0, path.lastIndexOf('/') + 1)}`);
    py.FS.writeFile(`/lib/py_async_run/py_async_run/${path}`, readFileSync(join(packageDir, path), 'utf8'));
  }
  py.runPython("import sys; sys.path.insert(0, '/lib/py_async_run')");
  py.registerJsModule('test_hooks', { httpFetch: (request, sink) => fetcher.fetch(request, sink) });
  py.runPython('import test_hooks\nfrom py_async_run import state\nstate.hooks = test_hooks');
  py.runPython(HARNESS);
});

after(async () => {
  await httpbin?.close();
});

/** Runs the Python `body` (indented into an async function) and returns its JSON result. */
async function run(body) {
  const code = `async def _case():\n${body.replace(/^/gm, '    ')}\njson.dumps(await _case())`;
  return JSON.parse(await py.runPythonAsync(code));
}

test('answers a GET through the host map with what http.client parses', async () => {
  const [response, rest] = await run(`
connection = Connection("httpbin.test", 80)
data = await connection.exchange(get("/get?x=1&y=two"))
return responses(data, ["GET"])`);
  assert.equal(response.status, 200);
  assert.equal(response.reason, 'OK');
  assert.equal(response.headers['Content-Type'], 'application/json');
  assert.equal(response.headers.Connection, 'close');
  const echoed = JSON.parse(response.body);
  assert.deepEqual(echoed.args, { x: '1', y: 'two' });
  // The library's User-Agent stays home: it would make every cross-origin request need a preflight.
  assert.notEqual(echoed.headers['User-Agent'], 'test');
  assert.deepEqual(rest, { left: '' });
});

test('keeps the connection alive for several requests, in order, each framed honestly', async () => {
  const answers = await run(`
connection = Connection("httpbin.test", 80)
body = b'{"name": "py", "n": 3}'
post = (b"POST /post HTTP/1.1\\r\\nHost: httpbin.test\\r\\nContent-Type: application/json\\r\\n"
        b"Transfer-Encoding: chunked\\r\\n\\r\\n" + b"%x\\r\\n" % 5 + body[:5] + b"\\r\\n"
        + b"%x\\r\\n" % (len(body) - 5) + body[5:] + b"\\r\\n0\\r\\n\\r\\n")
head = b"HEAD /bytes/100 HTTP/1.1\\r\\nHost: httpbin.test\\r\\n\\r\\n"
# Split mid-request: the peer must wait for the rest.
stream = get("/status/404", close=False) + post + head + get("/gzip")
data = await connection.exchange(stream[:30], stream[30:77], stream[77:])
return responses(data, ["GET", "POST", "HEAD", "GET"])`);
  const [missing, posted, head, gzipped, rest] = answers;
  assert.equal(missing.status, 404);
  assert.equal(missing.reason, 'Not Found');
  assert.equal(missing.headers.Connection, undefined);
  assert.equal(posted.status, 200);
  assert.deepEqual(JSON.parse(posted.body).json, { name: 'py', n: 3 });
  assert.equal(head.headers['Content-Length'], '100');
  assert.equal(head.body, '');
  // fetch decoded the gzip body: its encoding and length go, chunks carry the decoded bytes.
  assert.deepEqual(JSON.parse(gzipped.body), { gzipped: true, method: 'GET' });
  assert.equal(gzipped.headers['Content-Encoding'], undefined);
  assert.equal(gzipped.headers['Transfer-Encoding'], 'chunked');
  assert.deepEqual(rest, { left: '' });
});

test('streams a chunked body and follows redirects', async () => {
  const [streamed, redirected] = await run(`
one = Connection("httpbin.test", 80)
two = Connection("httpbin.test", 80)
return [responses(await one.exchange(get("/stream/3")), ["GET"])[0],
        responses(await two.exchange(get("/redirect/2")), ["GET"])[0]]`);
  const lines = streamed.body
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line).id);
  assert.deepEqual(lines, [0, 1, 2]);
  assert.equal(redirected.status, 200);
  assert.match(JSON.parse(redirected.body).url, /\/get$/);
});

test('aborts the fetch when the socket closes midway', async () => {
  const before = httpbin.aborted;
  const received = await run(`
connection = Connection("httpbin.test", 80)
connection.peer.send(get("/delay/5"))
await asyncio.sleep(0.3)
connection.peer.close()
await asyncio.sleep(0.3)
return len(connection.received)`);
  assert.equal(received, 0);
  assert.equal(httpbin.aborted, before + 1);
});

test('breaks the connection with a reset and the reason when the host cannot be reached', async () => {
  const error = await run(`
connection = Connection("down.test", 80)
await connection.exchange(get("/get"))
return [type(connection.error).__name__, connection.error.errno, str(connection.error)]`);
  assert.equal(error[0], 'ConnectionResetError');
  assert.equal(error[1], 104);
  assert.match(
    error[2],
    /the browser refused to fetch http:\/\/down\.test\/get: the host could not be reached/,
  );
});

test('answers bytes that are no HTTP request with 400 and closes', async () => {
  const [answer] = await run(`
connection = Connection("httpbin.test", 80)
return responses(await connection.exchange(b"HELLO THERE\\r\\n\\r\\n"), ["GET"])`);
  assert.equal(answer.status, 400);
  assert.equal(answer.headers.Connection, 'close');
});

test('passes TLS through for asyncio and for wrap_socket, and fetches https for them', async () => {
  const facts = await run(`
import ssl
from py_async_run import web_tls
web_tls.install()
incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
tls = ssl.create_default_context().wrap_bio(incoming, outgoing, server_hostname="example.com")
tls.do_handshake()
tls.write(b"GET / HTTP/1.1\\r\\n\\r\\n")
try:
    tls.read(10)
    waiting = "no"
except ssl.SSLWantReadError:
    waiting = "yes"
incoming.write(b"HTTP/1.1 200 OK\\r\\n")
got = tls.read(1024)
incoming.write_eof()
class Sock:
    _peer = HttpPeer("example.com", 8443, _browser_fetch)
wrapped = ssl.create_default_context().wrap_socket(Sock(), server_hostname="example.com")
return [outgoing.read().decode(), waiting, got.decode(), tls.read(10).decode(),
        tls.getpeercert()["subjectAltName"][0][1], Sock._peer.scheme, wrapped.version()]`);
  assert.deepEqual(facts, [
    'GET / HTTP/1.1\r\n\r\n',
    'yes',
    'HTTP/1.1 200 OK\r\n',
    '',
    'example.com',
    'https',
    'TLSv1.3',
  ]);
});

test('loads aiohttp, httpx and requests from the repacked wheels, on their pure-Python code', async () => {
  const lockFile = webWheels();
  const packages = await loadPyodide({
    indexURL: join(root, 'node_modules/pyodide/'),
    lockFileURL: lockFile,
    packageBaseUrl: `${dirname(lockFile)}/`,
  });
  await packages.loadPackage(['aiohttp', 'httpx', 'requests'], { messageCallback: () => {} });
  const facts = packages
    .runPython(
      `
import json, aiohttp, httpx, requests, multidict, yarl, aiohttp.http_parser as parser
json.dumps([parser.HttpResponseParser is parser.HttpResponseParserPy, type(multidict.MultiDict()).__module__,
            str(yarl.URL("http://example.com/a?b=c").query), httpx.Client.__module__, requests.Session.__module__])`,
    )
    .toString();
  assert.deepEqual(JSON.parse(facts), [
    true,
    'multidict._multidict_py',
    "<MultiDictProxy('b': 'c')>",
    'httpx',
    'requests.sessions',
  ]);
});
