# TaskGroup, timeouts, cancellation and exception groups.
import asyncio
from contextlib import suppress


async def slow(n):
    await asyncio.sleep(n)
    return n


async def fails():
    await asyncio.sleep(0)
    raise ValueError("boom")


async def main():
    async with asyncio.TaskGroup() as tg:
        first = tg.create_task(slow(0.01))
        second = tg.create_task(slow(0.02))
    print(first.result(), second.result())
    try:
        async with asyncio.timeout(0.01):
            await slow(1)
    except TimeoutError:
        print("timed out")
    with suppress(asyncio.TimeoutError):
        await asyncio.wait_for(slow(1), 0.01)
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fails())
            tg.create_task(slow(1))
    except* ValueError as group:
        print("caught", group.exceptions)
    event = asyncio.Event()
    lock = asyncio.Lock()
    semaphore = asyncio.Semaphore(2)
    async with lock, semaphore:
        asyncio.get_running_loop().call_later(0.01, event.set)
        await event.wait()
    done, pending = await asyncio.wait([asyncio.create_task(slow(0))], timeout=1)
    async for value in ticks(3):
        print(value, end=" ")
    print()


async def ticks(n):
    for i in range(n):
        await asyncio.sleep(0)
        yield i


asyncio.run(main())
