"""An in-memory network for one run: sockets over loopback, and other hosts through a remote connector.

A page cannot open sockets, but it can give Python a network that behaves like one. During a run,
`socket.socket`, `socketpair`, `getaddrinfo`, `select.select` and the `selectors` are this package's
(patches.py); every event loop's selector is a `MemorySelector`, so asyncio's own `selector_events` code
serves streams, protocols, datagrams and the `sock_*` API. Ports and sockets belong to the run
(network.py) and vanish with it. The HTTP layer reaches other hosts through `set_remote_connector`.
"""

from . import patches
from .memsocket import MemorySocket
from .network import Network, Peer, RemoteConnector, current_network, end_network, set_remote_connector, start_network
from .selecting import MemorySelector
from .waiting import wait_for

__all__ = [
    "MemorySelector",
    "MemorySocket",
    "Network",
    "Peer",
    "RemoteConnector",
    "current_network",
    "end_run",
    "set_remote_connector",
    "start_run",
    "wait_for",
]


def start_run() -> None:
    """Give the run that starts a network of its own, in place of the system's."""
    start_network()
    patches.install()


def end_run() -> None:
    """Close what the run left open and put the system's socket functions back."""
    patches.remove()
    end_network()
