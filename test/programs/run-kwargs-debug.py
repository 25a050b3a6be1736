from asyncio import run as arun
import asyncio


async def main(tag, *, repeat=1):
    loop = asyncio.get_running_loop()
    print(tag * repeat, loop.get_debug())


arun(main("ab", repeat=2), debug=True)
arun(main("c"))
