import asyncio


async def main():
    return [1]


items = asyncio.run(main())
it = iter(items)
print(next(it))
next(it)
