# socket.socketpair() with asyncio streams and the loop's sock_* functions.
import asyncio
import socket


async def streams():
    rsock, wsock = socket.socketpair()
    reader, writer = await asyncio.open_connection(sock=rsock)
    loop = asyncio.get_running_loop()
    loop.call_soon(wsock.send, "abc".encode())
    data = await reader.read(100)
    print("Received:", data.decode())
    writer.close()
    await writer.wait_closed()
    wsock.close()


async def sock_calls():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    await loop.sock_sendall(a, b"ping")
    print("b got", await loop.sock_recv(b, 10))
    buf = bytearray(8)
    await loop.sock_sendall(b, b"pong")
    n = await loop.sock_recv_into(a, buf)
    print("a got", bytes(buf[:n]))
    a.shutdown(socket.SHUT_WR)
    print("after shutdown:", await loop.sock_recv(b, 10))
    a.close()
    b.close()
    print(a.fileno(), b.fileno())


async def main():
    await streams()
    await sock_calls()
    a, b = socket.socketpair()
    print(a.family == socket.AF_UNIX, a.type == socket.SOCK_STREAM, isinstance(a, socket.socket))
    a.close()
    b.close()


asyncio.run(main())
