"""The one way a socket call waits: `wait_for(ready, timeout)`.

Every blocking socket call (recv, accept, connect, select with a timeout...) waits here. A thread that
other threads could wake parks on a `threading.Condition` made for this call, notified by every change of
the network. Otherwise nothing else of the program can run meanwhile (CPython would block the same way),
so the wait is performed in place: suspended with stack switching, which lets a remote peer's JavaScript
callback deliver bytes and wake it, else in slices of blocking sleep that see a Stop.
"""

import threading
import time
from collections.abc import Callable

from .. import state
from ..waits import await_js, blocking_sleep, can_run_sync
from .network import Network, current_network

__all__ = ["wait_for"]

# Without stack switching the worker cannot be woken: it re-checks this often (a Stop ends the wait).
_SLICE_SECONDS = 0.05


def _other_threads() -> bool:
    """Whether another thread could make the socket ready while this one waits (green threads, #20)."""
    return threading.active_count() > 1


def wait_for(ready: Callable[[], bool], timeout: float | None) -> bool:
    """Wait until `ready()` is true or `timeout` seconds passed (None: no limit); whether it became ready."""
    if ready():
        return True
    if timeout is not None and timeout <= 0:
        return False
    deadline = None if timeout is None else time.monotonic() + timeout
    network = current_network()
    while not ready():
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            return False
        if _other_threads():
            _park(network, ready, remaining)
        else:
            _wait_in_place(network, remaining)
    return True


def _park(network: Network, ready: Callable[[], bool], remaining: float | None) -> None:
    """Park this thread until the network changes (`Network.changed` notifies), for at most `remaining`."""
    condition = threading.Condition()
    network.conditions.add(condition)
    try:
        with condition:
            if not ready():
                condition.wait(remaining)
    finally:
        network.conditions.discard(condition)


def _wait_in_place(network: Network, remaining: float | None) -> None:
    """One wait of the whole program, ended early by a change of the network where the engine allows."""
    state.flush_output()
    if not can_run_sync():
        blocking_sleep(_SLICE_SECONDS if remaining is None else min(remaining, _SLICE_SECONDS))
        return
    ms = -1 if remaining is None else remaining * 1000
    network.waiting += 1
    try:
        await_js(lambda: state.hooks.sleep(ms))
    finally:
        network.waiting -= 1
