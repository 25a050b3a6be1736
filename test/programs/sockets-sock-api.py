# loop.sock_* over plain non-blocking sockets, and connect_accepted_socket.
import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    port = listener.getsockname()[1]
    print("ephemeral port:", 32768 <= port <= 60999)

    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client.setblocking(False)
    await loop.sock_connect(client, ("127.0.0.1", port))
    conn, addr = await loop.sock_accept(listener)
    print("accepted from", addr[0], "peer is client:", addr == client.getsockname())
    conn.setblocking(False)

    await loop.sock_sendall(client, b"hello " * 3)
    print(await loop.sock_recv(conn, 100))
    try:
        conn.recv(10)
    except BlockingIOError as exc:
        print(type(exc).__name__, exc.errno, exc.strerror)

    # Hand the accepted socket to a protocol, as a server that accepts its own connections does.
    received = loop.create_future()

    class Upper(asyncio.Protocol):
        def connection_made(self, transport):
            self.transport = transport

        def data_received(self, data):
            self.transport.write(data.upper())
            received.set_result(data)

    transport, _ = await loop.connect_accepted_socket(Upper, conn)
    await loop.sock_sendall(client, b"shout")
    print("protocol got", await received)
    print("client got", await loop.sock_recv(client, 100))
    transport.close()
    await asyncio.sleep(0)
    print("after close:", await loop.sock_recv(client, 100))
    client.close()
    listener.close()


asyncio.run(main())
