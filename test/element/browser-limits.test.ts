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

  it('runs to_thread work on the loop and says so at the line', async () => {
    const el = await element(py`
      import asyncio, time

      def slow():
          time.sleep(0.05)
          return "slow done"

      async def main():
          print(await asyncio.to_thread(slow))

      asyncio.run(main())
    `);
    const result = await el.run();
    expect(result.stdout).to.equal('slow done\n');
    expect(result.tips.find((t) => t.id === 'thread-inline')?.line).to.equal(8);
  });

  it('explains a thread that cannot start', async () => {
    const el = await element('import threading\nthreading.Thread(target=print).start()\n');
    const result = await el.run();
    expect(result.error!.line).to.equal(2);
    expect(result.tips.map((t) => t.id)).to.include('no-threads');
  });
});
