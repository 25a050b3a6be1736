import asyncio
import functools


def run_sync(func):
    @functools.wraps(func)
    def wrapper(*args):
        return asyncio.run(func(*args))

    return wrapper


@run_sync
async def add(a, b):
    await asyncio.sleep(0.01)
    return a + b


print(add(1, 2))
print(add.__name__, add(3.5, 4))
