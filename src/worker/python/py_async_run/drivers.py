"""The loop drivers: CPython's run_forever, run_until_complete, Runner and asyncio.run as generators.

Each driver yields every wait instead of performing it: seconds until the loop has work, or None when only a
wake (a callback from JavaScript) can give it some. The program driver (`Program.step()`) hands the waits to
JavaScript for rewritten entry points; `exhaust_blocking()` performs them in place for entry points left as
written (`PageLoop.run_forever()` and co.). The code mirrors CPython 3.14's `base_events.py` and
`runners.py`, comments included.
"""

import asyncio
import inspect
import sys
import time
from asyncio import base_events, coroutines, events, futures, tasks
from collections.abc import Coroutine, Generator
from contextvars import Context
from typing import Any

from . import state
from .net import MemorySelector, current_network
from .waits import block

__all__ = [
    "CPYTHON_CANCEL_ALL_TASKS",
    "Waits",
    "cancel_all_tasks_in_order",
    "drive_asyncio_run",
    "drive_forever",
    "drive_runner_run",
    "drive_until_complete",
    "exhaust_blocking",
]

# What a driver yields: seconds to wait (0: none, let the worker read its messages), None: wait for a wake.
type Waits[T] = Generator[float | None, None, T]

# How long the driver may run ready callbacks before it lets the worker read its messages.
_SLICE_SECONDS = 0.05

# CPython's own `asyncio.runners._cancel_all_tasks`, put back when a run ends.
CPYTHON_CANCEL_ALL_TASKS = asyncio.runners._cancel_all_tasks


def exhaust_blocking[T](gen: Waits[T], where: str) -> T:
    """Drive a loop generator to its end, performing its waits in place (the blocking form).

    A failed wait is thrown into the generator, so the loop's own cleanup (`finally`) runs, as it would
    in CPython when an exception escapes `run_forever()`.
    """
    error = None
    while True:
        try:
            wait = gen.throw(error) if error is not None else next(gen)
        except StopIteration as stop:
            return stop.value
        error = None
        try:
            block(wait, where)
        except BaseException as exc:  # noqa: BLE001 - re-raised inside the generator
            error = exc


def _memory_selector(loop: asyncio.AbstractEventLoop) -> MemorySelector | None:
    selector = getattr(loop, "_selector", None)
    return selector if isinstance(selector, MemorySelector) else None


def _next_wait(loop: asyncio.AbstractEventLoop, selector: MemorySelector | None) -> float | None:
    """Seconds until the loop has work, 0 when it has some now, None when only a wake can give it some."""
    if loop._ready or loop._stopping:
        return 0
    # A ready socket is work now: its callback runs at the next _run_once.
    if selector is not None and selector.has_ready():
        return 0
    if loop._scheduled:
        return max(0.0, loop._scheduled[0]._when - loop.time())
    return None


def drive_forever(loop: asyncio.AbstractEventLoop) -> Waits[None]:
    """`BaseEventLoop.run_forever`, as a generator that yields each wait instead of performing it.

    While it waits for a wake, `loop.waiting_for_wake` is true: a callback scheduled then wakes the driver
    (see `PageLoop.call_soon`). While it waits at all, a socket of the run's network that becomes ready
    (bytes from a remote peer) wakes it too (`Network.changed`). The loop's in-memory selector never
    waits itself meanwhile: the driver yields its waits.
    """
    loop._run_forever_setup()
    hooks = sys.get_asyncgen_hooks()
    selector = _memory_selector(loop)
    if selector is not None:
        selector.driven, was_driven = True, selector.driven
    network = current_network()
    try:
        slice_start = time.monotonic()
        while True:
            loop._run_once()
            if loop._stopping:
                break
            wait = _next_wait(loop, selector)
            if wait == 0 and time.monotonic() - slice_start < _SLICE_SECONDS:
                continue
            loop.waiting_for_wake = wait is None
            events._set_running_loop(None)
            network.waiting += 1
            try:
                yield wait
            finally:
                network.waiting -= 1
                loop.waiting_for_wake = False
                # With stack switching each call may run on a thread state of its own: claim it again.
                events._set_running_loop(loop)
                sys.set_asyncgen_hooks(*hooks)
            slice_start = time.monotonic()
    finally:
        if selector is not None:
            selector.driven = was_driven
        loop._run_forever_cleanup()


