/**
 * The bench's server: dist/ served as a static host or a CDN would, so that bare Pyodide's warm visit uses the
 * HTTP cache as it would on a real site, and optionally through one shared slow link.
 *   - Versioned files (Pyodide's folder, and the build's hashed `assets/`) are `immutable` for a year; the
 *     rest (pages, the entry script, sw.js) `no-cache` with an ETag, answered 304 when it matches.
 *   - Text and wasm go gzipped (level 6, what static hosts use) to a client that accepts it; zip archives and
 *     .pyc as they are (they barely compress, and hosts leave their types alone).
 *   - With `link`, every response waits `latencyMs` (a round trip) and then all bodies share `bitsPerSecond`,
 *     each active response getting an equal part: one reader's connection, not one per file.
 * It records each response (path, start, end, bytes on the wire) for the waterfall and the byte counts.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TYPES } from '../scripts/serve.js';

const COMPRESSED = new Set(['.html', '.js', '.mjs', '.json', '.wasm', '.py', '.css', '.map', '.svg']);

/** One link all responses share: a round trip before each, then the bandwidth split among those sending. */
class Link {
  constructor(bitsPerSecond, latencyMs) {
    this.bytesPerMs = bitsPerSecond / 8 / 1000;
    this.latencyMs = latencyMs;
    this.sending = new Set();
    this.timer = null;
  }

  /**
   * After the round trip, calls `begin` (which writes the head) and sends `body` on `res`, then ends it;
   * resolves when the last byte is written.
   */
  send(res, body, begin) {
    return new Promise((done) => {
      setTimeout(() => {
        begin();
        if (!body.length) {
          res.end();
          done();
          return;
        }
        this.sending.add({ res, body, at: 0, done });
        this.timer ??= setInterval(() => this.tick(), 5);
        this.last ??= performance.now();
      }, this.latencyMs);
    });
  }

  tick() {
    const now = performance.now();
    let budget = (now - this.last) * this.bytesPerMs;
    this.last = now;
    // Equal shares; what one response does not need goes to the others in the same tick.
    while (budget >= 1 && this.sending.size) {
      const share = Math.max(1, Math.floor(budget / this.sending.size));
      for (const item of this.sending) {
        const n = Math.min(share, item.body.length - item.at);
        if (n > 0) item.res.write(item.body.subarray(item.at, item.at + n));
        item.at += n;
        budget -= n;
        if (item.at >= item.body.length) {
          item.res.end();
          this.sending.delete(item);
          item.done();
        }
      }
    }
    if (!this.sending.size) {
      clearInterval(this.timer);
      this.timer = null;
      this.last = null;
    }
  }
}

/**
 * Starts the server on 127.0.0.1; resolves with its URL, the server, and `log` (every response since the last
 * `log.length = 0`: `{ path, start, end, bytes }`, times in ms of `performance.now()`).
 */
export function serveLikeACdn({ dir, link = null }) {
  const root = resolve(dir);
  const files = new Map();
  const line = link ? new Link(link.bitsPerSecond, link.latencyMs) : null;
  const log = [];
  /** A file's bytes, gzipped bytes and ETag, read once per modification. */
  const file = (path) => {
    const { mtimeMs } = statSync(path);
    let entry = files.get(path);
    if (!entry || entry.mtimeMs !== mtimeMs) {
      const bytes = readFileSync(path);
      entry = {
        mtimeMs,
        bytes,
        gzip: COMPRESSED.has(extname(path)) ? gzipSync(bytes, { level: 6 }) : null,
        etag: `"${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"`,
      };
      files.set(path, entry);
    }
    return entry;
  };
  // Read and gzipped before the first visit, which would otherwise wait for it (~1 s for the wasm alone).
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) file(join(entry.parentPath, entry.name));
  const server = createServer((req, res) => {
    const start = performance.now();
    const url = new URL(req.url ?? '/', 'http://x');
    let path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(root)) return void res.writeHead(403).end();
    let entry;
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      entry = file(path);
    } catch {
      log.push({ path: url.pathname, start, end: start, bytes: 0, status: 404 });
      return void res.writeHead(404).end();
    }
    const versioned = /^\/(pyodide|assets)\//.test(url.pathname);
    const head = {
      'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
      'cache-control': versioned ? 'public, max-age=31536000, immutable' : 'no-cache',
      etag: entry.etag,
      vary: 'accept-encoding',
    };
    const finish = (bytes) => log.push({ path: url.pathname, start, end: performance.now(), bytes });
    const notModified = req.headers['if-none-match'] === entry.etag;
    const gzip = !notModified && entry.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const body = notModified || req.method === 'HEAD' ? Buffer.alloc(0) : gzip ? entry.gzip : entry.bytes;
    if (gzip) head['content-encoding'] = 'gzip';
    if (!notModified) head['content-length'] = (gzip ? entry.gzip : entry.bytes).length;
    const begin = () => res.writeHead(notModified ? 304 : 200, head);
    if (line) {
      line.send(res, body, begin).then(() => finish(body.length));
    } else {
      begin();
      res.end(body);
      finish(body.length);
    }
  });
  return new Promise((ok) => {
    server.listen(0, '127.0.0.1', () => {
      ok({ server, url: `http://127.0.0.1:${server.address().port}/`, log });
    });
  });
}
