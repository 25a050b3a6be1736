"""PageLoop: a CPython event loop whose waits are performed by the page, and the loop drivers.

The drivers (`_drive_*`) are CPython's run_forever / run_until_complete / Runner / asyncio.run written as
generators that yield each wait instead of performing it: the program driver hands the waits to JavaScript
(rewritten entry points), `_exhaust_blocking` performs them in place (entry points left as written).
"""

import asyncio
import inspect
import sys
import time
import weakref
from asyncio import base_events, coroutines, events, futures, tasks

from . import state
from .timeline import TaskHandle
from .waits import _block

# How long the driver may run ready callbacks before it lets the worker read its messages.
_SLICE_SECONDS = 0.05

class _PageSelector:
    """Stands in for the selector: there is no I/O to poll, so select() never waits itself."""

    def select(self, timeout):
        return []

    def close(self):
        pass


class PageLoop(base_events.BaseEventLoop):
    """A CPython event loop whose waits are performed by the page (see the module docstring)."""

    def __init__(self):
        super().__init__()
        self._selector = _PageSelector()
        self._waiting_for_wake = False
        self._task_order = weakref.WeakKeyDictionary()
        self._signal_handlers = {}
        self._task_serial = 0
        self._timeline = None
        if state.current is not None:
            state.current.loops.append(self)
            self._timeline = state.current.timeline

    def _process_events(self, event_list):
        # Called once per loop iteration, right before the ready callbacks run.
        if self._timeline is not None:
            self._timeline.tick()

    def create_task(self, coro, **kwargs):
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
        if self._timeline is not None:
            self._timeline.task_created(task)
        return task

    def tasks_in_creation_order(self):
        """This loop's unfinished tasks, oldest first (see `_TaskSet` for why order matters)."""
        order = self._task_order
        return sorted(tasks.all_tasks(self), key=lambda task: order.get(task, float("inf")))

    def _write_to_self(self):
        self._wake()

    def _wake(self):
        if self._waiting_for_wake and state.hooks is not None:
            self._waiting_for_wake = False
            state.hooks.wake()

    def call_soon(self, callback, *args, context=None):
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
        if self._waiting_for_wake:
            self._wake()
        return handle

    def run_forever(self):
        """Run until stop() is called, performing each wait in place (the un-rewritten, blocking form)."""
        _exhaust_blocking(_drive_forever(self), "run_forever")

    def run_until_complete(self, future):
        """Run until the future is done, performing each wait in place (the un-rewritten, blocking form)."""
        gen = _drive_until_complete(self, future)
        return _exhaust_blocking(gen, "run_until_complete")

    def add_signal_handler(self, sig, callback, *args):
        """Accept a handler as CPython's Unix loop does; a browser never delivers signals, so it never runs."""
        if coroutines.iscoroutine(callback) or coroutines._iscoroutinefunction(callback):
            raise TypeError("coroutines cannot be used with add_signal_handler()")
        self._check_closed()
        import signal

        signal.Signals(sig)  # ValueError for an invalid signal number, as in CPython
        self._signal_handlers[sig] = events.Handle(callback, args, self, None)

    def remove_signal_handler(self, sig):
        return self._signal_handlers.pop(sig, None) is not None

    def run_in_executor(self, executor, func, *args):
        """Run `func` on this thread at the next loop iteration: a browser worker cannot start threads."""
        self._check_closed()
        if self._debug:
            self._check_callback(func, "run_in_executor")
        future = self.create_future()
        if state.current is not None:
            state.current.note({"kind": "thread-inline", "line": state.user_line()})

        def call():
            if future.cancelled():
                return
            try:
                result = func(*args)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                future.set_exception(exc)
            else:
                future.set_result(result)

        self.call_soon(call)
        return future


# Programs print their loop (`<_UnixSelectorEventLoop running=False closed=False debug=False>`) or its type;
# show the name CPython shows on Linux and macOS rather than an internal one.
PageLoop.__name__ = PageLoop.__qualname__ = "_UnixSelectorEventLoop"
PageLoop.__module__ = "asyncio.unix_events"


_NO_SUBPROCESS = "subprocesses cannot run in a browser: WebAssembly has no processes to start"
_NO_SOCKETS = (
    "network sockets cannot be opened in a browser; for HTTP, use pyodide.http.pyfetch (await it like any "
    "coroutine)"
)


def _unavailable(message):
    async def refuse(self, *args, **kwargs):
        raise NotImplementedError(message)

    return refuse


# What a browser cannot do fails at the author's line with one clear sentence, not deep inside asyncio.
for _name in ("subprocess_exec", "subprocess_shell"):
    setattr(PageLoop, _name, _unavailable(_NO_SUBPROCESS))
for _name in (
    "create_connection",
    "create_server",
    "create_datagram_endpoint",
    "create_unix_connection",
    "create_unix_server",
    "getaddrinfo",
    "getnameinfo",
    "sock_connect",
    "sock_accept",
    "connect_accepted_socket",
):
    setattr(PageLoop, _name, _unavailable(_NO_SOCKETS))


def _exhaust_blocking(gen, where):
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
            _block(wait, where)
        except BaseException as exc:  # noqa: BLE001 - re-raised inside the generator
            error = exc


def _next_wait(loop):
    """Seconds until the loop has work, 0 when it has some now, None when only a wake can give it some."""
    if loop._ready or loop._stopping:
        return 0
    if loop._scheduled:
        return max(0.0, loop._scheduled[0]._when - loop.time())
    return None


