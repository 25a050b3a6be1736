import asyncio

import requests


def get(n):
    return requests.get("http://httpbin.org/get", params={"n": n}).json()["args"]["n"]


async def main():
    print(await asyncio.gather(*(asyncio.to_thread(get, n) for n in range(3))))


asyncio.run(main())
