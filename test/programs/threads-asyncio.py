import asyncio
import concurrent.futures
import contextvars
import threading
import time

request_id = contextvars.ContextVar("request_id", default="none")


def blocking_io(n):
    time.sleep(0.05)
    return f"io {n} in {threading.current_thread().name} for {request_id.get()}"


async def ticker(stop):
    ticks = 0
    while not stop.is_set():
        await asyncio.sleep(0.01)
        ticks += 1
    return ticks


async def main():
    request_id.set("req-1")
    stop = asyncio.Event()
    tick_task = asyncio.create_task(ticker(stop))
    results = await asyncio.gather(asyncio.to_thread(blocking_io, 1), asyncio.to_thread(blocking_io, 2))
    stop.set()
    print(results)
    print("the loop ran meanwhile:", await tick_task >= 3)

    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, blocking_io, 3))
    with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="Pool") as pool:
        print(await loop.run_in_executor(pool, sum, [1, 2, 3]))
        wrapped = asyncio.wrap_future(pool.submit(pow, 2, 10))
        print("wrap_future:", await wrapped)

    def from_thread():
        time.sleep(0.01)
        loop.call_soon_threadsafe(print, "call_soon_threadsafe in", threading.current_thread().name)
        future = asyncio.run_coroutine_threadsafe(asyncio.sleep(0.01, result="coroutine done"), loop)
        return future.result(timeout=1)

    print(await asyncio.to_thread(from_thread))

    try:
        await asyncio.wait_for(asyncio.to_thread(time.sleep, 0.2), timeout=0.05)
    except TimeoutError:
        print("wait_for timed out; the thread goes on")


asyncio.run(main())
print("after run:", threading.active_count())
