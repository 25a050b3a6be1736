"""What a run's in-memory network replaces in the standard library, and puts back when the run ends.

Module attributes only (`socket.socket`, `select.select`, `selectors.DefaultSelector`, the `errno` socket
names...), read by asyncio and by programs at call time; plus one method of asyncio's selector loop, so a
refused non-blocking connect is the ConnectionRefusedError CPython raises on Linux (Pyodide's OSError
would pick its subclass by its own error numbers). The run's Checkpoint (isolation.py) would put the module
attributes back too; `remove()` does it explicitly, so the class attribute is restored as well.
"""

import errno
import select as _select_module
import selectors
import socket as _socket_module
from asyncio import selector_events
from typing import Any

from . import addresses, memsocket, selecting
from .errors import LINUX_ERRNO, os_error

__all__ = ["install", "remove"]

_MISSING = object()


def _sock_connect_cb(self: Any, fut: Any, sock: Any, address: Any) -> None:
    # CPython's `BaseSelectorEventLoop._sock_connect_cb`, with the error built by os_error (see above).
    if fut.done():
        return

    try:
        err = sock.getsockopt(_socket_module.SOL_SOCKET, _socket_module.SO_ERROR)
        if err != 0:
            # Jump to any except clause below.
            raise os_error(err, f"Connect call failed {address}")
    except (BlockingIOError, InterruptedError):
        # socket is still registered, the callback will be retried later
        pass
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:
        fut.set_exception(exc)
    else:
        fut.set_result(None)
    finally:
        fut = None


def _linux_errorcode() -> dict[int, str]:
    """`errno.errorcode` with the socket errors' Linux numbers (EAGAIN, not EWOULDBLOCK, for 11)."""
    names = {number: name for name, number in LINUX_ERRNO.items() if name != "EWOULDBLOCK"}
    return {**errno.errorcode, **names}


def _replacements() -> list[tuple[Any, str, Any]]:
    socket_names = {
        "socket": memsocket.MemorySocket,
        "socketpair": memsocket.socketpair,
        "getaddrinfo": addresses.getaddrinfo,
        "gethostbyname": addresses.gethostbyname,
        "gethostbyname_ex": addresses.gethostbyname_ex,
        "getnameinfo": addresses.getnameinfo,
        # Linux's numbers for names Pyodide's socket module lacks, which asyncio's create_server uses.
        "AF_UNIX": memsocket.AF_UNIX,
        "SO_REUSEADDR": getattr(_socket_module, "SO_REUSEADDR", 2),
        "SO_REUSEPORT": getattr(_socket_module, "SO_REUSEPORT", 15),
        # What SocketIO (makefile) takes for "would block": Linux's EAGAIN too, which these sockets raise.
        "_blocking_errnos": {*_socket_module._blocking_errnos, LINUX_ERRNO["EAGAIN"]},
        # Pyodide is built without IPv6; the in-memory network has it (socket.create_server asks).
        "has_ipv6": True,
    }
    selector_names = ("DefaultSelector", "SelectSelector", "PollSelector", "EpollSelector")
    return [
        *((_socket_module, name, value) for name, value in socket_names.items()),
        (_select_module, "select", selecting.select),
        *((selectors, name, selecting.MemorySelector) for name in selector_names if hasattr(selectors, name)),
        *((errno, name, number) for name, number in LINUX_ERRNO.items()),
        (errno, "errorcode", _linux_errorcode()),
        (selector_events.BaseSelectorEventLoop, "_sock_connect_cb", _sock_connect_cb),
    ]


_saved: list[tuple[Any, str, Any]] = []


def install() -> None:
    """Put the in-memory network in place of the system's for a run."""
    remove()
    for owner, name, value in _replacements():
        _saved.append((owner, name, owner.__dict__.get(name, _MISSING)))
        setattr(owner, name, value)


def remove() -> None:
    """Put back what `install()` replaced."""
    while _saved:
        owner, name, value = _saved.pop()
        if value is _MISSING:
            delattr(owner, name)
        else:
            setattr(owner, name, value)
