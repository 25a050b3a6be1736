"""State shared by the runtime's modules: the JavaScript hooks, the program being run, Pyodide's own loop."""

import sys
import time
import asyncio

# CPython's own functions, saved before Pyodide's patches are undone for a run.
cpython_run = getattr(sys.modules.get("pyodide.webloop"), "_orig_run", asyncio.run)
cpython_sleep = getattr(sys.modules.get("pyodide.webloop"), "_orig_sleep", time.sleep)

# What Program.step() returns for "wait until a callback from JavaScript wakes the loop".
WAIT_FOR_WAKE = -2.0

hooks = None  # JavaScript object: sleep(ms) -> Promise, waitSync(ms), wake(), flush(), readLine(prompt)
current = None  # the Program being run
sessions = {}  # session name -> the __main__ module its cells share (elements with `session`)
web_policy = None  # Pyodide's own event loop policy and loop, which run_sync relies on
web_loop = None


def flush_output():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    if hooks is not None:
        hooks.flush()



def user_line():
    """The innermost line of the author's program on the current stack, or None."""
    frame = sys._getframe(1)
    filename = current.filename if current else None
    while frame is not None:
        if frame.f_code.co_filename == filename:
            return frame.f_lineno
        frame = frame.f_back
    return None
