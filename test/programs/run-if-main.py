import asyncio


async def main():
    for i in range(3):
        print("step", i)
        await asyncio.sleep(0.02)


if __name__ == "__main__":
    asyncio.run(main())
    print("after main")
