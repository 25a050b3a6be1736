import asyncio


async def helper():
    print("never printed")


async def main():
    helper()
    print("main done")


asyncio.run(main())
