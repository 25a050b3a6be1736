# What tutorial programs put around their coroutines: dataclasses, typing, enums, collections, itertools,
# functools, json, datetime, math, string formatting.
import asyncio
import datetime
import enum
import functools
import itertools
import json
import math
from collections import Counter, defaultdict, deque, namedtuple
from dataclasses import dataclass, field
from typing import Any, Optional


class Status(enum.Enum):
    READY = "ready"
    DONE = "done"


Point = namedtuple("Point", "x y")


@dataclass
class Job:
    name: str
    status: Status = Status.READY
    tags: list[str] = field(default_factory=list)
    result: Optional[Any] = None


@functools.lru_cache
def square(n: int) -> int:
    return n * n


async def run(job: Job) -> Job:
    await asyncio.sleep(0)
    job.status = Status.DONE
    job.result = square(len(job.name))
    return job


async def main() -> None:
    jobs = [Job(name) for name in ("fetch", "parse", "store")]
    done = await asyncio.gather(*(run(job) for job in jobs))
    counts = Counter(job.status for job in done)
    by_status = defaultdict(list)
    for job in done:
        by_status[job.status.value].append(job.name)
    recent = deque(itertools.islice(itertools.count(), 5), maxlen=3)
    print(json.dumps({"counts": {k.value: v for k, v in counts.items()}, "by": by_status}, indent=2))
    print(json.loads('{"a": [1, 2.5, null]}'), list(recent), Point(1, 2), math.sqrt(2))
    print(datetime.datetime.now() - datetime.timedelta(seconds=1) < datetime.datetime.now())
    print(f"{math.pi:.3f} {1234567:,} {'x':>4}")


asyncio.run(main())
