import asyncio


async def main():
    print("never")


asyncio.run(main()
print("x")
