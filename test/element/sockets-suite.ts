import { expect } from '@open-wc/testing';
import { element, py } from './run-helpers.js';

/** The in-memory network's lifetime and blocking waits, in one runtime mode (see configureForTests). */
export function describeSockets(stackSwitching: boolean): void {
  describe(`the in-memory network of a run (${stackSwitching ? 'stack switching' : 'no stack switching'})`, () => {
    it('frees the ports and connections a run left open when it ends', async () => {
      const first = await element(py`
      import socket

      server = socket.create_server(("127.0.0.1", 8888))
      client = socket.create_connection(("127.0.0.1", 8888))
      print("listening")
    `);
      expect((await first.run()).stdout).to.equal('listening\n');
      const second = await element(py`
      import socket

      try:
          socket.create_connection(("127.0.0.1", 8888))
      except ConnectionRefusedError as exc:
          print(exc)
      server = socket.create_server(("127.0.0.1", 8888))
      print("bound again")
      server.close()
    `);
      const result = await second.run();
      expect(result.error).to.equal(undefined);
      expect(result.stdout).to.equal('[Errno 111] Connection refused\nbound again\n');
    });

    it('waits in place for a blocking call until its timeout, the program paused meanwhile', async () => {
      const el = await element(py`
      import socket
      import time

      a, b = socket.socketpair()
      a.settimeout(0.3)
      start = time.monotonic()
      try:
          a.recv(10)
      except TimeoutError as exc:
          waited = time.monotonic() - start
          print(exc, waited >= 0.3, waited < 10)
    `);
      const result = await el.run();
      // At least its timeout; the upper bound only says it did not hang (a loaded machine resumes late).
      expect(result.stdout).to.equal('timed out True True\n');
    });

    it('ends a blocking accept() that nothing will answer when the reader presses Stop', async () => {
      const el = await element(py`
      import socket

      server = socket.create_server(("127.0.0.1", 0))
      print("accepting", flush=True)
      server.accept()
    `);
      const running = el.run();
      await new Promise<void>((resolve) => el.addEventListener('py-output', () => resolve(), { once: true }));
      el.stop();
      const result = await running;
      expect(result.status).to.equal('stopped');
      expect(result.stdout).to.equal('accepting\n');
    });
  });
}
