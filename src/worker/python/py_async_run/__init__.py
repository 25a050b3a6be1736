"""Python side of py-async-run: runs one program the way CPython would.

Every program runs on a `PageLoop`, a real `asyncio.BaseEventLoop` (CPython's own scheduling code), not on
Pyodide's WebLoop. The loop never blocks by itself: each wait is handed back to JavaScript as a number of
seconds (`Program.step()` returns it), and JavaScript resumes the program when the time has passed or a
promise has woken the loop. Entry points that the transform rewrote (`await __py_async_run__.call(...)`) are
driven that way. Entry points it could not rewrite (a call inside a decorator's wrapper, say) still run,
because `PageLoop.run_forever()` then performs the same waits in place: with stack switching (JSPI) it
suspends the Python stack; without it the worker blocks (Atomics.wait or a busy wait), which only loses the
ability to wait on JavaScript promises, and the run says so.
"""

import builtins
import sys
from asyncio import events

from typing import Any

from . import net, state, web_peer
from .entry import call
from .isolation import facade
from .program import Program

__all__ = ["Program", "call", "install"]


def install(hooks: Any) -> None:
    """Connect the JavaScript hooks; called once when the runtime starts."""
    state.hooks = hooks
    state.web_policy = events._get_event_loop_policy()
    state.web_loop = state.web_policy.get_event_loop()
    # Programs see only `call` (what the transform emits), not the runtime and its sessions.
    builtins.__py_async_run__ = facade(call)
    # Connections to other hosts speak HTTP through fetch. Imported now: during a run the runtime's package
    # is hidden from imports.
    net.set_remote_connector(web_peer.connect_remote)
    # A terminal line-buffers: each printed line reaches the page before a long computation or a Stop.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(line_buffering=True)
        except Exception:  # noqa: BLE001 - a stream without reconfigure keeps its buffering
            pass
