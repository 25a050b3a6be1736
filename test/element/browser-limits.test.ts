import { expect } from '@open-wc/testing';
import { configureForTests, element, py } from './run-helpers.js';

configureForTests(true);

describe('what a browser cannot do', () => {
  it('fails a subprocess at the author line with a clear message and a tip', async () => {
    const el = await element(py`
      import asyncio

      async def main():
          print("start")
          proc = await asyncio.create_subprocess_exec("ls")

      asyncio.run(main())
    `);
    const result = await el.run();
    expect(result.stdout).to.equal('start\n');
    expect(result.error!.summary).to.equal(
      'NotImplementedError: subprocesses cannot run in a browser: WebAssembly has no processes to start',
    );
    expect(result.error!.line).to.equal(5);
    expect(result.tips.find((t) => t.id === 'no-subprocess')?.line).to.equal(5);
  });

  it('fails a raw connection to another host at the author line and says which ones work', async () => {
    const el = await element(py`
      import asyncio

      async def main():
          reader, writer = await asyncio.open_connection("example.com", 6379)

      asyncio.run(main())
    `);
    const result = await el.run();
    expect(result.error!.summary).to.match(/^OSError: \[Errno 101\] Network is unreachable: /);
    expect(result.error!.summary).to.contain('not example.com:6379');
    expect(result.error!.line).to.equal(4);
    expect(result.tips.find((t) => t.id === 'no-sockets')?.message).to.contain('ports 80 and 443');
  });

  it('runs to_thread work in a thread while the loop goes on', async () => {
    const el = await element(py`
      import asyncio, threading, time

      def slow():
          time.sleep(0.05)
          return threading.current_thread().name

      async def main():
          ticks = 0
          task = asyncio.create_task(asyncio.to_thread(slow))
          while not task.done():
              await asyncio.sleep(0.01)
              ticks += 1
          print(await task, ticks >= 3)

      asyncio.run(main())
    `);
    const result = await el.run();
    expect(result.stdout).to.equal('asyncio_0 True\n');
    expect(result.tips.map((t) => t.id)).not.to.include('thread-inline');
  });

  it('starts a thread, and the next run counts and names threads afresh', async () => {
    const code = py`
      import threading
      t = threading.Thread(target=lambda: None)
      t.start()
      t.join()
      print(t.name, threading.active_count())
      threading.Thread(target=threading.Event().wait, daemon=True).start()
    `;
    const first = await (await element(code)).run();
    expect(first.stdout).to.equal('Thread-1 (<lambda>) 1\n');
    const second = await (await element(code)).run();
    expect(second.stdout).to.equal('Thread-1 (<lambda>) 1\n');
  });
});
