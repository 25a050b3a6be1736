import asyncio

SHARED = [1, 2]


async def price():
    await asyncio.sleep(0)
    return 99.0


async def same():
    return SHARED


value = asyncio.run(price())
print(value, type(value).__name__)
print(asyncio.run(same()) is SHARED)
print(asyncio.run(price()) + 1)
