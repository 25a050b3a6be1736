"""Timeline: what each asyncio task of a run did over time, for the page's task timeline.

Collected only when the element asks for it (`timeline` attribute), and kept cheap, because a program may
create thousands of tasks: the loop only appends raw records to a list (`PageLoop.create_task` a task's
creation, `TaskHandle._run` (the handle `PageLoop.call_soon` gives a task's own callbacks) the end of each
run of a task's step or wakeup, `PageLoop._process_events` the start of each loop iteration), and `drain()`,
called by the worker at most ten times a second, turns them into events for the page. Reading the clock is
the dear part in WebAssembly (about 0.5 us), so a run is timed by its end alone: it started when the record
before it ended (the loop's iteration start, or the previous task's run), which counts the loop's own
microseconds between two callbacks to the later task. Between its runs a task waits. Times are milliseconds
since the run started.

Green threads (threads.py) get rows beside the tasks, with the same events: a thread runs from each start or
resume to its next wait (`thread_ran`), so the timeline shows where blocking work ran. The loop's clock skips
those times (a tick at each switch), so a task's run is not stretched over a thread's.
"""

import asyncio
import json
import os
from asyncio import events, format_helpers
from time import perf_counter
from typing import Any

__all__ = ["MAX_TASKS", "MERGE_MS", "TaskHandle", "Timeline"]

# asyncio.run's own tasks (shutdown_asyncgens, shutdown_default_executor) are no part of the program's story.
_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)
# The most tasks given a row; more are counted, not drawn (a program may create millions).
MAX_TASKS = 5000
# Adjacent runs of one task closer than this (ms) are merged: a picture cannot show them apart.
MERGE_MS = 0.05

_CREATED, _RAN, _TICK = 0, 1, 2


# The raw records of the timeline being recorded: one list, emptied by each drain (one program runs at a
# time), so the hot paths below bind its append once.
_RAW: list[tuple[int, Any, float | None]] = []
_record = _RAW.append


class TaskHandle(events.Handle):
    """The loop's handle for a task's own callback (its step or wakeup), timed when it runs."""

    __slots__ = ()

    def _run(self, _record: Any = _record, _clock: Any = perf_counter) -> None:
        # events.Handle._run, inline: one Python call less per task step, on the hot path.
        try:
            self._context.run(self._callback, *self._args)
        except (SystemExit, KeyboardInterrupt):
            raise
        except BaseException as exc:  # noqa: BLE001 - reported as CPython's Handle reports it
            callback = format_helpers._format_callback_source(self._callback, self._args)
            context = {"message": f"Exception in callback {callback}", "exception": exc, "handle": self}
            if self._source_traceback:
                context["source_traceback"] = self._source_traceback
            self._loop.call_exception_handler(context)
        _record((_RAN, self._callback.__self__, _clock()))


