"""Processes as threads: a page has one process, so process pools and `multiprocessing` run in green threads.

Tutorials start a `ProcessPoolExecutor` or a `multiprocessing.Pool` to show work done side by side; here that
work runs in threads of the page (threads.py), so they print their output. Memory is shared and CPU-bound work
does not run in parallel: each use leaves a note, for a tip at its line. `os.fork()` keeps Pyodide's own
OSError (ENOSYS, "Function not implemented"), which is what CPython raises for a call the platform lacks.
"""

import concurrent.futures
import sys
from typing import Any

from . import state

__all__ = ["install", "uninstall"]

_MISSING = object()
_saved: list[tuple[Any, str, Any]] = []


def _note() -> None:
    if state.current is not None:
        state.current.note({"kind": "process-as-thread", "line": state.user_line()})


def _set(owner: Any, name: str, value: Any) -> None:
    _saved.append((owner, name, owner.__dict__.get(name, _MISSING)))
    setattr(owner, name, value)


def _pool_executor(name: str) -> type:
    """A ThreadPoolExecutor that takes a process (or interpreter) pool's arguments."""
    from concurrent.futures import ThreadPoolExecutor  # noqa: PLC0415 - only for programs that use it

    class PoolExecutor(ThreadPoolExecutor):
        def __init__(
            self,
            max_workers: int | None = None,
            mp_context: Any = None,
            initializer: Any = None,
            initargs: tuple[Any, ...] = (),
            **kwargs: Any,
        ) -> None:
            _note()
            super().__init__(max_workers, initializer=initializer, initargs=initargs)

    PoolExecutor.__name__ = PoolExecutor.__qualname__ = name
    PoolExecutor.__module__ = "concurrent.futures.process"
    return PoolExecutor


def install(source: str) -> None:
    """Put the thread-backed stand-ins in place for a run whose source names them."""
    if "PoolExecutor" in source:
        for name in ("ProcessPoolExecutor", "InterpreterPoolExecutor"):
            _set(concurrent.futures, name, _pool_executor(name))
    if "multiprocessing" in source:
        import multiprocessing  # noqa: PLC0415 - only for programs that use it
        import multiprocessing.dummy  # noqa: PLC0415
        import multiprocessing.pool  # noqa: PLC0415

        _set(multiprocessing, "Process", _process_class(multiprocessing.dummy.DummyProcess))
        _set(multiprocessing, "Pool", _thread_pool)
        _set(multiprocessing, "Queue", multiprocessing.dummy.Queue)
        _set(multiprocessing.pool, "wait", _wait)


def _process_class(base: type) -> type:
    """`multiprocessing.Process` as a thread, named Process-N as CPython names processes."""
    counter = iter(range(1, sys.maxsize))

    class Process(base):  # type: ignore[misc, valid-type]
        def __init__(
            self, group: Any = None, target: Any = None, name: str | None = None, *args: Any, **kw: Any
        ) -> None:
            _note()
            super().__init__(group, target, name or f"Process-{next(counter)}", *args, **kw)

        @property
        def pid(self) -> int | None:
            return self.ident

    Process.__module__ = "multiprocessing.context"
    return Process


class _Notifier:
    """The wake-up queue of a Pool's worker handler (`ctx.SimpleQueue()`), without multiprocessing's pipes and
    semaphores (`_multiprocessing` is not in Pyodide); its `_reader` is waited on by `_wait` below."""

    def __init__(self) -> None:
        import threading  # noqa: PLC0415
        from collections import deque  # noqa: PLC0415

        self._items: deque[Any] = deque()
        self._ready = threading.Event()
        self._reader = self

    def put(self, item: Any) -> None:
        self._items.append(item)
        self._ready.set()

    def get(self) -> Any:
        item = self._items.popleft()
        if not self._items:
            self._ready.clear()
        return item

    def empty(self) -> bool:
        return not self._items


def _wait(object_list: list[Any], timeout: float | None = None) -> list[Any]:
    """`multiprocessing.connection.wait` for the notifiers of thread pools: a green wait, not a selector."""
    ready = [reader for reader in object_list if not reader.empty()]
    if ready or not object_list:
        return ready
    object_list[0]._ready.wait(timeout)
    return [reader for reader in object_list if not reader.empty()]


class _ThreadContext:
    """What `multiprocessing.pool.Pool` asks of its context, for a pool of threads."""

    @staticmethod
    def SimpleQueue() -> _Notifier:  # noqa: N802 - multiprocessing's name
        return _Notifier()


def _thread_pool(
    processes: int | None = None, initializer: Any = None, initargs: tuple[Any, ...] = (), *_: Any
) -> Any:
    """`multiprocessing.Pool` as a pool of threads (`multiprocessing.pool.ThreadPool`)."""
    import multiprocessing.pool  # noqa: PLC0415

    _note()
    pool = multiprocessing.pool.ThreadPool.__new__(multiprocessing.pool.ThreadPool)
    multiprocessing.pool.Pool.__init__(pool, processes, initializer, initargs, context=_ThreadContext())
    return pool


def uninstall() -> None:
    """Put CPython's classes back after the run."""
    while _saved:
        owner, name, value = _saved.pop()
        if value is _MISSING:
            try:
                delattr(owner, name)
            except AttributeError:
                pass
        else:
            setattr(owner, name, value)
