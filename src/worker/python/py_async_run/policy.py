"""The event loop policy of a run: its loops are PageLoops."""

import threading
from asyncio import events

from . import state
from .loop import PageLoop

__all__ = ["PagePolicy"]


class PagePolicy(events._AbstractEventLoopPolicy):
    """Loops are PageLoops; `get_event_loop()` outside a loop creates one, as tutorials written for 3.11 expect.

    The main thread's current loop is a plain attribute, not thread-local: with stack switching, calls into
    Python may run on thread states of their own, and a loop set in one step must still be current in the
    next. Green threads (threads.py) each have their own, by `state.thread_id`, and none until they set one.
    """

    def __init__(self) -> None:
        self._loop: events.AbstractEventLoop | None = None
        self._set_called = False
        self._thread_loops: dict[int, events.AbstractEventLoop | None] = {}

    def new_event_loop(self) -> PageLoop:
        return PageLoop()

    def get_event_loop(self) -> events.AbstractEventLoop:
        if state.thread_id != state.MAIN_THREAD:
            loop = self._thread_loops.get(state.thread_id)
            if loop is None:
                raise RuntimeError(
                    f"There is no current event loop in thread {threading.current_thread().name!r}."
                )
            return loop
        # CPython 3.11: create a loop on first use, unless set_event_loop() was called (asyncio.run calls
        # it, with None at its end), after which a missing loop is an error.
        if self._loop is None and not self._set_called:
            self.set_event_loop(self.new_event_loop())
        if self._loop is None:
            raise RuntimeError("There is no current event loop in thread 'MainThread'.")
        return self._loop

    def set_event_loop(self, loop: events.AbstractEventLoop | None) -> None:
        if loop is not None and not isinstance(loop, events.AbstractEventLoop):
            raise TypeError(f"loop must be an instance of AbstractEventLoop or None, not '{type(loop).__name__}'")
        if state.thread_id != state.MAIN_THREAD:
            self._thread_loops[state.thread_id] = loop
            return
        self._set_called = True
        self._loop = loop
