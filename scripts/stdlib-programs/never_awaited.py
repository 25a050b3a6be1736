# A learner's most common mistake: CPython's "was never awaited" warning imports tracemalloc to say how to
# trace it. Fetched on first import, that module took ~130 ms inside the task that dropped the coroutine,
# drawn on the timeline as the task running.
import asyncio


async def helper():
    pass


async def main():
    helper()


asyncio.run(main())
