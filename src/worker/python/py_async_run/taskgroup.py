"""TaskGroups that cancel their tasks in the order they were created, as CPython on a desktop appears to.

CPython keeps a TaskGroup's tasks in a set, iterated in the order of their memory addresses, which on a
desktop follows creation order: "task 1 cancelled" prints before "task 2 cancelled". WebAssembly's allocator
reuses blocks more eagerly, so a plain set would often cancel in another order. A run replaces
`asyncio.TaskGroup.__init__` with `ordered_taskgroup_init` and puts `CPYTHON_TASKGROUP_INIT` back at its end.
"""

import asyncio
from collections.abc import Hashable, Iterator
from typing import Any

__all__ = ["CPYTHON_TASKGROUP_INIT", "TaskSet", "ordered_taskgroup_init"]

CPYTHON_TASKGROUP_INIT = asyncio.TaskGroup.__init__


class TaskSet:
    """A set of tasks that iterates in the order they were added (see the module docstring)."""

    __slots__ = ("_items",)

    def __init__(self) -> None:
        self._items: dict[Hashable, None] = {}

    def add(self, item: Hashable) -> None:
        self._items[item] = None

    def discard(self, item: Hashable) -> None:
        self._items.pop(item, None)

    def __iter__(self) -> Iterator[Any]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, item: object) -> bool:
        return item in self._items


def ordered_taskgroup_init(self: asyncio.TaskGroup, *args: Any, **kwargs: Any) -> None:
    """`TaskGroup.__init__`, with a `TaskSet` for the group's tasks."""
    CPYTHON_TASKGROUP_INIT(self, *args, **kwargs)
    self._tasks = TaskSet()
