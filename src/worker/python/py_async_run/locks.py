"""Green locks: `_thread.lock`, `_ThreadHandle` and `queue.SimpleQueue` whose waits suspend one green thread.

A blocking C lock held by another green thread would block the worker, and with it the thread that would
release it: a hang. These wait through `waits.Waiter` instead, so the other threads run meanwhile (see
threads.py, which puts them in place for a run). `threading`'s RLock, Condition, Semaphore, Event, Barrier and
`queue.Queue` are CPython's own, built on these.
"""

import queue
import time
from collections import deque

from . import state
from .waits import Waiter

__all__ = ["GreenHandle", "GreenLock", "SimpleQueue"]


def _now() -> float:
    return time.monotonic()


class GreenLock:
    """`_thread.lock` whose blocking acquire suspends the calling green thread, not the worker.

    Barging, as CPython's own lock: `release` wakes the first waiter, which takes the lock if nobody took it
    meanwhile and waits again otherwise.
    """

    __slots__ = ("__weakref__", "_locked", "_waiters")

    def __init__(self) -> None:
        self._locked = False
        self._waiters: deque[Waiter] = deque()

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        if not blocking and timeout != -1:
            raise ValueError("can't specify a timeout for a non-blocking call")
        if timeout < 0 and timeout != -1:
            raise ValueError("timeout value must be a non-negative number")
        if not self._locked:
            self._locked = True
            return True
        if not blocking:
            return False
        deadline = None if timeout == -1 else _now() + timeout
        while self._locked:
            left = None if deadline is None else deadline - _now()
            if left is not None and left <= 0:
                return False
            waiter = Waiter()
            self._waiters.append(waiter)
            try:
                waiter.wait(left)
            except BaseException:
                # Woken to take the lock but leaving instead: the wake goes on to the next waiter.
                self._forget(waiter)
                if not self._locked:
                    self._wake_next()
                raise
            self._forget(waiter)
        self._locked = True
        return True

    def release(self) -> None:
        if not self._locked:
            raise RuntimeError("release unlocked lock")
        self._locked = False
        self._wake_next()

    def locked(self) -> bool:
        return self._locked

    def _forget(self, waiter: Waiter) -> None:
        try:
            self._waiters.remove(waiter)
        except ValueError:
            pass

    def _wake_next(self) -> None:
        while self._waiters:
            if self._waiters.popleft().wake():
                return

    def _at_fork_reinit(self) -> None:
        self._locked = False
        self._waiters.clear()

    def __enter__(self) -> bool:
        return self.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self.release()

    acquire_lock = acquire
    release_lock = release
    locked_lock = locked

    def __repr__(self) -> str:
        status = "locked" if self._locked else "unlocked"
        return f"<{status} _thread.lock object at {id(self):#x}>"


# Programs print a lock's type: CPython's is `<class '_thread.lock'>`.
GreenLock.__module__ = "_thread"
GreenLock.__name__ = GreenLock.__qualname__ = "lock"


class GreenHandle:
    """`_thread._ThreadHandle`: the identity of a green thread and a way to wait until it ended."""

    __slots__ = ("_done", "_waiters", "ident")

    def __init__(self, ident: int | None = None) -> None:
        self.ident = ident
        self._done = False
        self._waiters: list[Waiter] = []

    def is_done(self) -> bool:
        return self._done

    def _set_done(self) -> None:
        self._done = True
        waiters, self._waiters = self._waiters, []
        for waiter in waiters:
            waiter.wake()

    def join(self, timeout: float | None = None) -> None:
        if self.ident == state.thread_id and not self._done:
            raise RuntimeError("Cannot join current thread")
        deadline = None if timeout is None or timeout < 0 else _now() + timeout
        while not self._done:
            left = None if deadline is None else deadline - _now()
            if left is not None and left <= 0:
                return
            waiter = Waiter()
            self._waiters.append(waiter)
            try:
                waiter.wait(left)
            finally:
                if waiter in self._waiters:
                    self._waiters.remove(waiter)

    def __repr__(self) -> str:
        return f"<_thread._ThreadHandle object: ident={self.ident}>"


class SimpleQueue(queue._PySimpleQueue):
    """`queue.SimpleQueue` in Python (waits on green locks): C's blocking get would block the worker."""


SimpleQueue.__module__ = "_queue"
