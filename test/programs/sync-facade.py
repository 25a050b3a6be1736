import asyncio


async def fetch_price(symbol):
    await asyncio.sleep(0.01)
    return {"ABC": 10.5, "XYZ": 99.0}.get(symbol, 0.0)


def get_price(symbol):
    return asyncio.run(fetch_price(symbol))


def total(symbols):
    return sum(get_price(s) for s in symbols)


def report():
    for symbol in ("ABC", "XYZ"):
        print(symbol, get_price(symbol))


report()
report()
print("total", total(["ABC", "XYZ"]))
