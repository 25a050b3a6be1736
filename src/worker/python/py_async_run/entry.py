"""Rewritten entry points: what `await __py_async_run__.call(asyncio.run, main())` does."""

import asyncio
from asyncio import events
from collections.abc import Callable, Generator
from typing import Any

from . import state
from .drivers import Waits, drive_asyncio_run, drive_forever, drive_runner_run, drive_until_complete
from .loop import PageLoop

__all__ = ["EntryRequest", "call"]


class EntryRequest:
    """What a rewritten entry point hands to the program driver: a generator to drive to completion."""

    __slots__ = ("drive", "entry")

    def __init__(self, drive: Waits[Any], entry: str) -> None:
        self.drive = drive
        self.entry = entry


def _entry_driver(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[Waits[Any], str] | tuple[None, None]:
    """The generator form of `fn(*args, **kwargs)` when fn is a loop entry point, else None."""
    if fn is state.cpython_run or fn is asyncio.run:
        return drive_asyncio_run(*args, **kwargs), "asyncio.run"
    owner = getattr(fn, "__self__", None)
    func = getattr(fn, "__func__", None)
    if isinstance(owner, PageLoop):
        if func is PageLoop.run_until_complete:
            return drive_until_complete(owner, *args, **kwargs), "run_until_complete"
        if func is PageLoop.run_forever:
            return drive_forever(owner, *args, **kwargs), "run_forever"
    if isinstance(owner, asyncio.Runner) and func is asyncio.Runner.run:
        return drive_runner_run(owner, *args, **kwargs), "Runner.run"
    return None, None


class _EntryCall:
    """The awaitable `call()` returns (see its `__await__`)."""

    __slots__ = ("fn", "args", "kwargs")

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def __await__(self) -> Generator[EntryRequest, Any, Any]:
        # Only the program driver can perform waits; inside a running loop (or any other awaiter) the
        # call behaves exactly as written, so CPython's own errors surface.
        if state.current is not None and state.current.at_top_level and events._get_running_loop() is None:
            drive, entry = _entry_driver(self.fn, self.args, self.kwargs)
            if drive is not None:
                return (yield EntryRequest(drive, entry))
        return self.fn(*self.args, **self.kwargs)


def call(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> _EntryCall:
    """`fn(*args, **kwargs)` as an awaitable: what the transform puts in place of `asyncio.run(...)` & co."""
    return _EntryCall(fn, args, kwargs)
