import asyncio


async def ok(n):
    try:
        await asyncio.sleep(0.2)
        print("ok", n)
    except asyncio.CancelledError:
        print("cancelled", n)
        raise


async def bad():
    await asyncio.sleep(0.01)
    raise KeyError("missing")


async def main():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(ok(1))
        tg.create_task(bad())


asyncio.run(main())
