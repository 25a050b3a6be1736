"""`selectors` and `select.select` over the in-memory network.

`MemorySelector` is the selector of every event loop of a run (PageLoop's and a program's own
`SelectorEventLoop`, whose `selectors.DefaultSelector()` is this class during a run), so CPython's
`selector_events` does the sockets' work. A selector that a loop driver steps never waits itself: the
driver asks `has_ready()` and yields the wait to the page (drivers.py). Any other select waits in place
through `waiting.wait_for`.
"""

import selectors
from collections.abc import Iterator, Mapping
from typing import Any

from .memsocket import MemorySocket
from .network import current_network
from .waiting import wait_for

__all__ = ["MemorySelector", "select"]

EVENT_READ = selectors.EVENT_READ
EVENT_WRITE = selectors.EVENT_WRITE
_original_select = __import__("select").select


def _fd_of(fileobj: Any) -> int:
    """The descriptor of a file object or of an int, as selectors' `_fileobj_to_fd` finds it."""
    if isinstance(fileobj, int):
        fd = fileobj
    else:
        try:
            fd = int(fileobj.fileno())
        except (AttributeError, TypeError, ValueError):
            raise ValueError(f"Invalid file object: {fileobj!r}") from None
    if fd < 0:
        raise ValueError(f"Invalid file descriptor: {fd}")
    return fd


def _events(fd: int) -> int:
    """What the in-memory socket `fd` is ready for now (0 for a descriptor that is not one)."""
    sock: MemorySocket | None = current_network().sockets.get(fd)
    if sock is None:
        return 0
    return (EVENT_READ if sock.readable() else 0) | (EVENT_WRITE if sock.writable() else 0)


class _Map(Mapping[Any, selectors.SelectorKey]):
    """The selector's keys by file object or descriptor (what `get_map()` returns)."""

    def __init__(self, keys: dict[int, selectors.SelectorKey]) -> None:
        self._keys = keys

    def __len__(self) -> int:
        return len(self._keys)

    def __getitem__(self, fileobj: Any) -> selectors.SelectorKey:
        try:
            return self._keys[_fd_of(fileobj)]
        except ValueError:
            raise KeyError(fileobj) from None

    def __iter__(self) -> Iterator[int]:
        return iter(self._keys)


class MemorySelector(selectors.BaseSelector):
    """A selector of the in-memory network's sockets (see the module docstring)."""

    def __init__(self) -> None:
        # Sockets are looked up in the network of the run at each select(): a session's loop outlives a run.
        self._keys: dict[int, selectors.SelectorKey] = {}
        self._map = _Map(self._keys)
        # True while a loop driver steps the loop that owns this selector: select() must not wait then.
        self.driven = False

    def register(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        if not events or events & ~(EVENT_READ | EVENT_WRITE):
            raise ValueError(f"Invalid events: {events!r}")
        fd = _fd_of(fileobj)
        if fd in self._keys:
            raise KeyError(f"{fileobj!r} (FD {fd}) is already registered")
        key = selectors.SelectorKey(fileobj, fd, events, data)
        self._keys[fd] = key
        return key

    def unregister(self, fileobj: Any) -> selectors.SelectorKey:
        try:
            return self._keys.pop(_fd_of(fileobj))
        except (KeyError, ValueError):
            raise KeyError(f"{fileobj!r} is not registered") from None

    def modify(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        try:
            key = self._keys[_fd_of(fileobj)]
        except (KeyError, ValueError):
            raise KeyError(f"{fileobj!r} is not registered") from None
        if events != key.events:
            self.unregister(fileobj)
            return self.register(fileobj, events, data)
        if data != key.data:
            key = key._replace(data=data)
            self._keys[key.fd] = key
        return key

    def _ready(self) -> list[tuple[selectors.SelectorKey, int]]:
        ready = []
        for key in self._keys.values():
            events = _events(key.fd) & key.events
            if events:
                ready.append((key, events))
        return ready

    def has_ready(self) -> bool:
        """Whether a registered socket is ready for what it was registered for (the driver's question)."""
        return any(_events(key.fd) & key.events for key in self._keys.values())

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        ready = self._ready()
        if ready or self.driven or (timeout is not None and timeout <= 0):
            return ready
        wait_for(self.has_ready, timeout)
        return self._ready()

    def close(self) -> None:
        self._keys.clear()

    def get_map(self) -> Mapping[Any, selectors.SelectorKey]:
        return self._map


def select(rlist: Any, wlist: Any, xlist: Any, timeout: float | None = None) -> tuple[list[Any], list[Any], list[Any]]:
    """`select.select` over in-memory sockets; lists of other files go to the C library's select."""
    rlist, wlist, xlist = list(rlist), list(wlist), list(xlist)
    if timeout is not None:
        if timeout < 0:
            raise ValueError("timeout must be non-negative")
    network = current_network()
    fds = [_fd_of(obj) for obj in rlist + wlist + xlist]
    if fds and not any(fd in network.sockets for fd in fds):
        return _original_select(rlist, wlist, xlist, timeout)

    def ready() -> tuple[list[Any], list[Any], list[Any]]:
        readable = [obj for obj in rlist if _events(_fd_of(obj)) & EVENT_READ]
        writable = [obj for obj in wlist if _events(_fd_of(obj)) & EVENT_WRITE]
        return readable, writable, []

    wait_for(lambda: any(ready()[:2]), timeout)
    return ready()