def _drive_forever(loop):
    """`BaseEventLoop.run_forever`, as a generator that yields each wait instead of performing it."""
    loop._run_forever_setup()
    hooks = sys.get_asyncgen_hooks()
    try:
        slice_start = time.monotonic()
        while True:
            loop._run_once()
            if loop._stopping:
                break
            wait = _next_wait(loop)
            if wait == 0 and time.monotonic() - slice_start < _SLICE_SECONDS:
                continue
            loop._waiting_for_wake = wait is None
            events._set_running_loop(None)
            try:
                yield wait
            finally:
                loop._waiting_for_wake = False
                # With stack switching each call may run on a thread state of its own: claim it again.
                events._set_running_loop(loop)
                sys.set_asyncgen_hooks(*hooks)
            slice_start = time.monotonic()
    finally:
        loop._run_forever_cleanup()


def _drive_until_complete(loop, future):
    """`BaseEventLoop.run_until_complete`, as a generator (see `_drive_forever`)."""
    loop._check_closed()
    loop._check_running()
    new_task = not futures.isfuture(future)
    future = tasks.ensure_future(future, loop=loop)
    if new_task:
        future._log_destroy_pending = False
    # CPython's own callback, so a printed task shows `cb=[_run_until_complete_cb() at .../base_events.py]`.
    future.add_done_callback(base_events._run_until_complete_cb)
    try:
        yield from _drive_forever(loop)
    except:  # noqa: E722 - mirrors CPython, which consumes the exception of a finished task
        if new_task and future.done() and not future.cancelled():
            future.exception()
        raise
    finally:
        future.remove_done_callback(base_events._run_until_complete_cb)
    if not future.done():
        raise RuntimeError("Event loop stopped before Future completed.")
    return future.result()


def _drive_cancel_all_tasks(loop):
    to_cancel = loop.tasks_in_creation_order() if isinstance(loop, PageLoop) else tasks.all_tasks(loop)
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    yield from _drive_until_complete(loop, tasks.gather(*to_cancel, return_exceptions=True))
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


_cpython_cancel_all_tasks = asyncio.runners._cancel_all_tasks


def _cancel_all_tasks_in_order(loop):
    """`asyncio.runners._cancel_all_tasks` for the blocking form, cancelling oldest first."""
    _exhaust_blocking(_drive_cancel_all_tasks(loop), "asyncio.run")


def _drive_runner_close(runner):
    """`asyncio.Runner.close`, as a generator."""
    if runner._state is not asyncio.runners._State.INITIALIZED:
        return
    try:
        loop = runner._loop
        yield from _drive_cancel_all_tasks(loop)
        yield from _drive_until_complete(loop, loop.shutdown_asyncgens())
        yield from _drive_until_complete(loop, loop.shutdown_default_executor(300))
    finally:
        if runner._set_event_loop:
            events.set_event_loop(None)
        loop.close()
        runner._loop = None
        runner._state = asyncio.runners._State.CLOSED


def _drive_runner_run(runner, coro, context=None):
    """`asyncio.Runner.run`, as a generator (no SIGINT handler: the page stops runs its own way)."""
    if events._get_running_loop() is not None:
        raise RuntimeError("Runner.run() cannot be called from a running event loop")
    runner._lazy_init()
    if not coroutines.iscoroutine(coro):
        if inspect.isawaitable(coro):

            async def _wrap_awaitable(awaitable):
                return await awaitable

            coro = _wrap_awaitable(coro)
        else:
            raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")
    if context is None:
        context = runner._context
    task = runner._loop.create_task(coro, context=context)
    return (yield from _drive_until_complete(runner._loop, task))


def _drive_asyncio_run(main, *, debug=None, loop_factory=None):
    """`asyncio.run`, as a generator."""
    if events._get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    runner = asyncio.Runner(debug=debug, loop_factory=loop_factory)
    runner._lazy_init()
    try:
        return (yield from _drive_runner_run(runner, main))
    finally:
        yield from _drive_runner_close(runner)


class _PagePolicy(events._AbstractEventLoopPolicy):
    """Loops are PageLoops; `get_event_loop()` outside a loop creates one, as tutorials written for 3.11 expect.

    The current loop is a plain attribute, not thread-local: with stack switching, calls into Python may run
    on thread states of their own, and a loop set in one step must still be current in the next.
    """

    def __init__(self):
        self._loop = None
        self._set_called = False

    def new_event_loop(self):
        return PageLoop()

    def get_event_loop(self):
        # CPython 3.11: create a loop on first use, unless set_event_loop() was called (asyncio.run calls
        # it, with None at its end), after which a missing loop is an error.
        if self._loop is None and not self._set_called:
            self.set_event_loop(self.new_event_loop())
        if self._loop is None:
            raise RuntimeError("There is no current event loop in thread 'MainThread'.")
        return self._loop

    def set_event_loop(self, loop):
        self._set_called = True
        if loop is not None and not isinstance(loop, events.AbstractEventLoop):
            raise TypeError(f"loop must be an instance of AbstractEventLoop or None, not '{type(loop).__name__}'")
        self._loop = loop


class _TaskSet:
    """A set of tasks that iterates in the order they were added.

    CPython keeps a TaskGroup's tasks in a set, iterated in the order of their memory addresses, which
    on a desktop follows creation order: "task 1 cancelled" prints before "task 2 cancelled". WebAssembly's
    allocator reuses blocks more eagerly, so a plain set would often cancel in another order.
    """

    __slots__ = ("_items",)

    def __init__(self):
        self._items = {}

    def add(self, item):
        self._items[item] = None

    def discard(self, item):
        self._items.pop(item, None)

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self):
        return len(self._items)

    def __contains__(self, item):
        return item in self._items


_taskgroup_init = asyncio.TaskGroup.__init__


def _ordered_taskgroup_init(self, *args, **kwargs):
    _taskgroup_init(self, *args, **kwargs)
    self._tasks = _TaskSet()


# --------------------------------------------------------------------------------------------------------