def drive_until_complete(loop: asyncio.AbstractEventLoop, future: Any) -> Waits[Any]:
    """`BaseEventLoop.run_until_complete`, as a generator (see `drive_forever`)."""
    loop._check_closed()
    loop._check_running()
    new_task = not futures.isfuture(future)
    future = tasks.ensure_future(future, loop=loop)
    if new_task:
        # An exception is raised if the future didn't complete, so there
        # is no need to log the "destroy pending task" message
        future._log_destroy_pending = False
    # CPython's own callback, so a printed task shows `cb=[_run_until_complete_cb() at .../base_events.py]`.
    future.add_done_callback(base_events._run_until_complete_cb)
    try:
        yield from drive_forever(loop)
    except:  # noqa: E722 - mirrors CPython
        if new_task and future.done() and not future.cancelled():
            # The coroutine raised a BaseException. Consume the exception
            # to not log a warning, the caller doesn't have access to the
            # local task.
            future.exception()
        raise
    finally:
        future.remove_done_callback(base_events._run_until_complete_cb)
    if not future.done():
        raise RuntimeError("Event loop stopped before Future completed.")
    return future.result()


def _drive_cancel_all_tasks(loop: asyncio.AbstractEventLoop) -> Waits[None]:
    """`asyncio.runners._cancel_all_tasks`, as a generator, oldest task first on a PageLoop."""
    in_order = getattr(loop, "tasks_in_creation_order", None)
    to_cancel = in_order() if in_order is not None else tasks.all_tasks(loop)
    if not to_cancel:
        return
    _note_pending(loop, to_cancel)
    for task in to_cancel:
        task.cancel()
    yield from drive_until_complete(loop, tasks.gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler(
                {
                    "message": "unhandled exception during asyncio.run() shutdown",
                    "exception": task.exception(),
                    "task": task,
                }
            )


# The most pending tasks told to the page per loop: enough to name the mistake, few enough to read.
_MOST_PENDING_NOTED = 5


def _note_pending(loop: asyncio.AbstractEventLoop, pending: Any) -> None:
    """Tell the page which of the program's own tasks were still pending when its loop ended (their work is
    cancelled, a common surprise): each task's name, coroutine and the line that created it."""
    program = state.current
    if program is None:
        return
    line_of = getattr(loop, "task_creation_line", None)
    noted = 0
    for task in pending:
        code = getattr(task.get_coro(), "cr_code", None)
        if code is None or code.co_filename != program.filename:
            continue
        line = line_of(task) if line_of is not None else None
        program.note({"kind": "task-pending", "name": task.get_name(), "entry": code.co_qualname, "line": line})
        noted += 1
        if noted == _MOST_PENDING_NOTED:
            return


def cancel_all_tasks_in_order(loop: asyncio.AbstractEventLoop) -> None:
    """`asyncio.runners._cancel_all_tasks` for the blocking form, cancelling oldest first."""
    exhaust_blocking(_drive_cancel_all_tasks(loop), "asyncio.run")


def _drive_runner_close(runner: asyncio.Runner) -> Waits[None]:
    """`asyncio.Runner.close`, as a generator."""
    if runner._state is not asyncio.runners._State.INITIALIZED:
        return
    try:
        loop = runner._loop
        yield from _drive_cancel_all_tasks(loop)
        yield from drive_until_complete(loop, loop.shutdown_asyncgens())
        yield from drive_until_complete(loop, loop.shutdown_default_executor(300))
    finally:
        if runner._set_event_loop:
            events.set_event_loop(None)
        loop.close()
        runner._loop = None
        runner._state = asyncio.runners._State.CLOSED


def drive_runner_run(runner: asyncio.Runner, coro: Any, context: Context | None = None) -> Waits[Any]:
    """`asyncio.Runner.run`, as a generator (no SIGINT handler: the page stops runs its own way)."""
    if events._get_running_loop() is not None:
        # fail fast with short traceback
        raise RuntimeError("Runner.run() cannot be called from a running event loop")
    runner._lazy_init()
    if not coroutines.iscoroutine(coro):
        if inspect.isawaitable(coro):

            async def _wrap_awaitable(awaitable: Any) -> Any:
                return await awaitable

            coro = _wrap_awaitable(coro)
        else:
            raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")
    if context is None:
        context = runner._context
    task = runner._loop.create_task(coro, context=context)
    return (yield from drive_until_complete(runner._loop, task))


def drive_asyncio_run(
    main: Coroutine[Any, Any, Any], *, debug: bool | None = None, loop_factory: Any = None
) -> Waits[Any]:
    """`asyncio.run`, as a generator."""
    if events._get_running_loop() is not None:
        # fail fast with short traceback
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    runner = asyncio.Runner(debug=debug, loop_factory=loop_factory)
    runner._lazy_init()
    try:
        return (yield from drive_runner_run(runner, main))
    finally:
        yield from _drive_runner_close(runner)
