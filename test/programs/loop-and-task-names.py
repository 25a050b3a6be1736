import asyncio
from dataclasses import dataclass


@dataclass
class Job:
    name: str
    seconds: float


async def work(job):
    await asyncio.sleep(job.seconds)
    return asyncio.current_task().get_name()


async def main():
    print(repr(asyncio.get_running_loop()).split(" ")[0])
    tasks = [asyncio.create_task(work(Job(f"job{i}", 0.01 * i))) for i in range(3)]
    named = asyncio.create_task(work(Job("named", 0)), name="custom")
    print(await asyncio.gather(*tasks, named))
    print(asyncio.current_task().get_name())


asyncio.run(main())
asyncio.run(main())
