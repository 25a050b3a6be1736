import asyncio


async def first():
    await asyncio.sleep(0.01)
    return "first"


async def second():
    return "second"


with asyncio.Runner() as runner:
    print(runner.run(first()))
    print(runner.run(second()))
    print(runner.get_loop().is_closed())
print(runner.get_loop.__name__)
