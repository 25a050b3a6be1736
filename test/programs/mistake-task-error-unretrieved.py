import asyncio


async def worker():
    raise ValueError("bad")


async def main():
    task = asyncio.create_task(worker())
    await asyncio.sleep(0.01)
    print("main done")
    del task


asyncio.run(main())
