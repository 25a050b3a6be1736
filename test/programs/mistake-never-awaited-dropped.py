import asyncio


async def save(record):
    print("saved", record)


async def main():
    pending = save(1)
    print("main done")


asyncio.run(main())
