# loop.add_reader / add_writer on a socketpair, as the docs' "watch a file descriptor" example.
import asyncio
from socket import socketpair


async def wait_for_data():
    loop = asyncio.get_running_loop()
    rsock, wsock = socketpair()
    fut = loop.create_future()

    def reader():
        data = rsock.recv(100)
        print("Received:", data.decode())
        loop.remove_reader(rsock)
        fut.set_result(data)

    loop.add_reader(rsock, reader)
    writable = loop.create_future()
    loop.add_writer(wsock, lambda: writable.done() or writable.set_result(True))
    await writable
    print("wsock writable:", loop.remove_writer(wsock))
    loop.call_later(0.01, wsock.send, "abc".encode())
    await fut
    print("removed again:", loop.remove_reader(rsock))
    rsock.close()
    wsock.close()


asyncio.run(wait_for_data())
