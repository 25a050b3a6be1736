# A program's own SelectorEventLoop subclass and asyncio.EventLoop, serving a stream echo.
# asyncio.EventLoop is new in 3.13: its lines are 3.14's output (the loop's class is _UnixSelectorEventLoop).
import asyncio


class CountingLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self.callbacks = 0

    def call_soon(self, callback, *args, **kwargs):
        self.callbacks += 1
        return super().call_soon(callback, *args, **kwargs)


async def handle(reader, writer):
    writer.write((await reader.read(100)).upper())
    await writer.drain()
    writer.close()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 7777)
    async with server:
        reader, writer = await asyncio.open_connection("127.0.0.1", 7777)
        writer.write(b"hello")
        print(await reader.read(100))
        writer.close()
        await writer.wait_closed()
    await asyncio.sleep(0.01)
    loop = asyncio.get_running_loop()
    return type(loop).__name__


loop = CountingLoop()
print(loop.run_until_complete(main()), loop.callbacks > 0)
loop.close()
print(asyncio.run(main(), loop_factory=asyncio.EventLoop))
