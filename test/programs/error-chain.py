import asyncio


async def load():
    await asyncio.sleep(0)
    return {}["key"]


async def main():
    try:
        await load()
    except KeyError as exc:
        raise ValueError("could not load") from exc


asyncio.run(main())
