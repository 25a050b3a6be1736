import asyncio


async def inner():
    return 1


async def main():
    print("in main")
    loop = asyncio.get_running_loop()
    loop.run_until_complete(inner())


asyncio.run(main())
