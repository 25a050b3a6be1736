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
    await asyncio.wait([future], timeout=1)
    print(future.result())


asyncio.run(main())
