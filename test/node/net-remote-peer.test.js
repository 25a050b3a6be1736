/**
 * The remote connector of the in-memory network (src/worker/python/py_async_run/net/network.py), the
 * interface the HTTP layer builds on: a connection to another host asks the connector for a Peer, bytes
 * the program writes reach `peer.send`, and bytes the peer hands to `on_data` from JavaScript, between
 * steps, wake the waiting loop (hooks.wake) and reach the program, as does a failure (an OSError the next
 * read raises). A connector that returns None makes the
 * connection fail with ENETUNREACH and a sentence; once the run ends the socket module is the system's
 * again. Runs the pinned Pyodide in Node, stepping a Program as the worker does (`Program.step()`), with
 * the program in the rewritten form the transform emits.
 * Run with `node --test test/node/`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runtimeSources } from '../../scripts/runtime-sources.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const sourceDir = join(root, 'src/worker/python/py_async_run');

const PROGRAM = `
import asyncio

async def main():
    reader, writer = await asyncio.open_connection("example.com", 80)
    print("peername", writer.get_extra_info("peername")[1])
    writer.write(b"GET / HTTP/1.0\\r\\nHost: example.com\\r\\n\\r\\n")
    await writer.drain()
    print("reply", await reader.read())
    writer.close()
    await writer.wait_closed()
    reader, writer = await asyncio.open_connection("example.com", 443)
    try:
        await reader.read(100)
    except ConnectionResetError as exc:
        print("failed", exc)
    writer.close()
    try:
        await asyncio.open_connection("refused.example", 80)
    except OSError as exc:
        print(type(exc).__name__, exc.errno, "loopback addresses and the web's ports" in str(exc))

await __py_async_run__.call(asyncio.run, main())
`;

test('a connection to another host goes through the remote connector and its peer', async () => {
  const { loadPyodide } = await import('pyodide');
  const py = await loadPyodide({ indexURL: join(root, 'node_modules/pyodide/') });
  for (const path of runtimeSources(sourceDir)) {
    py.FS.mkdirTree(`/lib/rt/py_async_run/${path.slice(0, path.lastIndexOf('/') + 1)}`);
    py.FS.writeFile(`/lib/rt/py_async_run/${path}`, readFileSync(join(sourceDir, path)));
  }
  let wakes = 0;
  const hooks = {
    sleep: () => Promise.resolve(),
    waitSync: () => {},
    wake: () => {
      wakes += 1;
    },
    flush: () => {},
    interrupted: () => false,
    // Green threads (threads.py) listen for a Stop; this program starts none.
    onStop: () => {},
    startThread: () => {
      throw new Error('this program starts no thread');
    },
  };
  const output = [];
  py.setStdout({ batched: (line) => output.push(line) });
  py.globals.set('js_hooks', hooks);
  py.globals.set('program_code', PROGRAM);
  py.runPython(`
import sys
sys.path.insert(0, '/lib/rt')
import py_async_run
from py_async_run import net

class FakePeer:
    def __init__(self, host, port):
        self.address = (host, port)
        self.sent = bytearray()
        self.events = []
        self.on_data = None

    def send(self, data):
        self.sent += data

    def shutdown_write(self):
        self.events.append("shutdown_write")

    def close(self):
        self.events.append("close")

peers = []

def connector(host, port):
    if host != "example.com":
        return None
    peer = FakePeer(host, port)
    peers.append(peer)
    return peer

import errno, select, selectors, socket
system = (socket.socket, socket.getaddrinfo, select.select, selectors.DefaultSelector, errno.ECONNREFUSED)

py_async_run.install(js_hooks)
net.set_remote_connector(connector)
program = py_async_run.Program(program_code, program_code, "/home/pyodide/main.py", {})
program.start()
`);
  const step = py.globals.get('program').step;
  let waitsForWake = 0;
  for (let i = 0; i < 100; i++) {
    const wait = step();
    if (wait === -1) break;
    if (wait === -2) {
      waitsForWake += 1;
      // The program waits for the reply: the peer answers from JavaScript, outside any step.
      const before = wakes;
      py.runPython(`
peer = peers[-1]
assert peer.on_data is not None
if peer.address[1] == 80:
    peer.on_data(b"HTTP/1.0 200 OK\\r\\n\\r\\nhello")
    peer.on_data(b"")
else:
    peer.on_data(ConnectionResetError(104, "Connection reset by peer"))
`);
      assert.ok(wakes > before, 'the bytes of a peer wake the waiting loop');
    }
  }
  py.runPython('program.finish(); net.set_remote_connector(None)');
  assert.ok(
    py.runPython(`system == (socket.socket, socket.getaddrinfo, select.select, selectors.DefaultSelector,
                              errno.ECONNREFUSED)`),
    'the system socket functions are back once the run ended',
  );
  const result = py.runPython('program.result()').toJs({ dict_converter: Object.fromEntries });
  assert.equal(result.error ?? null, null, JSON.stringify(result.error));
  assert.equal(waitsForWake, 2);
  assert.deepEqual(output, [
    'peername 80',
    "reply b'HTTP/1.0 200 OK\\r\\n\\r\\nhello'",
    'failed [Errno 104] Connection reset by peer',
    'OSError 101 True',
  ]);
  const [sent, events, address] = py
    .runPython('[bytes(peers[0].sent).decode(), peers[0].events, list(peers[0].address)]')
    .toJs();
  assert.equal(sent, 'GET / HTTP/1.0\r\nHost: example.com\r\n\r\n');
  assert.deepEqual(events, ['close']);
  assert.deepEqual(address, ['example.com', 80]);
});
