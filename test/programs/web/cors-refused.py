import asyncio

import aiohttp


async def main():
    async with aiohttp.ClientSession() as session:
        try:
            async with session.get("http://no-cors.test/get") as response:
                print(response.status)
        except aiohttp.ClientConnectionError:
            print("the connection failed")


asyncio.run(main())
