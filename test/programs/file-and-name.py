import asyncio
import os


async def main():
    print(__name__)
    print(os.path.isabs(__file__), __file__.endswith(".py"))


asyncio.run(main())
