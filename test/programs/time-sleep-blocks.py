import asyncio
import time


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0.05)


async def blocker():
    print("blocker start")
    time.sleep(0.2)
    print("blocker end")


async def main():
    await asyncio.gather(ticker(), blocker())


start = time.monotonic()
asyncio.run(main())
print("blocked long enough:", time.monotonic() - start >= 0.2)
