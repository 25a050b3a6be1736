import asyncio

import aiohttp


async def main():
    async with aiohttp.ClientSession() as session:
        async with session.get("http://httpbin.org/get", params={"name": "py"}) as response:
            print(response.status, response.reason)
            print(response.headers["Content-Type"])
            print((await response.json())["args"])
        async with session.post("http://httpbin.org/post", json={"n": 3}) as response:
            print((await response.json())["json"])
        async with session.get("http://httpbin.org/status/404") as response:
            print(response.status, response.reason, response.ok)
        async with session.get("http://httpbin.org/gzip") as response:
            print(await response.json())
        async with session.get("http://httpbin.org/stream/3") as response:
            async for line in response.content:
                print(line.decode().strip()[:8])


asyncio.run(main())
