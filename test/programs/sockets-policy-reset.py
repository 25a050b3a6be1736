# After a policy reset, new_event_loop() is CPython's own selector loop over the run's sockets; blocking
# socket calls with a timeout and select.select with an empty list wait in place.
import asyncio, socket, warnings
warnings.simplefilter("ignore", DeprecationWarning)

async def main():
    a, b = socket.socketpair()
    loop = asyncio.get_running_loop()
    a.setblocking(False); b.setblocking(False)
    loop.call_later(0.02, a.send, b"late")
    print(await loop.sock_recv(b, 10), type(loop).__name__)

asyncio.set_event_loop_policy(None)
loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
s = socket.socket(); s.settimeout(0.05); s.bind(("127.0.0.1", 0)); s.listen()
try:
    s.accept()
except TimeoutError as e:
    print("accept:", e)
import select
print(select.select([], [], [], 0.01))
