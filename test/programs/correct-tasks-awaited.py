import asyncio
import threading
import urllib.parse


async def download(name):
    await asyncio.sleep(0.01)
    return f"{name}: {urllib.parse.urlencode({'q': name})}"


async def main():
    background = set()
    task = asyncio.create_task(download("a"))
    background.add(task)
    task.add_done_callback(background.discard)
    async with asyncio.TaskGroup() as tg:
        second = tg.create_task(download("b"))
    results = await asyncio.gather(task, download("c"))
    print(results, second.result())
    print(threading.current_thread().name)
    try:
        await asyncio.wait_for(asyncio.sleep(1), timeout=0.01)
    except TimeoutError:
        print("timed out")


asyncio.run(main())
