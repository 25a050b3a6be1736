"""Green threads: `threading`, `queue` and `concurrent.futures` run concurrently on one OS thread.

Pyodide has no OS threads, but with stack switching (JSPI) each call from JavaScript made with
`callPromising` gets a Python thread state of its own (frames, `sys.exc_info()`, contextvars, the running
loop) that `run_sync` can suspend and resume. A green thread is such a call: `threading` starts it through
the worker (`hooks.startThread`), and it runs until it waits (a lock, an event, `join`, `time.sleep`,
`input()`), when `waits.Waiter` suspends it and the JavaScript event loop runs whichever stack is ready.
So programs whose threads meet at blocking calls print what CPython prints. A thread that computes without
waiting keeps running until it waits (there is no preemption at CPython's 5 ms switch interval).

`install()` puts the green parts in place of `_thread`'s for one run: the threads' identity (C sees a
single OS thread, so `get_ident` comes from `state.thread_id`), locks that suspend the calling thread
instead of the worker (a blocking C lock held by another green thread would hang the worker), thread
handles, `threading.local` and `queue.SimpleQueue` in Python; `uninstall()` puts back CPython's.

The incremental garbage collector walks the frames of every thread state, including the suspended ones,
whose entry frames lie on a stack Pyodide may have lent to another task meanwhile (pyodide#6464, not fixed
in 314.0.7): a crash. Measured: 100 threads with deep stacks, sleeping, allocating cycles, with
`gc.set_threshold(10, 2, 2)` end in "memory access out of bounds" or hang with the collector on, and pass
with it off. So while green threads are alive the automatic collector is off (`gc.enable()` then only
takes effect when they have ended); `gc.collect()` (a full collection, which does not walk thread states'
frames) still works, and runs at the run's end.
"""

import _thread
import _threading_local
import gc
import io
import itertools
import queue
import sys
import threading
from collections.abc import Callable
from typing import Any

from asyncio import events

from . import state, waits
from .locks import GreenHandle, GreenLock, SimpleQueue
from .waits import can_run_sync

__all__ = [
    "end_threads",
    "get_ident",
    "install",
    "shutdown",
    "start_joinable_thread",
    "start_new_thread",
    "started_any",
    "uninstall",
]

try:  # Pyodide only
    from pyodide.ffi import create_proxy
except ImportError:  # pragma: no cover

    def create_proxy(obj: Any) -> Any:
        return obj


class _Thread:
    """What the run knows of one green thread it started."""

    __slots__ = ("daemon", "handle")

    def __init__(self, handle: GreenHandle, daemon: bool) -> None:
        self.handle = handle
        self.daemon = daemon


_threads: dict[int, _Thread] = {}  # the run's green threads that have not ended
_started = 0  # threads the run started
_idents = itertools.count(state.MAIN_THREAD + 1)
_stop_listener: Any = None
_muted: tuple[Any, Any] | None = None
_gc_paused = False  # the automatic collector is off while threads are alive (see the module docstring)


def get_ident() -> int:
    """`threading.get_ident()`: the green thread running now."""
    return state.thread_id


def start_joinable_thread(
    function: Callable[[], object], handle: GreenHandle | None = None, daemon: bool = True
) -> GreenHandle:
    """`_thread.start_joinable_thread`: run `function()` in a new green thread."""
    if handle is None:
        handle = GreenHandle()
    global _started
    ident = next(_idents)
    if not can_run_sync():
        # No stack switching (or Python entered synchronously from JavaScript): no stack to run it on. Run
        # inline instead, threads would hang at their first wait for one another; fail as CPython does.
        raise RuntimeError("can't start new thread")
    handle.ident = ident
    _started += 1
    _threads[ident] = _Thread(handle, daemon)
    waits.alive.add(ident)
    _collector_off()

    name, label = _timeline_names(function, ident)

    def body() -> None:
        state.thread_id = ident
        waits.mark_resumed()
        # A call from JavaScript starts with Pyodide's loop running; a new thread runs no loop.
        events._set_running_loop(None)
        timeline = state.current.timeline if state.current is not None else None
        if timeline is not None:
            timeline.thread_started(ident, name, label)
        error = None
        try:
            if ident not in waits._killed:
                function()
                waits.note_long_run()
        except SystemExit:
            pass
        except BaseException as exc:  # noqa: BLE001 - reported as CPython reports it, never raised to JS
            error = f"{type(exc).__name__}: {exc}".rstrip(": ")
            sys.unraisablehook(_Unraisable(exc, function))
        finally:
            if timeline is not None:
                timeline.thread_ended(ident, name, error)
            handle._set_done()
            _threads.pop(ident, None)
            waits.alive.discard(ident)
            if not _threads:
                _collector_back()
            state.flush_output()

    state.hooks.startThread(create_proxy(body))
    return handle


