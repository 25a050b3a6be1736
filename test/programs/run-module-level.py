import asyncio


async def greet(name):
    await asyncio.sleep(0.05)
    print(f"hello, {name}")


async def main():
    print("start")
    await greet("world")
    print("end")


asyncio.run(main())
