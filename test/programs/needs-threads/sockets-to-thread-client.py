# A blocking socket client in asyncio.to_thread beside an asyncio server: the client's recv() waits in
# its thread while the loop serves it.
import asyncio
import socket


async def handle(reader, writer):
    data = await reader.readline()
    await asyncio.sleep(0.05)
    writer.write(data.upper())
    await writer.drain()
    writer.close()


def blocking_client(port):
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"hello from a thread\n")
        chunks = []
        while chunk := sock.recv(1024):
            chunks.append(chunk)
        return b"".join(chunks)


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        print(await asyncio.to_thread(blocking_client, port))
        print(await asyncio.gather(*(asyncio.to_thread(blocking_client, port) for _ in range(3))))


asyncio.run(main())
