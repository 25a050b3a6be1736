"""State shared by the runtime's modules: the JavaScript hooks, the program being run, Pyodide's own loop.

Also the step results, the numbers `Program.step()` hands to the worker (worker.ts reads them as -1 and -2;
a test checks that both sides agree).
"""

import _thread
import asyncio
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .program import Program

__all__ = [
    "MAIN_THREAD",
    "STEP_OVER",
    "WAIT_FOR_WAKE",
    "cpython_run",
    "cpython_sleep",
    "current",
    "flush_output",
    "hooks",
    "sessions",
    "thread_id",
    "user_line",
    "web_loop",
    "web_policy",
]

# What Program.step() returns when the program is over.
STEP_OVER = -1.0
# What Program.step() returns for "wait until a callback from JavaScript wakes the loop".
WAIT_FOR_WAKE = -2.0

# CPython's own functions, saved before Pyodide's patches are undone for a run.
cpython_run: Callable[..., Any] = getattr(sys.modules.get("pyodide.webloop"), "_orig_run", asyncio.run)
cpython_sleep: Callable[[float], None] = getattr(sys.modules.get("pyodide.webloop"), "_orig_sleep", time.sleep)


# The JavaScript object `hooks` of worker.ts: sleep(ms) -> Promise (a negative ms: until a wake), waitSync(ms),
# wake(), flush(), interrupted(), readLine(prompt) -> Promise, canReadSync(), readLineSync(prompt),
# startThread(body) (a green thread: threads.py), onStop(listener or None).
hooks: Any = None
current: "Program | None" = None  # the Program being run
sessions: dict[str, Any] = {}  # session name -> the __main__ module its cells share (elements with `session`)
web_policy: Any = None  # Pyodide's own event loop policy and loop, which run_sync relies on
web_loop: Any = None

# The ident of the interpreter's one OS thread: the program's main thread. Green threads (threads.py) share
# that OS thread, so C's idea of "the current thread" cannot tell them apart; this global can, because every
# entry from JavaScript sets it (a step, a thread's start, each resume after a wait: waits.Waiter).
MAIN_THREAD: int = _thread.get_ident()
thread_id: int = MAIN_THREAD  # the green thread whose stack runs now


def flush_output() -> None:
    """Flush Python's streams and the worker's output buffer, so the page shows what was printed so far."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a stream that cannot flush loses nothing more by being skipped
            pass
    if hooks is not None:
        hooks.flush()


def user_line() -> int | None:
    """The innermost line of the author's program on the current stack, or None."""
    frame = sys._getframe(1)
    filename = current.filename if current else None
    while frame is not None:
        if frame.f_code.co_filename == filename:
            return frame.f_lineno
        frame = frame.f_back
    return None
