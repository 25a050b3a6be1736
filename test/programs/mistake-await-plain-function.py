import asyncio


def total(prices):
    return sum(prices)


async def main():
    print("adding up")
    result = await total([1, 2, 3])
    print(result)


asyncio.run(main())
