"""Waiting in place: stack switching (JSPI) where the engine has it, else blocking the worker."""

from collections.abc import Callable
from typing import Any

from asyncio import events

from . import state

__all__ = ["await_js", "block", "blocking_sleep", "can_run_sync", "check_interrupt"]

try:  # Pyodide only; the package stays importable in plain CPython for reading.
    from pyodide.ffi import can_run_sync, run_sync
except ImportError:  # pragma: no cover

    def can_run_sync() -> bool:
        return False

    def run_sync(x: Any) -> Any:
        raise RuntimeError("no stack switching")


def _suspend(ms: float) -> None:
    """Pause this Python stack until the JavaScript promise `sleep(ms)` settles (stack switching)."""
    await_js(lambda: state.hooks.sleep(ms))


def await_js(make_promise: Callable[[], Any]) -> Any:
    """Pause this Python stack until the JavaScript promise `make_promise()` settles; return its value.

    Pyodide turns a promise into a future of the current event loop, and run_sync resumes through it:
    both must happen with Pyodide's own loop and policy current, not the program's PageLoop (whose future
    would never be driven: a hang). So the promise is made inside, not passed in.
    """
    saved = (events._get_running_loop(), events._event_loop_policy)
    events._set_running_loop(state.web_loop)
    events._event_loop_policy = state.web_policy
    try:
        value = run_sync(make_promise())
    finally:
        events._set_running_loop(saved[0])
        events._event_loop_policy = saved[1]
    check_interrupt()
    return value


def check_interrupt() -> None:
    """Raise KeyboardInterrupt when the page asked to stop while the program was waiting.

    Pyodide polls its interrupt buffer only every so many bytecodes; right after a wait the program may run
    too few of them before waiting again, so each wait checks explicitly.
    """
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
