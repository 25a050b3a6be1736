"""Timeline: what each asyncio task of a run did over time, for the page's task timeline.

Collected only when the element asks for it (`timeline` attribute). Tasks are seen where the loop creates
them (`PageLoop.create_task`); their running time is measured around the loop callbacks that belong to a
task (its step, or its wakeup after a future it awaited), which `PageLoop.call_soon` wraps. Everything else
a task does between those runs is waiting. Times are milliseconds since the run started.
"""

import asyncio
import json
import os
import weakref
from asyncio import tasks
from time import perf_counter

# asyncio.run's own tasks (shutdown_asyncgens, shutdown_default_executor) are no part of the program's story.
_ASYNCIO_DIR = os.path.dirname(asyncio.__file__)

# The most tasks given a row; more are counted, not drawn (a program may create millions).
MAX_TASKS = 5000
# Adjacent runs of one task closer than this (ms) are merged: a picture cannot show them apart.
MERGE_MS = 0.05


class Timeline:
    """Records task creation, runs and ends; `drain()` hands what is new to the page as JSON."""

    def __init__(self):
        self.t0 = perf_counter()
        self._rows = weakref.WeakKeyDictionary()  # task -> row number
        self._ended = set()
        self._pending = []  # events not yet drained
        self._open_runs = {}  # row -> [start, end], the latest run, merged while runs touch
        self.dropped = 0
        self._count = 0

    def now(self):
        return (perf_counter() - self.t0) * 1000.0

    def task_created(self, task):
        """Gives the task a row, once; None for tasks the timeline does not follow."""
        if task in self._rows:
            return self._rows[task]
        coro = task.get_coro()
        code = getattr(coro, "cr_code", None)
        if code is not None and code.co_filename.startswith(_ASYNCIO_DIR):
            self._rows[task] = None
            return None
        if self._count >= MAX_TASKS:
            self.dropped += 1
            self._rows[task] = None
            return None
        self._count += 1
        row = self._count
        self._rows[task] = row
        coro_name = getattr(coro, "__qualname__", None) or type(coro).__name__
        if coro_name == "Program._module_coroutine":
            coro_name = "<module>"  # a program with top-level await runs its module body as a task
        self._pending.append({"kind": "task", "row": row, "name": task.get_name(), "coro": coro_name, "t": self.now()})
        return row

    def wrap(self, callback):
        """The loop callback, timed when it belongs to a task this timeline follows."""
        owner = getattr(callback, "__self__", None)
        if owner is None or not isinstance(owner, tasks.Task):
            return callback
        # A task schedules its first step while it is being created, before create_task() returns.
        row = self._rows[owner] if owner in self._rows else self.task_created(owner)
        if row is None or row in self._ended:
            return callback

        def timed(*args):
            start = perf_counter()
            try:
                callback(*args)
            finally:
                self._ran(row, start, perf_counter(), owner)

        # A timed callback still reads as the task's own in a printed Handle.
        timed.__self__ = owner
        timed.__qualname__ = getattr(callback, "__qualname__", "timed")
        return timed

    def _ran(self, row, start, end, task):
        start = (start - self.t0) * 1000.0
        end = (end - self.t0) * 1000.0
        last = self._open_runs.get(row)
        if last is not None and start - last[1] < MERGE_MS:
            last[1] = end
        else:
            if last is not None:
                self._pending.append({"kind": "run", "row": row, "from": last[0], "to": last[1]})
            self._open_runs[row] = [start, end]
        if task.done():
            self._task_ended(row, task, end)

    def _task_ended(self, row, task, t):
        self._ended.add(row)
        last = self._open_runs.pop(row, None)
        if last is not None:
            self._pending.append({"kind": "run", "row": row, "from": last[0], "to": last[1]})
        if task.cancelled():
            outcome, error = "cancelled", None
        elif task.exception() is not None:
            exc = task.exception()
            outcome, error = "failed", f"{type(exc).__name__}: {exc}".rstrip(": ")
        else:
            outcome, error = "done", None
        self._pending.append(
            {"kind": "end", "row": row, "t": t, "outcome": outcome, "name": task.get_name(), "error": error}
        )

    def finish(self):
        """Ends the record: tasks that never finished stay pending, and their last run is handed over."""
        for row, (start, end) in self._open_runs.items():
            self._pending.append({"kind": "run", "row": row, "from": start, "to": end})
        self._open_runs.clear()
        self._pending.append({"kind": "finish", "t": self.now(), "dropped": self.dropped})

    def drain(self):
        """What happened since the last drain, as a JSON array (one string crosses to JavaScript cheaply)."""
        if not self._pending:
            return "[]"
        pending, self._pending = self._pending, []
        return json.dumps(pending)
