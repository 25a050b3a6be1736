import asyncio

loops = []


async def square(n):
    loops.append(asyncio.get_running_loop())
    await asyncio.sleep(0.01)
    return n * n


for n in range(4):
    print(n, asyncio.run(square(n)))

print("distinct loops:", len(set(map(id, loops))))
print("all closed:", all(loop.is_closed() for loop in loops))
