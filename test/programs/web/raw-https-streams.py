import asyncio
import json


async def main():
    reader, writer = await asyncio.open_connection("httpbin.org", 443, ssl=True)
    writer.write(b"GET /get?raw=1 HTTP/1.1\r\nHost: httpbin.org\r\nConnection: close\r\n\r\n")
    await writer.drain()
    print((await reader.readline()).decode().strip())
    headers = {}
    while (line := await reader.readline()) != b"\r\n":
        name, _, value = line.decode().partition(":")
        headers[name.lower()] = value.strip()
    print(headers["content-type"])
    body = await reader.readexactly(int(headers["content-length"]))
    print(json.loads(body)["args"])
    writer.close()
    await writer.wait_closed()


asyncio.run(main())