class Timeline:
    """Raw records from the loop, turned into the page's events by `drain()` (see the module docstring)."""

    def __init__(self) -> None:
        self.t0 = perf_counter()
        # (kind, task, time) tuples; they hold their tasks only until the next drain.
        _RAW.clear()
        self._previous = 0.0  # when the record before the next one ended (ms)
        # id(task) -> row, or None for a task not followed; dropped when the task ends
        self._rows: dict[int, int | None] = {}
        # row -> [from, to] (ms), the latest run, merged while runs touch
        self._last_run: dict[int, list[float]] = {}
        self._events: list[tuple[Any, ...]] = []
        self._count = 0
        self.dropped = 0
        # green thread ident -> (row, when it last started running, ms)
        self._threads: dict[int, tuple[int, float]] = {}

    def thread_started(self, ident: int, name: str, label: str) -> None:
        """A green thread starts running: its row (labelled like a task's coroutine) and its first run."""
        if self._count >= MAX_TASKS:
            self.dropped += 1
            return
        self._count += 1
        t = (perf_counter() - self.t0) * 1000.0
        self._events.append(("task", self._count, t, name, label))
        self._threads[ident] = (self._count, t)
        self.tick()

    def thread_ran(self, ident: int, resumed: bool) -> None:
        """A green thread waits now (its run ends), or resumes (`resumed`: a run starts)."""
        row = self._threads.get(ident)
        if row is None:
            return
        t = (perf_counter() - self.t0) * 1000.0
        if resumed:
            self._threads[ident] = (row[0], t)
        else:
            self._events.append(("run", row[0], row[1], t))
        self.tick()

    def thread_ended(self, ident: int, name: str, error: str | None) -> None:
        """A green thread ended: its last run, and how it ended."""
        row = self._threads.pop(ident, None)
        if row is None:
            return
        t = (perf_counter() - self.t0) * 1000.0
        self._events.append(("run", row[0], row[1], t))
        self._events.append(("end", row[0], t, "failed" if error else "done", name, error))
        self.tick()

    def task_created(self, task: asyncio.Task[Any]) -> None:
        """A task was created: it gets its row when the timeline first times it (see `_process`)."""
        # Timed by the next record (the end of the run that created it): the clock is dear, see above.
        _record((_CREATED, task, None))

    def tick(self) -> None:
        """A loop iteration starts: the next task run starts no earlier."""
        _record((_TICK, None, perf_counter()))

    def _row(self, task: asyncio.Task[Any], t: float) -> int | None:
        """The task's row, given on first sight; None for tasks the timeline does not follow."""
        key = id(task)
        if key in self._rows:
            return self._rows[key]
        row = None
        coro = task.get_coro()
        code = getattr(coro, "cr_code", None)
        if code is None or not code.co_filename.startswith(_ASYNCIO_DIR):
            if self._count < MAX_TASKS:
                self._count += 1
                row = self._count
                name = getattr(coro, "__qualname__", None) or type(coro).__name__
                if name == "Program._module_coroutine":
                    name = "<module>"  # a program with top-level await runs its module body as a task
                self._events.append(("task", row, t, task.get_name(), name))
            else:
                self.dropped += 1
        self._rows[key] = row
        return row

    def drain(self) -> str:
        """What happened since the last drain, as a JSON array of arrays, `[kind, row, time, ...]` (see
        `TimelineEvent` in protocol.ts; one string crosses to JavaScript cheaply, and arrays are quicker to
        write than objects)."""
        self._process()
        events_, self._events = self._events, []
        return json.dumps(events_)

    def _process(self) -> None:
        """Turn the raw records into events (see the module docstring)."""
        raw = _RAW[:]
        _RAW.clear()
        t0 = self.t0
        touched = {}
        previous = self._previous
        created = []
        for kind, task, t in raw:
            if kind == _CREATED:
                created.append(task)
                continue
            t = (t - t0) * 1000.0
            for new in created:
                # A task id seen before belongs to a task that was collected: this is a new one.
                self._rows.pop(id(new), None)
                self._row(new, t)
            created.clear()
            start, previous = previous, t
            if kind == _TICK:
                continue
            end = t
            row = self._row(task, start)
            if row is None:
                continue
            last = self._last_run.get(row)
            if last is not None and start - last[1] < MERGE_MS:
                last[1] = end
            else:
                if last is not None:
                    self._events.append(("run", row, last[0], last[1]))
                self._last_run[row] = [start, end]
            touched[row] = task
        # A task ends in one of its runs: the latest run of a task that is done now is where it ended.
        for row, task in touched.items():
            if task.done():
                self._ended(row, task)
        self._previous = previous
        if created:
            # Created after the last timed record: keep them for the next drain, which times them.
            _RAW[:0] = [(_CREATED, task, None) for task in created]

    def _ended(self, row: int, task: asyncio.Task[Any]) -> None:
        start, end = self._last_run.pop(row)
        self._events.append(("run", row, start, end))
        self._rows.pop(id(task), None)
        if task.cancelled():
            outcome, error = "cancelled", None
        elif task.exception() is not None:
            exc = task.exception()
            outcome, error = "failed", f"{type(exc).__name__}: {exc}".rstrip(": ")
        else:
            outcome, error = "done", None
        self._events.append(("end", row, end, outcome, task.get_name(), error))

    def finish(self) -> None:
        """Ends the record: what is still raw becomes events (and lets go of its tasks); runs still open are
        handed over, and their tasks stay pending."""
        self.tick()
        self._process()
        for row, (start, end) in self._last_run.items():
            self._events.append(("run", row, start, end))
        self._last_run.clear()
        self._events.append(("finish", 0, (perf_counter() - self.t0) * 1000.0, self.dropped))
