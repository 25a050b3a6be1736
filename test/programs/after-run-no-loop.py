import asyncio

captured = []


async def main():
    captured.append(asyncio.get_running_loop())
    return "done"


print(asyncio.run(main()))
try:
    asyncio.get_running_loop()
except RuntimeError as exc:
    print("no running loop:", exc)
print("closed after run:", captured[0].is_closed())
