"""PageLoop: a CPython event loop whose waits are performed by the page.

The loop is CPython's own `BaseSelectorEventLoop` over the run's in-memory network (net/), so sockets,
streams, protocols and datagrams work as CPython's selector_events has them; only its waits differ. It
never blocks by itself: the drivers (drivers.py) yield each wait, and `run_forever()` /
`run_until_complete()` called as written perform them in place. What a browser cannot back (processes,
threads, signals) comes from refusals.py.
"""

import linecache
import socket
import weakref
from asyncio import events, selector_events, tasks
from collections.abc import Callable
from contextvars import Context
from typing import Any

from . import state
from .drivers import drive_forever, drive_until_complete, exhaust_blocking
from .net import MemorySelector
from .refusals import BrowserRefusals
from .timeline import TaskHandle
from .waits import wake_driver

__all__ = ["PageLoop"]


class PageLoop(BrowserRefusals, selector_events.BaseSelectorEventLoop):
    """A CPython event loop whose waits are performed by the page (see the module docstring)."""

    def __init__(self) -> None:
        selector = MemorySelector()
        # Its driver yields every wait (drivers.py): select() only reports what is ready now.
        selector.driven = True
        super().__init__(selector)
        # True while a driver waits for a wake (see drivers.drive_forever): call_soon() then wakes it.
        self.waiting_for_wake = False
        self._task_order: weakref.WeakKeyDictionary[tasks.Task[Any], int] = weakref.WeakKeyDictionary()
        self._signal_handlers: dict[int, events.Handle] = {}
        self._task_serial = 0
        # The author's line that created each task, for the page's tip on tasks still pending at the end.
        self._task_lines: weakref.WeakKeyDictionary[tasks.Task[Any], int | None] = weakref.WeakKeyDictionary()
        self._timeline = None
        if state.current is not None:
            state.current.loops.append(self)
            self._timeline = state.current.timeline

    async def getaddrinfo(
        self, host: Any, port: Any, *, family: int = 0, type: int = 0, proto: int = 0, flags: int = 0
    ) -> list[tuple[Any, ...]]:
        """`socket.getaddrinfo`, which answers from the run's network at once: no thread pool needed."""
        return socket.getaddrinfo(host, port, family, type, proto, flags)

    async def getnameinfo(self, sockaddr: tuple[Any, ...], flags: int = 0) -> tuple[str, str]:
        """`socket.getnameinfo`, answered from the run's network at once."""
        return socket.getnameinfo(sockaddr, flags)

    def _make_self_pipe(self) -> None:
        # No self-pipe: a callback from JavaScript or another thread wakes the driver (see _write_to_self).
        pass

    def _close_self_pipe(self) -> None:
        pass

    def _process_events(self, event_list: list[Any]) -> None:
        # Called once per loop iteration, right before the ready callbacks run.
        if event_list:
            super()._process_events(event_list)
        if self._timeline is not None:
            self._timeline.tick()

    def create_task(self, coro: Any, **kwargs: Any) -> tasks.Task[Any]:
        """Schedule a task, named and numbered per run (see below)."""
        # CPython numbers tasks Task-1, Task-2... per process; here the process outlives the program, so
        # each run numbers its own from 1, as a fresh `python main.py` would. As in 3.11, where
        # asyncio.create_task() named the task after creating it, a named task uses up a number too.
        if self._task_factory is None and state.current is not None:
            number = state.current.next_task_number()
            if kwargs.get("name") is None:
                kwargs["name"] = f"Task-{number}"
        task = super().create_task(coro, **kwargs)
        self._task_serial += 1
        self._task_order[task] = self._task_serial
        if state.current is not None:
            self._task_lines[task] = state.user_line()
        if self._timeline is not None:
            self._timeline.task_created(task)
        return task

    def tasks_in_creation_order(self) -> list[tasks.Task[Any]]:
        """This loop's unfinished tasks, oldest first (see `TaskSet` in taskgroup.py for why order matters)."""
        order = self._task_order
        return sorted(tasks.all_tasks(self), key=lambda task: order.get(task, float("inf")))

    def task_creation_line(self, task: tasks.Task[Any]) -> int | None:
        """The line of the author's program that created task, or None (created by asyncio or a library)."""
        return self._task_lines.get(task)

    def _write_to_self(self) -> None:
        # call_soon_threadsafe: CPython's self-pipe wakes the selector whatever it waits for, a timer too, so
        # the driver of the thread running this loop is woken from any wait (a spare wake costs one step).
        wake_driver(self._thread_id)

    def _wake(self) -> None:
        if self.waiting_for_wake and state.hooks is not None:
            self.waiting_for_wake = False
            # The driver of the thread running this loop (call_soon_threadsafe from another green thread).
            wake_driver(self._thread_id)

    def call_soon(
        self, callback: Callable[..., object], *args: Any, context: Context | None = None
    ) -> events.Handle:
        """`BaseEventLoop.call_soon`, which also wakes a driver waiting for a wake."""
        if self._thread_id is not None and state.thread_id != self._thread_id:
            self._note_other_thread("loop.call_soon")
        if (
            self._timeline is not None
            and not self._debug
            and type(getattr(callback, "__self__", None)) is tasks.Task
        ):
            # A task's own callback (its step or wakeup) on a recorded run: BaseEventLoop.call_soon with a
            # handle that times the task's run (see timeline.py), inline, as it is the hot path.
            self._check_closed()
            handle = TaskHandle(callback, args, self, context)
            self._ready.append(handle)
        else:
            handle = super().call_soon(callback, *args, context=context)
        # A JavaScript promise settles outside any step; the driver must learn that the loop has work.
        if self.waiting_for_wake:
            self._wake()
        return handle

    def call_at(
        self, when: float, callback: Callable[..., object], *args: Any, context: Context | None = None
    ) -> events.TimerHandle:
        """`BaseEventLoop.call_at`, noting a call from a thread other than the loop's (see call_soon)."""
        if self._thread_id is not None and state.thread_id != self._thread_id:
            self._note_other_thread("loop.call_later")
        return super().call_at(when, callback, *args, context=context)

    def _note_other_thread(self, call: str) -> None:
        """Note a loop method called from another green thread, for the `thread-unsafe-call` tip.

        CPython's loop is not thread-safe: such a call is not seen until something else wakes the loop (in
        debug mode it raises, as here: `_check_thread`). The author's line names what was called: a future's
        `set_result` and `create_task` reach the loop through `call_soon` too.
        """
        if state.current is None:
            return
        line = state.user_line()
        text = linecache.getline(state.current.filename, line) if line is not None else ""
        for method, name in _UNSAFE_CALLS:
            if method in text:
                call = name
                break
        state.current.note({"kind": "thread-unsafe-call", "call": call, "line": line})

    def run_forever(self) -> None:
        """Run until stop() is called, performing each wait in place (the un-rewritten, blocking form)."""
        exhaust_blocking(drive_forever(self), "run_forever")

    def run_until_complete(self, future: Any) -> Any:
        """Run until the future is done, performing each wait in place (the un-rewritten, blocking form)."""
        return exhaust_blocking(drive_until_complete(self, future), "run_until_complete")


# What the author's line called, for the `thread-unsafe-call` note, most specific first.
_UNSAFE_CALLS = (
    (".set_result(", "future.set_result"),
    (".set_exception(", "future.set_exception"),
    ("create_task(", "loop.create_task"),
    (".call_later(", "loop.call_later"),
    (".call_at(", "loop.call_later"),
    (".call_soon(", "loop.call_soon"),
)

# Programs print their loop (`<_UnixSelectorEventLoop running=False closed=False debug=False>`) or its type;
# show the name CPython shows on Linux and macOS rather than an internal one.
PageLoop.__name__ = PageLoop.__qualname__ = "_UnixSelectorEventLoop"
PageLoop.__module__ = "asyncio.unix_events"
