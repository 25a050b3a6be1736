import { expect } from '@open-wc/testing';
import { pageRuntime } from '../../src/runtime/client.js';
import { configureForTests, element, py, run } from './run-helpers.js';

configureForTests(true);

/** Runs `code` in an element that is removed from the page afterwards, as a reader leaving it behind. */
async function runAndRemove(code: string) {
  const el = await element(code);
  const result = await el.run();
  el.remove();
  return result;
}

describe('a run cannot reach past itself', () => {
  it('finds storage, service workers, scripts and nested workers gone from js', async () => {
    // Through JavaScript itself (js.eval): Python's attribute access is one way in, code run by JS another.
    const result = await run(py`
      import js

      names = ["caches", "indexedDB", "importScripts", "Worker", "SharedWorker", "BroadcastChannel", "postMessage", "close"]
      print([n for n in names if js.eval(f"typeof self.{n}") != "undefined"])
      print([n for n in ["serviceWorker", "storage", "locks"] if js.eval(f"typeof navigator.{n}") != "undefined"])
      print(js.eval("typeof fetch"), js.eval("typeof setTimeout"))
    `);
    expect(result.error, result.stderr).to.equal(undefined);
    expect(result.stdout).to.equal('[]\n[]\nfunction function\n');
  });

  it('puts back builtins, sys hooks and patched modules for the next element', async () => {
    const patched = await runAndRemove(py`
      import asyncio, builtins, json, sys

      builtins.print = lambda *args, **kwargs: None
      asyncio.sleep = None
      json.dumps = lambda *args, **kwargs: "patched"
      sys.excepthook = None
      sys.setrecursionlimit(50)
      builtins.extra = 1
    `);
    expect(patched.error, patched.stderr).to.equal(undefined);
    const next = await run(py`
      import asyncio, builtins, json, sys

      async def main():
          await asyncio.sleep(0)
          return json.dumps([1])

      print(asyncio.run(main()))
      print(callable(sys.excepthook), sys.getrecursionlimit() > 50, hasattr(builtins, "extra"))
    `);
    expect(next.error, next.stderr).to.equal(undefined);
    expect(next.stdout).to.equal('[1]\nTrue True False\n');
  });

  it('keeps the runtime and other sessions out of reach', async () => {
    const secret = await element('token = "secret"\n');
    secret.session = 'private-notes';
    await secret.run();
    const probe = await run(py`
      import builtins

      print([name for name in dir(__py_async_run__) if not name.startswith("_")])
      try:
          import py_async_run
          print(len(py_async_run.state.sessions))
      except ModuleNotFoundError as exc:
          print("ModuleNotFoundError")
      try:
          from py_async_run import state
      except ImportError:
          print("ImportError")
    `);
    expect(probe.error, probe.stderr).to.equal(undefined);
    expect(probe.stdout).to.equal("['call']\nModuleNotFoundError\nImportError\n");
    secret.code = 'print(token)\n';
    expect((await secret.run()).stdout).to.equal('secret\n');
  });

  it("lets no listener of an ended run read later elements' code", async () => {
    const spying = await runAndRemove(py`
      import js
      from pyodide.ffi import create_proxy

      def spy(event, js=js):  # its own reference: the namespace is cleared when the run ends
          setattr(js, "seen", str(event.data.type))

      js.eval("(listener) => self.addEventListener('message', listener)")(create_proxy(spy))
    `);
    expect(spying.error, spying.stderr).to.equal(undefined);
    await run('print("a later element")\n');
    const probe = await run('import js\nprint(getattr(js, "seen", None))\n');
    expect(probe.stdout).to.equal('None\n');
  });

  it("clears a removed element's interval: nothing of it reaches a later element's output", async () => {
    await runAndRemove(py`
      import js
      from pyodide.ffi import create_proxy

      js.setInterval(create_proxy(lambda: print("stray")), 5)
    `);
    const later = await run(py`
      import time

      time.sleep(0.3)
      print("mine")
    `);
    expect(later.stdout).to.equal('mine\n');
  });

  it("keeps a finished program's failing timer from breaking the next element's run", async () => {
    await runAndRemove(py`
      import js
      from pyodide.ffi import create_once_callable

      js.setTimeout(create_once_callable(lambda: undefined_name), 50)
      js.Promise.resolve().then(create_once_callable(lambda _: undefined_name))
    `);
    const next = await run(py`
      import time

      time.sleep(0.3)
      a = 1
      b = a + 1
      print(b)
    `);
    expect(next.error, next.stderr).to.equal(undefined);
    expect(next.stdout).to.equal('2\n');
    expect((await run('print("still up")\n')).stdout).to.equal('still up\n');
  });

  it('reports an error in a callback to the run that made it, and keeps the runtime', async () => {
    const result = await run(py`
      import js, time
      from pyodide.ffi import create_once_callable

      js.setTimeout(create_once_callable(lambda: undefined_name), 10)
      time.sleep(0.3)
      print("after")
    `);
    expect(result.stdout).to.equal('after\n');
    expect(result.stderr).to.contain('undefined_name');
    expect((await run('print("still up")\n')).stdout).to.equal('still up\n');
  });

  it("gives a run's memory back: the runtime is replaced after a run that grew its heap past the limit", async () => {
    const runtime = pageRuntime();
    const limit = runtime.heapLimitBytes;
    // 128 MB instead of 1 GiB: the same decision, without making this machine's browser hold gigabytes.
    runtime.heapLimitBytes = 128 * 1024 ** 2;
    try {
      await run('print("small")\n');
      const before = runtime.runtimeEpoch;
      const small = await run('data = bytearray(8 * 1024 * 1024)\nprint(len(data))\n');
      expect(small.stdout).to.equal('8388608\n');
      expect(runtime.runtimeEpoch).to.equal(before);
      const big = await run('data = bytearray(256 * 1024 * 1024)\nprint(len(data))\n');
      expect(big.stdout).to.equal('268435456\n');
      expect(runtime.runtimeEpoch).to.equal(before + 1);
      expect((await run('print("fresh")\n')).stdout).to.equal('fresh\n');
    } finally {
      runtime.heapLimitBytes = limit;
    }
  });
});
