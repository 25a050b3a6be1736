import asyncio
import threading
import time

loop = asyncio.new_event_loop()
ready = threading.Event()


def run_loop():
    asyncio.set_event_loop(loop)
    ready.set()
    loop.run_forever()
    print("loop stopped in", threading.current_thread().name)


thread = threading.Thread(target=run_loop, name="LoopThread")
thread.start()
ready.wait()


async def work(n):
    await asyncio.sleep(0.02)
    return n * 10, threading.current_thread().name


futures = [asyncio.run_coroutine_threadsafe(work(n), loop) for n in range(3)]
print([f.result(timeout=1) for f in futures])
loop.call_soon_threadsafe(loop.stop)
thread.join()
loop.close()
print("closed:", loop.is_closed())


def own_loop():
    try:
        asyncio.get_event_loop()
    except RuntimeError as exc:
        print("no loop yet:", exc)

    async def inner():
        await asyncio.sleep(0.3)
        return threading.current_thread().name

    print("asyncio.run in a thread:", asyncio.run(inner()))


t = threading.Thread(target=own_loop)
t.start()
time.sleep(0.005)
print("main goes on while the thread's loop runs")
t.join()
