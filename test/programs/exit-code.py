import asyncio
import sys


async def main():
    print("exiting")
    sys.exit(0)


asyncio.run(main())
print("not reached")
