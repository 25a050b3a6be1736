import asyncio


async def fetch(n):
    await asyncio.sleep(0.01 * (3 - n))
    print("fetched", n)
    return n * 10


loop = asyncio.get_event_loop()
try:
    tasks = [loop.create_task(fetch(n)) for n in range(3)]
    results = loop.run_until_complete(asyncio.gather(*tasks))
    print("results", results)
    future = loop.create_future()
    loop.call_later(0.02, future.set_result, "future value")
    print(loop.run_until_complete(future))
finally:
    loop.close()
print("closed", loop.is_closed())
