# The asyncio tutorial's first steps: coroutines, sleep, gather, create_task, timing.
import asyncio
import time


async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)
    return what


async def main():
    print(f"started at {time.strftime('%X')}")
    task1 = asyncio.create_task(say_after(0.01, "hello"))
    task2 = asyncio.create_task(say_after(0.02, "world"))
    await task1
    await task2
    results = await asyncio.gather(say_after(0, "a"), say_after(0, "b"))
    print(results, f"finished at {time.strftime('%X')}")


asyncio.run(main())
