"""Waiting in place: stack switching (JSPI) where the engine has it, else blocking the worker.

With stack switching, every Python stack that waits (the program's step, each green thread of threads.py)
is suspended by `pyodide.ffi.run_sync` and resumed by the JavaScript event loop, which is the scheduler:
there is no run queue. `Waiter` is the one way a green thread waits for another.
"""

import time
from collections.abc import Callable
from typing import Any

from asyncio import events

from . import state

__all__ = [
    "ThreadExit",
    "Waiter",
    "alive",
    "await_js",
    "block",
    "blocking_sleep",
    "can_run_sync",
    "check_interrupt",
    "green_threads",
    "kill",
    "mark_resumed",
    "note_long_run",
    "wake_driver",
    "wake_parked",
]

try:  # Pyodide only; the package stays importable in plain CPython for reading.
    from pyodide.ffi import can_run_sync, run_sync
except ImportError:  # pragma: no cover

    def can_run_sync() -> bool:
        return False

    def run_sync(x: Any) -> Any:
        raise RuntimeError("no stack switching")


class ThreadExit(SystemExit):
    """Ends a green thread whose run is over (Stop, timeout, a daemon thread at exit): raised where it waits.

    A SystemExit, so `threading`'s excepthook stays silent about it, as CPython is about a thread that ends
    with the process.
    """


# Green threads of the run (threads.py) ended by the run's end: their next wait raises ThreadExit.
_killed: set[int] = set()
# The wait each suspended green thread is in, so the run's end (or a Stop, for the main thread) can end it.
_parked: dict[int, "Waiter"] = {}
# A loop run in place (run_forever) in a thread other than the main one waits here for its wake.
_driver_waits: dict[int, "Waiter"] = {}
# The green threads of the run that have not ended (threads.py keeps it), the main thread aside.
alive: set[int] = set()
# Whether the run has green threads (threads.install ran); False without stack switching.
_green = False
# When the running stack last started or resumed (time.perf_counter), to see threads that compute long.
_resumed_at = 0.0
# A thread that runs this long without waiting would have been switched out by CPython (10 switch intervals:
# less would also catch a thread's first imports).
_LONG_RUN_SECONDS = 0.05


def mark_resumed() -> None:
    """A stack starts running now (a thread's start, a step): its run without a wait is timed from here."""
    global _resumed_at
    _resumed_at = time.perf_counter()


def note_long_run() -> None:
    """Note a green thread that ran long without waiting, at a wait or at its end (a tip explains)."""
    # CPython would have switched to another thread every 5 ms (sys.getswitchinterval()); here a thread
    # runs until it waits, so output of threads computing side by side may come in another order.
    if state.thread_id == state.MAIN_THREAD or state.current is None:
        return
    if time.perf_counter() - _resumed_at > _LONG_RUN_SECONDS:
        state.current.note({"kind": "thread-ran-long", "line": state.user_line()})


def green_threads(on: bool) -> None:
    """Turn green-thread waits on or off for the run (threads.install / uninstall)."""
    global _green
    _green = on
    if not on:
        _killed.clear()
        _parked.clear()
        _driver_waits.clear()
        alive.clear()


class Waiter:
    """One wait of the current green thread: `wait()` suspends it, `wake()` (from any thread) resumes it.

    The wait is a future of Pyodide's own loop, handed to `run_sync` as it is: Pyodide then only adds a done
    callback, with no loop or policy looked up, so it is safe whatever loop the waiting thread runs.
    Measured in Node (Pyodide 314, old JSPI): ~0.8 ms per switch, against ~2.5 ms through a JS promise.
    """

    __slots__ = ("_future", "thread")

    def __init__(self) -> None:
        self.thread = state.thread_id
        self._future = state.web_loop.create_future()

    def wake(self, value: object = True) -> bool:
        """End the wait with `value`; False when it had ended already."""
        if self._future.done():
            return False
        self._future.set_result(value)
        return True

    def wait(self, timeout: float | None = None) -> object:
        """Suspend this thread until woken (its wake value) or `timeout` seconds passed (False)."""
        me = self.thread
        if me in _killed:
            raise ThreadExit
        if me == state.MAIN_THREAD:
            check_interrupt()
        if not can_run_sync():
            return _wait_without_switching(timeout)
        note_long_run()
        timeline = state.current.timeline if state.current is not None else None
        if timeline is not None and me != state.MAIN_THREAD:
            timeline.thread_ran(me, resumed=False)
        timer = None if timeout is None else state.web_loop.call_later(max(timeout, 0.0), self.wake, False)
        _parked[me] = self
        state.flush_output()
        try:
            return_value = run_sync(self._future)
        finally:
            # Whatever ran meanwhile set its own ident: this stack is `me` again.
            state.thread_id = me
            mark_resumed()
            if _parked.get(me) is self:
                del _parked[me]
            if timer is not None:
                timer.cancel()
        if timeline is not None and me != state.MAIN_THREAD:
            timeline.thread_ran(me, resumed=True)
        if me in _killed:
            raise ThreadExit
        if me == state.MAIN_THREAD:
            check_interrupt()
        return return_value


