import asyncio


async def main():
    print("running on the set loop:", asyncio.get_running_loop() is loop)
    await asyncio.sleep(0.01)
    return 42


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(loop.run_until_complete(main()))
print(asyncio.get_event_loop() is loop)
loop.close()
