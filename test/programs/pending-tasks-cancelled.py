import asyncio


async def background():
    try:
        await asyncio.sleep(10)
        print("background finished")
    except asyncio.CancelledError:
        print("background cancelled")
        raise


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(0.01)
    print("main done")


asyncio.run(main())
print("after run")
