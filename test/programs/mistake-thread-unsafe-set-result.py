import asyncio
import threading
import time


async def main():
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def worker():
        time.sleep(0.05)
        future.set_result("done in a thread")

    threading.Thread(target=worker).start()
    while not future.done():
        await asyncio.sleep(0.1)
    print(await future)


asyncio.run(main())
