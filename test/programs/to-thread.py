import asyncio
import time


def blocking_io(n):
    time.sleep(0.05)
    return f"io {n}"


async def main():
    result = await asyncio.to_thread(blocking_io, 1)
    print(result)
    loop = asyncio.get_running_loop()
    print(await loop.run_in_executor(None, blocking_io, 2))


asyncio.run(main())
