# serve_forever() in a task, ended by cancelling it; a server's clients one after another.
import asyncio


async def handle(reader, writer):
    line = await reader.readline()
    writer.write(b"echo: " + line)
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(n, host="localhost"):
    reader, writer = await asyncio.open_connection(host, 8765)
    writer.write(f"message {n}\n".encode())
    reply = await reader.readline()
    print(reply.decode().strip())
    print("at eof:", await reader.read() == b"")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "localhost", 8765)
    print("serving:", server.is_serving(), [s.getsockname()[1] for s in server.sockets])
    task = asyncio.create_task(server.serve_forever())
    for n in range(3):
        await client(n)
    # Numeric: CPython resolves "localhost" in a thread pool, which would make the order vary.
    await asyncio.gather(client(3, "127.0.0.1"), client(4, "127.0.0.1"))
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("serve_forever cancelled")
    print("serving:", server.is_serving())
    await server.wait_closed()


asyncio.run(main())
