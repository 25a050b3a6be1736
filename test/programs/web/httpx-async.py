import asyncio

import httpx


async def fetch(client, n):
    response = await client.get("http://httpbin.org/get", params={"n": n})
    return response.json()["args"]["n"]


async def main():
    async with httpx.AsyncClient() as client:
        print(await asyncio.gather(*(fetch(client, n) for n in range(3))))
        response = await client.post("http://httpbin.org/post", data={"who": "py"})
        print(response.status_code, response.reason_phrase, response.json()["form"])
        async with client.stream("GET", "http://httpbin.org/stream/2") as response:
            async for line in response.aiter_lines():
                print(line[:8])
        response = await client.get("http://httpbin.org/redirect/2", follow_redirects=True)
        print(response.status_code, response.json()["args"])


asyncio.run(main())
