"""Program: one run of one program, stepped by the worker until it must wait."""

import asyncio
import builtins
import gc
import inspect
import linecache
import sys
import threading
import time
import traceback
import types
import warnings
from asyncio import events, tasks
from collections.abc import Coroutine
from types import CodeType
from typing import Any

from . import net, processes, state, threads, waits
from .drivers import CPYTHON_CANCEL_ALL_TASKS, Waits, cancel_all_tasks_in_order, drive_asyncio_run
from .entry import EntryRequest
from .errors import ErrorInfo, describe_error
from .isolation import Checkpoint, end_callbacks, watch_callbacks
from .loop import PageLoop
from .policy import PagePolicy
from .stdin import PageStdin, page_input
from .taskgroup import CPYTHON_TASKGROUP_INIT, ordered_taskgroup_init
from .timeline import Timeline
from .waits import blocking_sleep

__all__ = ["Program"]

_TOP_LEVEL_AWAIT = 0x2000  # ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
_PRIVATE_SESSION = "\x00setup-"  # see cells.ts


class Program:
    """One run of one program. `step()` advances it until it must wait, and says for how long."""

    def __init__(self, code: str, source: str, filename: str, options: dict[str, Any]) -> None:
        self.filename = filename
        self.source = source
        self.loops: list[PageLoop] = []
        self.notes: list[dict[str, Any]] = []
        self.at_top_level = False
        self.entry_line: int | None = None
        self.error: BaseException | None = None
        self.error_info: ErrorInfo | None = None
        self.exit_code = 0
        self.done = False
        self.top_level_await = bool(options.get("topLevelAwait"))
        self.edited_lines = frozenset(options.get("editedLines") or ())
        self._task_number = 0
        self.timeline = Timeline() if options.get("timeline") else None
        # The program's own time, from here to its end (before the clean-up): what the status shows, on the
        # timeline's clock, so the two agree.
        self._t0 = self.timeline.t0 if self.timeline is not None else time.perf_counter()
        self.duration_ms = 0.0
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        # A real module as sys.modules["__main__"] during the run: dataclasses, typing.get_type_hints, pickle
        # and `import __main__` look the program's globals up there.
        # Cells of one session share their module, as a notebook's cells share one namespace.
        self.session = options.get("session") or None
        self.close_session = bool(options.get("closeSession"))
        # The namespaces of elements without a session (setup then code) serve the next run only: any other
        # one left (its setup failed, or a Stop came between) is forgotten now.
        for name in [n for n in state.sessions if n.startswith(_PRIVATE_SESSION) and n != self.session]:
            del state.sessions[name]
        module = state.sessions.get(self.session) if self.session else None
        if module is None:
            module = types.ModuleType("__main__")
            if self.session:
                state.sessions[self.session] = module
        self.module = module
        self.namespace = self.module.__dict__
        self.namespace.update({"__file__": filename, "__builtins__": builtins, "__cached__": None})
        self._code = code
        self._gen: Waits[None] | None = None
        self._checkpoint: Checkpoint | None = None
        self.proxies: list[Any] = []  # JavaScript callbacks the program made (see watch_callbacks)

    def next_task_number(self) -> int:
        """The number of the run's next task (see `PageLoop.create_task`)."""
        self._task_number += 1
        return self._task_number

    def note(self, item: dict[str, Any]) -> None:
        """Keep a fact about the run for the page (a blocking entry point, input unavailable...), once."""
        if item not in self.notes:
            self.notes.append(item)

    def start(self) -> None:
        """Make the interpreter ready for the program: its checkpoint, `__main__`, input and asyncio's patches."""
        # First: what the run changes is put back from here (its session's namespace excepted).
        self._checkpoint = Checkpoint()
        watch_callbacks(self)
        state.current = self
        self._saved = (asyncio.run, time.sleep, events._event_loop_policy, sys.argv, sys.modules.get("__main__"))
        self._saved_io = (builtins.input, sys.stdin)
        builtins.input = page_input
        sys.stdin = PageStdin()
        sys.modules["__main__"] = self.module
        asyncio.TaskGroup.__init__ = ordered_taskgroup_init
        asyncio.runners._cancel_all_tasks = cancel_all_tasks_in_order
        asyncio.run = state.cpython_run
        time.sleep = blocking_sleep
        events._event_loop_policy = PagePolicy()
        sys.argv = [self.filename]
        threads.install()
        processes.install(self.source)
        # Sockets, select and selectors of the run's own in-memory network, gone when it ends.
        net.start_run()
        self._gen = self._run()

    def step(self) -> float:
        """Run until the program must wait: seconds to wait, WAIT_FOR_WAKE to wait for a wake, STEP_OVER
        when it is over (see state.py)."""
        state.thread_id = state.MAIN_THREAD
        waits.mark_resumed()
        previous = events._get_running_loop()
        try:
            wait = next(self._gen)
        except StopIteration:
            self.done = True
            return state.STEP_OVER
        finally:
            events._set_running_loop(previous)
            state.flush_output()
        return state.WAIT_FOR_WAKE if wait is None else float(wait)

    def interrupt(self) -> None:
        """End the program with KeyboardInterrupt where it waits, as Ctrl+C would; its cleanup runs."""
        state.thread_id = state.MAIN_THREAD
        previous = events._get_running_loop()
        try:
            self._gen.throw(KeyboardInterrupt())
        except StopIteration:
            pass
        except BaseException as exc:  # noqa: BLE001 - the program's own error, kept as its result
            if self.error is None:
                self.error = exc
        finally:
            events._set_running_loop(previous)
            state.flush_output()
        if self.error is None:
            self.error = KeyboardInterrupt()
        self.done = True

    def _run(self) -> Waits[None]:
        """The program, then what CPython does at exit before finalizing: wait for non-daemon threads."""
        yield from self._run_main()
        try:
            # threading._shutdown: the executors' exit hooks, then a join of every non-daemon thread. The
            # main thread waits there, as in CPython; the others go on.
            if threads.started_any():
                threading._shutdown()
        except BaseException as exc:  # noqa: BLE001 - a Stop while waiting for the threads
            if self.error is None:
                self.error = exc

    def _run_main(self) -> Waits[None]:
        """The program as a generator of waits. Errors end it and are kept, never raised out of it:
        a StopIteration raised out of a generator would become RuntimeError (PEP 479)."""
        try:
            code = compile(self._code, self.filename, "exec", flags=_TOP_LEVEL_AWAIT, dont_inherit=True)
            events._set_running_loop(None)
            if self.top_level_await:
                # Notebook style (top-level `await` in the author's code): the module body itself runs as
                # a task, as in Jupyter or Pyodide's console.
                yield from drive_asyncio_run(self._module_coroutine(code))
                return
            self.at_top_level = True
            top = eval(code, self.namespace)
        except BaseException as exc:  # noqa: BLE001 - a Python error is a result, not a crash
            self.error = exc
            return
        if inspect.iscoroutine(top):
            yield from self._drive_top(top)

    def _drive_top(self, top: Coroutine[Any, Any, Any]) -> Waits[None]:
        """Step the module's coroutine; each rewritten entry point it awaits is driven here."""
        value, error = None, None
        while True:
            events._set_running_loop(None)
            try:
                if error is not None:
                    request = top.throw(error)
                else:
                    request = top.send(value)
            except StopIteration as stop:
                # Module code compiled for top-level await is not guarded by PEP 479: a StopIteration
                # raised by the author's code ends it as if it returned. Its traceback tells them apart.
                if _raised_in(stop, self.filename):
                    self.error = stop
                return
            except RuntimeError as exc:
                # Module code runs as a coroutine here, and PEP 479 turns a StopIteration escaping it into
                # RuntimeError; CPython runs module code as plain code and reports the StopIteration.
                cause = exc.__cause__
                self.error = cause if isinstance(cause, StopIteration) else exc
                return
            except BaseException as exc:  # noqa: BLE001
                self.error = exc
                return
            value, error = None, None
            if not isinstance(request, EntryRequest):
                error = RuntimeError(f"await outside of an event loop: {request!r}")
                continue
            self.entry_line = _frame_line(top, self.filename)
            try:
                value = yield from request.drive
            except BaseException as exc:  # noqa: BLE001 - handed back to the program, as CPython raises it there
                error = exc

    async def _module_coroutine(self, code: CodeType) -> None:
        result = eval(code, self.namespace)
        if inspect.iscoroutine(result):
            await result

    def finish(self) -> None:
        """Cancel what the run left pending (as asyncio.run does), restore the interpreter, collect garbage."""
        error = self.error
        if error is not None:
            self._report_error()
            # Frames of the traceback keep the program's objects alive; CPython frees them after printing,
            # which is when "coroutine ... was never awaited" warnings appear.
            _clear_frames(error, set())
            self.error = None
        for loop in self.loops:
            if loop.is_running() or loop.is_closed():
                continue
            for task in tasks.all_tasks(loop):
                task.cancel()
                task._log_destroy_pending = False
            loop._ready.clear()
            for handle in loop._scheduled:
                handle.cancel()
            loop._scheduled.clear()
        self.duration_ms = (time.perf_counter() - self._t0) * 1000.0
        if self.timeline is not None:
            self.timeline.finish()
        net.end_run()
        processes.uninstall()
        threads.uninstall()
        asyncio.run, time.sleep, events._event_loop_policy, sys.argv, main_module = self._saved
        builtins.input, sys.stdin = self._saved_io
        if main_module is not None:
            sys.modules["__main__"] = main_module
        asyncio.TaskGroup.__init__ = CPYTHON_TASKGROUP_INIT
        asyncio.runners._cancel_all_tasks = CPYTHON_CANCEL_ALL_TASKS
        # A session's next cell goes on with these names; anything else is cleared.
        if not self.session or self.close_session:
            state.sessions.pop(self.session, None)
            self.namespace.clear()
        # CPython prints "coroutine ... was never awaited" when the coroutine is collected, at the latest
        # at exit; collect now so the warnings land in this run's stderr.
        with warnings.catch_warnings():
            gc.collect()
        end_callbacks(self)
        if self._checkpoint is not None:
            self._checkpoint.restore()
            self._checkpoint = None
        state.flush_output()
        state.current = None

    def _report_error(self) -> None:
        """Print an uncaught exception to stderr as CPython does; a clean sys.exit() is no error."""
        exc = self.error
        if isinstance(exc, SystemExit):
            self.error = None
            if exc.code is None or exc.code == 0:
                return
            if not isinstance(exc.code, int):
                sys.stderr.write(f"{exc.code}\n")
            self.exit_code = exc.code if isinstance(exc.code, int) else 1
            return
        self.error_info = describe_error(exc, self.filename, self.edited_lines)
        sys.stderr.write(self.error_info["traceback"])

    def end_threads(self) -> int:
        """End the threads still alive (daemon threads, a Stop): how many must still unwind (see threads.py)."""
        return threads.end_threads()

    def timeline_events(self) -> str:
        """Timeline events since the last call, as a JSON array; "[]" when the run has no timeline."""
        return self.timeline.drain() if self.timeline is not None else "[]"

    def result(self) -> dict[str, Any]:
        """What happened, as plain data for the page."""
        return {
            "notes": list(self.notes),
            "error": self.error_info,
            "exitCode": self.exit_code,
            "durationMs": self.duration_ms,
        }


def _clear_frames(exc: BaseException | None, seen: set[int]) -> None:
    """Clear the frames of exc's traceback and of every exception chained to it or grouped in it."""
    if exc is None or id(exc) in seen:
        return
    seen.add(id(exc))
    traceback.clear_frames(exc.__traceback__)
    _clear_frames(exc.__cause__, seen)
    _clear_frames(exc.__context__, seen)
    for inner in getattr(exc, "exceptions", None) or ():
        _clear_frames(inner, seen)


def _raised_in(exc: BaseException, filename: str) -> bool:
    """Whether a frame of the author's file is on exc's traceback."""
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            return True
        tb = tb.tb_next
    return False


def _frame_line(coro: Any, filename: str) -> int | None:
    """The line of the author's code where a suspended coroutine chain is waiting."""
    line = None
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is not None and frame.f_code.co_filename == filename:
            line = frame.f_lineno
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    return line
