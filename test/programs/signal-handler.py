import asyncio
import signal


async def main():
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    print("handler installed")
    try:
        await asyncio.wait_for(stop.wait(), 0.05)
    except TimeoutError:
        print("no signal came")
    print("removed:", loop.remove_signal_handler(signal.SIGTERM))


asyncio.run(main())
