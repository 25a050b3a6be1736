# A program that fails: its traceback, as the runtime reports it.
import asyncio


async def divide(a, b):
    await asyncio.sleep(0)
    return a / b


async def main():
    print(await divide(1, 2))
    print(await divide(1, 0))


asyncio.run(main())
