import { expect } from '@open-wc/testing';
import { inputField, outputText } from '../helpers/element.js';
import { until } from '../helpers/wait.js';
import { configureForTests, element, py } from './run-helpers.js';

configureForTests(true);

describe('green threads', function () {
  this.timeout(180_000);

  it('lets a thread ask input() while another thread goes on', async () => {
    const el = await element(py`
      import threading

      ticks = []
      stop = threading.Event()

      def ticker():
          while not stop.wait(0.01):
              ticks.append(1)

      def ask():
          name = input("Name? ")
          print(f"Hello, {name}, from {threading.current_thread().name}")

      t = threading.Thread(target=ticker)
      t.start()
      asker = threading.Thread(target=ask, name="Asker")
      asker.start()
      asker.join()
      stop.set()
      t.join()
      print("ticked meanwhile:", len(ticks) > 3)
    `);
    const running = el.run();
    const field = await inputField(el);
    expect(field, 'an input field appears').to.not.equal(null);
    // Let the ticker tick while the question waits.
    await new Promise((resolve) => setTimeout(resolve, 300));
    field!.value = 'Ada';
    field!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    const result = await running;
    expect(result.stdout).to.equal('Name? Hello, Ada, from Asker\nticked meanwhile: True\n');
  });

  it('ends every thread on Stop, and the next run starts with none', async () => {
    const el = await element(py`
      import threading, time

      def forever():
          while True:
              time.sleep(0.01)

      threading.Thread(target=forever).start()
      print("started", flush=True)
      threading.Event().wait()
    `);
    el.setAttribute('timeout', '0');
    const running = el.run();
    await until(() => el.status === 'running' && /started/.test(outputText(el)), 'the thread runs', 90_000);
    el.stop();
    const stopped = await running;
    expect(stopped.status).to.equal('stopped');
    const next = await (
      await element('import threading\nprint(threading.active_count(), threading.Thread().name)\n')
    ).run();
    expect(next.stdout).to.equal('1 Thread-1\n');
  });

  it('finishes a program that starts 1,000 threads', async () => {
    const result = await (
      await element(py`
        import threading, time

        lock = threading.Lock()
        count = 0

        def work():
            global count
            time.sleep(0.01)
            with lock:
                count += 1

        threads = [threading.Thread(target=work) for _ in range(1000)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(count, threading.active_count(), threads[-1].name)
      `)
    ).run();
    expect(result.stdout).to.equal('1000 1 Thread-1000 (work)\n');
  });

  it('says where threads compute without waiting, and why os.fork() fails', async () => {
    const cpu = await (
      await element(py`
        import threading

        def count():
            total = 0
            for i in range(2_000_000):
                total += i
            print(total)

        t = threading.Thread(target=count)
        t.start()
        t.join()
      `)
    ).run();
    expect(cpu.stdout).to.equal('1999999000000\n');
    expect(cpu.tips.map((t) => t.id)).to.include('thread-ran-long');
    const fork = await (await element('import os\nos.fork()\n')).run();
    expect(fork.error!.summary).to.equal('OSError: [Errno 52] Function not implemented');
    expect(fork.tips.map((t) => t.id)).to.include('no-fork');
  });

  it('shows threads as rows of the timeline, beside the tasks', async () => {
    const el = await element(py`
      import asyncio, time

      def work():
          time.sleep(0.02)
          time.sleep(0.02)
          return "done"

      async def main():
          print(await asyncio.to_thread(work))

      asyncio.run(main())
    `);
    el.timeline = true;
    const result = await el.run();
    expect(result.stdout).to.equal('done\n');
    const rows = result.timeline!.tasks.map((t) => `${t.name} | ${t.coro} | ${t.outcome}`);
    expect(rows).to.include('Task-1 | main | done');
    expect(rows).to.include('asyncio_0 | thread: _worker | done');
    const thread = result.timeline!.tasks.find((t) => t.name === 'asyncio_0')!;
    // It ran three times: to its first sleep, between the sleeps, and to its end (then it waits for work).
    expect(thread.runs.length).to.be.greaterThanOrEqual(3);
  });

  it('ends a daemon thread that waits for input when the program ends', async () => {
    const el = await element(py`
      import threading

      threading.Thread(target=input, args=("? ",), daemon=True).start()
      print("main done")
    `);
    const t0 = performance.now();
    const result = await el.run();
    expect(result.status).to.equal('ok');
    expect(result.stdout).to.equal('? main done\n');
    // Ended by end of input, not after the 2 s the run gives threads that will not end.
    expect(performance.now() - t0).to.be.lessThan(2000);
  });
});
