/**
 * scripts/serve.js, the static server of `npm start` and the end-to-end tests: a request it cannot read is
 * answered 400 and the server keeps serving (a `//` or a malformed `%` used to throw in the handler and end
 * the process, and with it every test using the server). Run with `node --test test/node/`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { requestPath, serve } from '../../scripts/serve.js';

/** Sends `path` as the request target as it is (fetch() would normalize it first). */
function get(base, path) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const req = request({ hostname, port, path, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    // A handler that throws never answers: fail in seconds, not at the runner's timeout.
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${path} in 10 s`)));
    req.end();
  });
}

let dir;
let started;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'par-serve-'));
  writeFileSync(join(dir, 'index.html'), 'home');
  writeFileSync(join(dir, 'a b.txt'), 'spaced');
  started = await serve({ dir });
});
after(() => {
  started.server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('answers 400 to a request for // and keeps serving', async () => {
  assert.equal((await get(started.url, '//')).status, 400);
  assert.equal((await get(started.url, '//index.html')).status, 400);
  assert.deepEqual(await get(started.url, '/'), { status: 200, body: 'home' });
});

test('answers 400 to malformed percent-encoding and keeps serving', async () => {
  assert.equal((await get(started.url, '/%E0%A4%A')).status, 400);
  assert.deepEqual(await get(started.url, '/a%20b.txt'), { status: 200, body: 'spaced' });
});

test('answers 404 to a missing file and 403 to a path out of its folder', async () => {
  assert.equal((await get(started.url, '/missing.js')).status, 404);
  assert.equal((await get(started.url, '/..%2F..%2Fetc%2Fpasswd')).status, 403);
});

test('reads the path of a request target', () => {
  assert.equal(requestPath('/a%20b.txt?x=1')?.pathname, '/a b.txt');
  assert.equal(requestPath('//'), undefined);
  assert.equal(requestPath('http://elsewhere/'), undefined);
  assert.equal(requestPath('/%E0%A4%A'), undefined);
});
