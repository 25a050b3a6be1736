import asyncio


async def load_user(user_id):
    await asyncio.sleep(0.01)
    return {"name": "Ada", "id": user_id}


async def main():
    user = load_user(42)
    print("loaded")
    print(user["name"])


asyncio.run(main())
