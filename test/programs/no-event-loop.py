async def coro():
    print("inside coroutine")
    return 7


c = coro()
try:
    c.send(None)
except StopIteration as stop:
    print("returned", stop.value)


def plain(n):
    return [i * i for i in range(n)]


print(plain(4))
