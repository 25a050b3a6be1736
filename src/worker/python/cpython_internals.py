"""Every private CPython (and Pyodide) internal the package relies on, in one place.

The package mirrors CPython's asyncio closely enough to call and override what is private there. A new
CPython may rename any of these without notice; test/node/cpython-internals.test.js loads the pinned
Pyodide, calls `missing()` and fails naming each one that is gone, and checks that every `module._name`
the package's sources use is listed here. It sits beside the package, not in it: the worker never loads it.

A name is a dotted path from a module; `Class()` stands for an instance made without arguments, for the
attributes CPython sets in `__init__`.
"""

import importlib
from typing import Any

__all__ = ["INTERNALS", "missing"]

INTERNALS = (
    # The running loop and the policy, saved and swapped around each step and each wait (waits.py, program.py).
    "asyncio.events._get_running_loop",
    "asyncio.events._set_running_loop",
    "asyncio.events._event_loop_policy",
    "asyncio.events._get_event_loop_policy",
    "asyncio.events._AbstractEventLoopPolicy",
    # The loop's own steps, called by the drivers (drivers.py) as CPython's run_forever calls them.
    "asyncio.base_events.BaseEventLoop._run_forever_setup",
    "asyncio.base_events.BaseEventLoop._run_forever_cleanup",
    "asyncio.base_events.BaseEventLoop._run_once",
    "asyncio.base_events.BaseEventLoop._check_closed",
    "asyncio.base_events.BaseEventLoop._check_running",
    "asyncio.base_events.BaseEventLoop._check_callback",
    "asyncio.base_events.BaseEventLoop()._ready",
    "asyncio.base_events.BaseEventLoop()._scheduled",
    "asyncio.base_events.BaseEventLoop()._stopping",
    "asyncio.base_events.BaseEventLoop()._task_factory",
    "asyncio.base_events.BaseEventLoop()._debug",
    # Overridden by PageLoop (loop.py): _run_once calls _process_events and the selector's select(),
    # call_soon_threadsafe calls _write_to_self.
    "asyncio.base_events.BaseEventLoop._process_events",
    "asyncio.base_events.BaseEventLoop._write_to_self",
    "asyncio.base_events.BaseEventLoop._run_once.__code__.co_names._selector",
    "asyncio.base_events._run_until_complete_cb",
    # Handles and tasks: the timeline's TaskHandle (timeline.py) runs as events.Handle._run does.
    "asyncio.events.Handle._run",
    "asyncio.events.Handle._callback",
    "asyncio.events.Handle._args",
    "asyncio.events.Handle._loop",
    "asyncio.events.Handle._context",
    "asyncio.events.Handle._source_traceback",
    "asyncio.events.TimerHandle._when",
    "asyncio.format_helpers._format_callback_source",
    "asyncio.tasks.Task._log_destroy_pending",
    "asyncio.coroutines._iscoroutinefunction",
    # asyncio.run and Runner, written as generators (drivers.py).
    "asyncio.runners._cancel_all_tasks",
    "asyncio.runners._State.INITIALIZED",
    "asyncio.runners._State.CLOSED",
    "asyncio.runners.Runner._lazy_init",
    "asyncio.runners.Runner()._state",
    "asyncio.runners.Runner()._loop",
    "asyncio.runners.Runner()._context",
    "asyncio.runners.Runner()._set_event_loop",
    # The set of a TaskGroup's tasks, replaced by one that keeps their order (taskgroup.py).
    "asyncio.taskgroups.TaskGroup()._tasks",
    # The author's line of a note (state.py), and the warning filters put back after a run (isolation.py).
    "sys._getframe",
    "warnings._filters_mutated",
    # PageLoop is a selector loop without a self-pipe (loop.py); the drivers read its selector (drivers.py).
    "asyncio.selector_events.BaseSelectorEventLoop._make_self_pipe",
    "asyncio.selector_events.BaseSelectorEventLoop._close_self_pipe",
    "asyncio.selector_events.BaseSelectorEventLoop._process_events",
    "asyncio.selector_events.BaseSelectorEventLoop.__init__.__code__.co_names._selector",
    # Replaced during a run so a refused connect is Linux's ConnectionRefusedError (net/patches.py).
    "asyncio.selector_events.BaseSelectorEventLoop._sock_connect_cb",
    # Wrapped so asyncio's ssl= on a connection to the web fetches https URLs (web_tls.py).
    "asyncio.selector_events.BaseSelectorEventLoop._make_ssl_transport",
    # CPython's own socket methods the in-memory socket borrows (net/memsocket.py).
    "socket.socket._decref_socketios",
    "socket.socket.makefile",
    "socket._blocking_errnos",
    "socket.socket._sendfile_use_sendfile",
    "socket.socket._sendfile_use_send",
    "socket.socket._check_sendfile_params",
    # Green threads (threads.py): what threading binds from _thread, replaced for a run, and its per-process
    # state, reset so each run numbers and counts threads as a new process.
    "threading._allocate_lock",
    "threading._LockType",
    "threading._CRLock",
    "threading._PyRLock",
    "threading._start_joinable_thread",
    "threading._ThreadHandle",
    "threading._make_thread_handle",
    "threading._thread_shutdown",
    "threading._shutdown",
    "threading._active",
    "threading._limbo",
    "threading._counter",
    "threading._SHUTTING_DOWN",
    "threading._main_thread._os_thread_handle",
    "_thread.start_joinable_thread",
    "queue._PySimpleQueue",
    "concurrent.futures.thread._shutdown",
    "concurrent.futures.thread._threads_queues",
    "concurrent.futures.thread.ThreadPoolExecutor._counter",
    # A loop's thread, which call_soon_threadsafe wakes (loop.py), and the thread pool behind
    # multiprocessing.Pool (processes.py), whose notifier is waited on through the module's `wait`.
    "asyncio.base_events.BaseEventLoop()._thread_id",
    "multiprocessing.pool.wait",
    "multiprocessing.pool.Pool._wait_for_updates",
    # Pyodide's future-based waits: run_sync suspends on a future of its own loop (waits.py).
    "pyodide.ffi.run_sync",
    "pyodide.ffi.can_run_sync",
    # CPython's asyncio.run and time.sleep, which Pyodide replaces and keeps (state.py).
    "pyodide.webloop._orig_run",
    "pyodide.webloop._orig_sleep",
)


def _resolve(name: str, made: list[Any]) -> None:
    """Look `name` up; AttributeError or ImportError when it is gone."""
    parts = name.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            if split == 1:
                raise
            continue
        break
    for part in parts[split:]:
        if isinstance(obj, tuple):  # co_names: the name must be among them
            if part not in obj:
                raise AttributeError(part)
        elif part.endswith("()"):
            obj = getattr(obj, part[:-2])()
            made.append(obj)
        else:
            obj = getattr(obj, part)


def missing() -> list[str]:
    """The names of INTERNALS this interpreter does not have, with why."""
    gone = []
    made: list[Any] = []
    for name in INTERNALS:
        try:
            _resolve(name, made)
        except (AttributeError, ImportError) as exc:
            gone.append(f"{name} ({type(exc).__name__}: {exc})")
    for obj in made:
        close = getattr(obj, "close", None)
        if callable(close):
            close()  # a loop or a Runner made to read their attributes
    return gone
