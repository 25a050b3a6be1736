import asyncio


async def main():
    return "ran"


print(asyncio.run(main()))
try:
    asyncio.get_event_loop()
except RuntimeError as exc:
    print("RuntimeError:", exc)
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(asyncio.get_event_loop() is loop)
loop.close()
