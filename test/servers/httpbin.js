/**
 * A small httpbin (https://httpbin.org) for the suite: the endpoints HTTP tutorials call, answered the same
 * to CPython (to record a program's output) and to a program in the browser (through `configure({ hosts })`).
 * Started with CORS headers or without them, as a host that lets a page read it or one that does not.
 *
 * `node test/servers/httpbin.js [port] [--no-cors]` serves until killed (for recording CPython's output).
 *
 * Endpoints: /get, /post /put /patch /delete (echo JSON), /anything, /headers, /status/N, /redirect/N,
 * /delay/S, /stream/N (chunked, a JSON line each), /bytes/N, /gzip, /json, /html.
 */
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { gzipSync } from 'node:zlib';

/** The request's headers, with httpbin's capitalization (`content-type` -> `Content-Type`). */
function echoedHeaders(req) {
  const headers = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i].replace(/(^|-)([a-z])/g, (_, dash, letter) => dash + letter.toUpperCase());
    headers[name] = headers[name] ? `${headers[name]},${req.rawHeaders[i + 1]}` : req.rawHeaders[i + 1];
  }
  return headers;
}

/** httpbin's JSON echo of a request: args, headers, url, and for a body, data/json/form. */
function echo(req, url, body) {
  const args = Object.fromEntries(url.searchParams);
  const reply = { args, headers: echoedHeaders(req), url: url.href };
  if (body !== undefined) {
    const text = body.toString('utf8');
    const type = req.headers['content-type'] ?? '';
    let json = null;
    let form = {};
    if (type.startsWith('application/json')) {
      try {
        json = JSON.parse(text);
      } catch {
        json = null;
      }
    } else if (type.startsWith('application/x-www-form-urlencoded')) {
      form = Object.fromEntries(new URLSearchParams(text));
    }
    Object.assign(reply, { data: form && Object.keys(form).length ? '' : text, form, json });
  }
  return reply;
}

const PHRASES = { 418: "I'M A TEAPOT" };

/**
 * Starts the server on `port` (0: any free one); `cors` adds the headers that let any page read it; `tls`
 * (`{ key, cert }`) serves https; `host` is the address it listens on (127.0.0.1). Resolves with its `url` (no trailing slash), `close()`, and `aborted`: how
 * many requests the client gave up midway (a cancelled fetch shows there).
 */
export async function startHttpbin({ port = 0, cors = true, tls = null, host = '127.0.0.1' } = {}) {
  const state = { aborted: 0 };
  const handler = (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks), cors));
    res.on('close', () => {
      if (!res.writableFinished) state.aborted += 1;
    });
  };
  const server = tls ? createTlsServer(tls, handler) : createServer(handler);
  server.keepAliveTimeout = 1000;
  // Answers go out at once, not after the client's delayed ACK (~40 ms a request on a keep-alive connection).
  server.on('connection', (socket) => socket.setNoDelay(true));
  await new Promise((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address();
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${bound}`,
    get aborted() {
      return state.aborted;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(req, res, body, cors) {
  const url = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`);
  const headers = { 'Content-Type': 'application/json' };
  if (cors) {
    Object.assign(headers, {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Expose-Headers': '*',
    });
  }
  const json = (status, value, extra = {}) => {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(text), ...extra });
    res.end(text);
  };
  if (req.method === 'OPTIONS' && cors) {
    res.writeHead(204, {
      ...headers,
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '*',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }
  const [, first, second] = url.pathname.split('/');
  switch (first) {
    case 'get':
    case 'headers':
      if (first === 'headers') return json(200, { headers: echoedHeaders(req) });
      return json(200, echo(req, url));
    case 'post':
    case 'put':
    case 'patch':
    case 'delete':
    case 'anything':
      return json(200, { ...echo(req, url, body), method: req.method });
    case 'json':
      return json(200, { slideshow: { author: 'Yours Truly', title: 'Sample Slide Show' } });
    case 'html': {
      const text = '<!DOCTYPE html>\n<html><body><h1>Herman Melville - Moby-Dick</h1></body></html>\n';
      res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
      res.end(text);
      return;
    }
    case 'status': {
      const status = Number(second);
      res.statusMessage = PHRASES[status] ?? res.statusMessage;
      res.writeHead(status, { ...headers, 'Content-Length': 0 });
      res.end();
      return;
    }
    case 'redirect': {
      const left = Number(second);
      res.writeHead(302, {
        ...headers,
        Location: left > 1 ? `/redirect/${left - 1}` : '/get',
        'Content-Length': 0,
      });
      res.end();
      return;
    }
    case 'delay': {
      const timer = setTimeout(() => json(200, echo(req, url)), Math.min(Number(second), 10) * 1000);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case 'stream': {
      const count = Math.min(Number(second), 100);
      res.writeHead(200, headers); // no Content-Length: chunked
      let id = 0;
      const next = () => {
        if (res.destroyed) return;
        if (id === count) return void res.end();
        res.write(`${JSON.stringify({ id, url: url.href })}\n`);
        id += 1;
        setTimeout(next, 20);
      };
      next();
      return;
    }
    case 'bytes': {
      const size = Math.min(Number(second), 1 << 20);
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + 7) & 0xff;
      res.writeHead(200, { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': size });
      res.end(bytes);
      return;
    }
    case 'gzip': {
      const zipped = gzipSync(`${JSON.stringify({ gzipped: true, method: req.method }, null, 2)}\n`);
      res.writeHead(200, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': zipped.length });
      res.end(zipped);
      return;
    }
    default:
      return json(404, { error: 'not found' });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2] ?? 8080);
  const server = await startHttpbin({ port, cors: !process.argv.includes('--no-cors') });
  console.log(`httpbin on ${server.url}`);
}
