import asyncio


async def worker(loop):
    for i in range(3):
        print("working", i)
        await asyncio.sleep(0.02)
    loop.stop()


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
task = loop.create_task(worker(loop))
try:
    loop.run_forever()
finally:
    print("task done:", task.done())
    loop.close()