def _timeline_names(function: Callable[[], object], ident: int) -> tuple[str, str]:
    """A thread's name and what it runs, for its timeline row (`Thread-1 (worker)`, `thread: worker`)."""
    thread = getattr(function, "__self__", None)
    if isinstance(thread, threading.Thread):
        target = getattr(thread, "_target", None)
        what = getattr(target, "__qualname__", None) or f"{type(thread).__qualname__}.run"
        return thread.name, f"thread: {what}"
    return f"thread {ident}", f"thread: {getattr(function, '__qualname__', 'function')}"


class _Unraisable:
    """`sys.UnraisableHookArgs` for an exception that ended a thread of `_thread.start_new_thread`."""

    def __init__(self, exc: BaseException, function: object) -> None:
        self.exc_type = type(exc)
        self.exc_value = exc
        self.exc_traceback = exc.__traceback__
        self.err_msg = f"Exception ignored in thread started by {function!r}"
        self.object = None


def start_new_thread(function: Callable[..., object], args: tuple[Any, ...], kwargs: Any = None) -> int:
    """`_thread.start_new_thread`: the legacy API, a daemon green thread without a handle to join."""
    if not isinstance(args, tuple):
        raise TypeError("2nd arg must be a tuple")
    if kwargs is not None and not isinstance(kwargs, dict):
        raise TypeError("optional 3rd arg must be a dictionary")
    return start_joinable_thread(lambda: function(*args, **(kwargs or {})), daemon=True).ident or 0


def started_any() -> bool:
    """Whether the run started a thread (then it waits for them at its end, as CPython does at exit)."""
    return _started > 0


def shutdown() -> None:
    """`_thread._shutdown`: wait until every non-daemon thread has ended, as CPython does at exit."""
    while True:
        left = [t.handle for t in _threads.values() if not t.daemon and not t.handle.is_done()]
        if not left:
            return
        left[0].join()


def _on_stop() -> None:
    # The page asked to stop: the main thread, if it waits for another thread, wakes to get KeyboardInterrupt.
    waits.wake_parked(state.MAIN_THREAD, False)


def _gc_enable() -> None:
    """`gc.enable()`, deferred while green threads are alive (see the module docstring)."""
    global _gc_paused
    if _threads:
        _gc_paused = True
    else:
        _cpython["gc.enable"]()


def _collector_off() -> None:
    global _gc_paused
    if not _gc_paused and gc.isenabled():
        gc.disable()
        _gc_paused = True


def _collector_back() -> None:
    global _gc_paused
    if _gc_paused:
        _cpython.get("gc.enable", gc.enable)()
        _gc_paused = False


def _note(kind: str) -> None:
    if state.current is not None:
        state.current.note({"kind": kind, "line": state.user_line()})


# What install() replaces, and CPython's values to put back.
_THREADING_NAMES = (
    "get_ident",
    "_allocate_lock",
    "Lock",
    "_LockType",
    "_CRLock",
    "_start_joinable_thread",
    "_ThreadHandle",
    "_make_thread_handle",
    "_thread_shutdown",
    "local",
)
_THREAD_NAMES = (
    "get_ident",
    "start_new_thread",
    "start_new",
    "start_joinable_thread",
    "allocate_lock",
    "LockType",
)
_cpython: dict[str, Any] = {}


