import asyncio


async def download(name):
    print("start", name)
    await asyncio.sleep(0.5)
    print("done", name)


async def main():
    first = asyncio.create_task(download("a"))
    second = asyncio.create_task(download("b"))
    await asyncio.sleep(0.01)
    print("main returns")


asyncio.run(main())
print("after run")
