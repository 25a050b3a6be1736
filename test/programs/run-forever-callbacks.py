import asyncio


def tick(n):
    print("tick", n)


def finish(loop):
    print("stopping")
    loop.stop()


loop = asyncio.new_event_loop()
loop.call_soon(tick, 1)
loop.call_later(0.05, tick, 3)
loop.call_later(0.02, tick, 2)
loop.call_later(0.1, finish, loop)
print("before run_forever")
loop.run_forever()
print("after run_forever")
loop.close()
