# The errors CPython gives on Linux: refused, address in use, would block, timed out.
# Recorded with CPython 3.11; 3.14's create_server writes the bind error with str(err).lower(), "[errno 98] ...".
import asyncio
import errno
import socket


def plain():
    s = socket.socket()
    try:
        s.connect(("127.0.0.1", 8888))
    except ConnectionRefusedError as exc:
        print("connect:", exc)
    print("connect_ex:", s.connect_ex(("127.0.0.1", 8888)) == errno.ECONNREFUSED)
    s.close()

    a = socket.socket()
    a.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    a.bind(("127.0.0.1", 8888))
    a.listen()
    b = socket.socket()
    try:
        b.bind(("127.0.0.1", 8888))
    except OSError as exc:
        print("bind:", exc, exc.errno == errno.EADDRINUSE)
    b.close()

    c = socket.create_connection(("127.0.0.1", 8888))
    conn, _ = a.accept()
    conn.setblocking(False)
    try:
        conn.recv(10)
    except BlockingIOError as exc:
        print("recv:", exc)
    conn.settimeout(0.05)
    try:
        conn.recv(10)
    except socket.timeout as exc:
        print("timeout:", exc, type(exc).__name__)
    c.close()
    print("after close:", conn.recv(10))
    conn.close()
    a.close()


async def refused():
    try:
        await asyncio.open_connection("127.0.0.1", 8888)
    except ConnectionRefusedError as exc:
        print("open_connection:", exc)


async def in_use():
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 8888)
    try:
        await asyncio.start_server(lambda r, w: None, "127.0.0.1", 8888)
    except OSError as exc:
        print("start_server:", exc)
    server.close()
    await server.wait_closed()


plain()
asyncio.run(refused())
asyncio.run(in_use())
asyncio.run(refused())
