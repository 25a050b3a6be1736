"""The network of one run: its open sockets by descriptor, its ports, the names it resolved.

Everything here belongs to the run that made it (`start_network` / `end_network`): ports, listeners and
queued bytes vanish with it, as they would when a process exits. Loopback addresses are served here;
a connection to any other host asks the remote connector (`set_remote_connector`), which the HTTP layer
installs; without one it fails with ENETUNREACH and a sentence saying why.
"""

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from .. import state
from .ports import PortTable

if TYPE_CHECKING:
    from .memsocket import MemorySocket

__all__ = [
    "FIRST_FD",
    "Network",
    "Peer",
    "RemoteConnector",
    "current_network",
    "end_network",
    "set_remote_connector",
    "start_network",
]

# Descriptors of in-memory sockets start here, far above the few files Pyodide's C library opens, so the two
# never meet in one select() call.
FIRST_FD = 1000


# Names of other hosts resolve to addresses of 198.18.0.0/15 (RFC 2544: benchmarking, never routed), one per
# name, so `connect((ip, port))` after `getaddrinfo(name)` can hand the connector the name itself.
def _remote_address(index: int) -> str:
    number = index + 1
    return f"198.{18 + number // 65536}.{number // 256 % 256}.{number % 256}"


class Peer(Protocol):
    """The far end of a connection to another host, given by the remote connector.

    The socket sets `on_data` right after the connector returns the peer; the peer calls it from JavaScript
    callbacks (outside any step of the program) with the bytes that came, with b"" at the end of the
    stream, or with an OSError when the connection failed (the program's next read raises it, so a library
    reports its usual connection error). The socket then becomes readable and whatever waits on it (the
    loop's driver, a parked thread) is woken. The peer stays on the socket as `sock._peer`, for a TLS layer.
    """

    on_data: Callable[[bytes | OSError], None]

    def send(self, data: bytes) -> None:
        """Bytes the program wrote."""

    def shutdown_write(self) -> None:
        """The program will write no more (`shutdown(SHUT_WR)`)."""

    def close(self) -> None:
        """The program closed the socket (or the run ended)."""


# fn(host, port) -> Peer | None: None refuses the connection.
type RemoteConnector = Callable[[str, int], Peer | None]

_connector: RemoteConnector | None = None


def set_remote_connector(fn: RemoteConnector | None) -> None:
    """Install how connections to other hosts are made (the HTTP layer's fetch); None removes it."""
    global _connector
    _connector = fn


class Network:
    """One run's sockets, ports and resolved names (see the module docstring)."""

    def __init__(self) -> None:
        self.sockets: dict[int, "MemorySocket"] = {}
        self.ports = PortTable()
        self.remote_names: dict[str, str] = {}  # fake address -> host name
        self.remote_addresses: dict[str, str] = {}  # host name -> fake address
        self._next_fd = FIRST_FD
        # Conditions of threads parked in waiting.wait_for (see there), notified on every change.
        self.conditions: set[threading.Condition] = set()
        # Waits a change must end early: the loop driver's yields and in-place waits of waiting.py.
        self.waiting = 0

    def new_fd(self, sock: "MemorySocket") -> int:
        fd = self._next_fd
        self._next_fd += 1
        self.sockets[fd] = sock
        return fd

    def remote_address(self, host: str) -> str:
        """The stand-in address of another host's name (see _remote_address)."""
        address = self.remote_addresses.get(host)
        if address is None:
            address = _remote_address(len(self.remote_addresses))
            self.remote_addresses[host] = address
            self.remote_names[address] = host
        return address

    def connect_remote(self, host: str, port: int) -> Peer | None:
        """Ask the remote connector for a peer at host:port (host as the program named it, when it did)."""
        if _connector is None:
            return None
        return _connector(self.remote_names.get(host, host), port)

    def changed(self) -> None:
        """A socket became readable or writable: wake what waits for that."""
        for condition in list(self.conditions):
            with condition:
                condition.notify_all()
        if self.waiting and state.hooks is not None:
            state.hooks.wake()

    def close_all(self) -> None:
        """The run is over: close every socket it left open (remote peers are told)."""
        for sock in list(self.sockets.values()):
            try:
                sock.close()
            except Exception:  # noqa: BLE001 - a peer failing to close must not stop the others
                pass
        self.sockets.clear()
        self.ports.clear()


_current: Network | None = None


def current_network() -> Network:
    """The network of the run being run; one of its own for sockets made outside a run."""
    global _current
    if _current is None:
        _current = Network()
    return _current


def start_network() -> Network:
    """A fresh network for a run that starts."""
    global _current
    _current = Network()
    return _current


def end_network() -> None:
    """The run ended: its sockets close and its ports are free again."""
    global _current
    if _current is not None:
        _current.close_all()
    _current = None