def _wait_without_switching(timeout: float | None) -> bool:
    """A wait no other thread can end: no stack switching here (threads then ran inline, see threads.py)."""
    if timeout is None:
        raise RuntimeError(
            "this wait needs another thread to run, and threads need WebAssembly stack switching, which this "
            "browser lacks (here they run one after the other)"
        )
    if timeout > 0:
        state.hooks.waitSync(timeout * 1000)
        check_interrupt()
    return False


def wake_parked(thread: int, value: object) -> None:
    """End the wait of `thread`, if it waits (the run's end, or a Stop for the main thread)."""
    waiter = _parked.get(thread)
    if waiter is not None:
        waiter.wake(value)


def kill(thread: int) -> None:
    """Make `thread` end with ThreadExit: now if it waits, else at its next wait."""
    _killed.add(thread)
    wake_parked(thread, False)


def wake_driver(thread: int | None) -> None:
    """Wake the loop driver of `thread` (a loop's `_thread_id`) waiting for a wake (`call_soon_threadsafe`)."""
    waiter = _driver_waits.get(thread) if thread is not None else None
    if waiter is not None:
        waiter.wake()
    elif state.hooks is not None:
        state.hooks.wake()


def _suspend(ms: float) -> None:
    """Pause this Python stack for `ms` (negative: until a wake) while a loop waits in place."""
    me = state.thread_id
    if _green and me != state.MAIN_THREAD:
        # A loop running in a thread: it has a waker of its own (wake_driver), not the main driver's slot.
        waiter = Waiter()
        _driver_waits[me] = waiter
        try:
            waiter.wait(None if ms < 0 else ms / 1000)
        finally:
            if _driver_waits.get(me) is waiter:
                del _driver_waits[me]
        return
    await_js(lambda: state.hooks.sleep(ms))


def await_js(make_promise: Callable[[], Any]) -> Any:
    """Pause this Python stack until the JavaScript promise `make_promise()` settles; return its value.

    Pyodide turns a promise into a future of the current event loop, and run_sync resumes through it: that
    must happen with Pyodide's own loop running, not the program's PageLoop (whose future would never be
    driven: a hang). So the promise is made inside, not passed in. Only the running loop is swapped: it
    belongs to this stack's thread state, while the policy is global and other green threads run meanwhile.
    """
    me = state.thread_id
    if me in _killed:
        raise ThreadExit
    saved = events._get_running_loop()
    events._set_running_loop(state.web_loop)
    try:
        value = run_sync(make_promise())
    finally:
        events._set_running_loop(saved)
        state.thread_id = me
    if me in _killed:
        raise ThreadExit
    check_interrupt()
    return value


def check_interrupt() -> None:
    """Raise KeyboardInterrupt when the page asked to stop while the program was waiting.

    Pyodide polls its interrupt buffer only every so many bytecodes; right after a wait the program may run
    too few of them before waiting again, so each wait checks explicitly. Only the main thread gets it, as
    in CPython; the other threads end with the run (threads.py).
    """
    if state.thread_id != state.MAIN_THREAD:
        return
    if state.hooks is not None and state.hooks.interrupted():
        raise KeyboardInterrupt


def block(wait: float | None, where: str) -> None:
    """Perform one wait in place (blocking mode): the program cannot yield to the driver here.

    `wait` is what a driver yields (see drivers.py): seconds, or None to wait for a wake. `where` names the
    entry point for the run's note.
    """
    state.flush_output()
    if wait is None:
        if can_run_sync():
            _note_blocking(where, "stack-switching")
            _suspend(state.WAIT_FOR_WAKE * 1000)
            return
        raise RuntimeError(
            "this program waits for the browser (a JavaScript promise or a callback) inside a blocking "
            "event-loop call, which needs WebAssembly stack switching; this browser has none"
        )
    if wait <= 0:
        return
    if can_run_sync():
        _note_blocking(where, "stack-switching")
        _suspend(wait * 1000)
    else:
        _note_blocking(where, "blocked")
        state.hooks.waitSync(wait * 1000)
        check_interrupt()


def blocking_sleep(secs: float) -> None:
    """`time.sleep` as CPython has it: the whole program waits, no other task runs meanwhile."""
    if not isinstance(secs, (int, float)):
        return state.cpython_sleep(secs)  # raises CPython's own TypeError
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    state.flush_output()
    if _green and can_run_sync() and (state.thread_id != state.MAIN_THREAD or alive):
        # Green threads: this thread waits, the others go on (sleep(0) too: CPython's releases the GIL).
        deadline = time.monotonic() + secs
        while True:
            Waiter().wait(max(0.0, deadline - time.monotonic()))
            if time.monotonic() >= deadline:
                return
    if secs == 0:
        return
    if can_run_sync():
        # Suspends this Python stack only: nothing else of the program can run meanwhile, because the
        # program's loop is being stepped by this very stack.
        _suspend(secs * 1000)
    else:
        state.hooks.waitSync(secs * 1000)
        check_interrupt()


def _note_blocking(where: str, how: str) -> None:
    if state.current is not None:
        state.current.note({"kind": "blocking-entry", "how": how, "entry": where, "line": state.user_line()})