def install() -> None:
    """Put green threads in place for a run: called before the program runs, only with stack switching."""
    if _cpython:
        return
    _cpython.update({f"threading.{name}": getattr(threading, name) for name in _THREADING_NAMES})
    _cpython.update({f"_thread.{name}": getattr(_thread, name) for name in _THREAD_NAMES})
    _cpython["queue.SimpleQueue"] = queue.SimpleQueue
    _cpython["gc.enable"] = gc.enable
    _cpython["main_handle"] = threading._main_thread._os_thread_handle
    green: dict[str, Any] = {
        "get_ident": get_ident,
        "_allocate_lock": GreenLock,
        "Lock": GreenLock,
        "_LockType": GreenLock,
        # threading.RLock() then builds its Python RLock on a green lock: C's would see one owner for all.
        "_CRLock": None,
        "_start_joinable_thread": start_joinable_thread,
        "_ThreadHandle": GreenHandle,
        "_make_thread_handle": GreenHandle,
        "_thread_shutdown": shutdown,
        # C's thread-local storage lives in the thread state's dict, which Pyodide shares between tasks.
        "local": _threading_local.local,
    }
    for name, value in green.items():
        setattr(threading, name, value)
    _thread.get_ident = get_ident
    _thread.start_new_thread = _thread.start_new = start_new_thread
    _thread.start_joinable_thread = start_joinable_thread
    _thread.allocate_lock = _thread.LockType = GreenLock
    # The C SimpleQueue's blocking get would block the worker, and every other thread with it.
    queue.SimpleQueue = SimpleQueue
    gc.enable = _gc_enable
    _fresh_process()
    waits.green_threads(True)
    global _stop_listener
    _stop_listener = create_proxy(_on_stop)
    state.hooks.onStop(_stop_listener)


def _fresh_process() -> None:
    """Reset threading's process-wide state, so each run numbers and counts threads as a new process does."""
    global _idents, _started
    _idents = itertools.count(state.MAIN_THREAD + 1)
    _started = 0
    state.thread_id = state.MAIN_THREAD
    main = threading._main_thread
    main._os_thread_handle = GreenHandle(state.MAIN_THREAD)
    threading._active.clear()
    threading._active[state.MAIN_THREAD] = main
    threading._limbo.clear()
    threading._counter = itertools.count(1).__next__
    threading._SHUTTING_DOWN = False
    # Imported by a run (the next one finds it loaded): its executor numbering and exit state restart too.
    futures_thread = sys.modules.get("concurrent.futures.thread")
    if futures_thread is not None:
        futures_thread.ThreadPoolExecutor._counter = itertools.count().__next__
        futures_thread._shutdown = False
        futures_thread._threads_queues.clear()


def end_threads() -> int:
    """End every thread still alive at the run's end (daemon threads, a Stop): how many must still unwind.

    Each ends with ThreadExit where it waits; what they print meanwhile is dropped, as a process ending
    drops its daemon threads without running their code.
    """
    global _muted
    if not _threads:
        return 0
    if _muted is None:
        _muted = (sys.stdout, sys.stderr)
        sys.stdout = sys.stderr = io.StringIO()
    for ident in list(_threads):
        waits.kill(ident)
    return len(_threads)


def uninstall() -> None:
    """Put CPython's threading back after a run (its threads have ended: see end_threads)."""
    global _muted, _stop_listener
    if not _cpython:
        return
    if _muted is not None:
        sys.stdout, sys.stderr = _muted
        _muted = None
    for key, value in _cpython.items():
        module, _, name = key.partition(".")
        if module == "threading":
            setattr(threading, name, value)
        elif module == "_thread":
            setattr(_thread, name, value)
    queue.SimpleQueue = _cpython["queue.SimpleQueue"]
    gc.enable = _cpython["gc.enable"]
    threading._main_thread._os_thread_handle = _cpython["main_handle"]
    _cpython.clear()
    threading._active.clear()
    threading._active[state.MAIN_THREAD] = threading._main_thread
    threading._limbo.clear()
    threading._SHUTTING_DOWN = False
    _threads.clear()
    waits.green_threads(False)
    state.thread_id = state.MAIN_THREAD
    _collector_back()
    state.hooks.onStop(None)
    if _stop_listener is not None:
        _stop_listener.destroy()
        _stop_listener = None

