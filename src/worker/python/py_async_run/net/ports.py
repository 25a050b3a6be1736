"""The port table of a run's network: which socket is bound to which address and port, as Linux decides.

A port is taken per socket type (TCP and UDP ports are separate). Two bindings of one port clash when their
addresses overlap: the same address, or a wildcard ("0.0.0.0", "::") on either side; an IPv6 wildcard
without IPV6_V6ONLY covers IPv4 too, as Linux's dual-stack sockets do. Port 0 picks a free ephemeral port.
"""

import socket as _socket_module
from typing import Any, NamedTuple

from .errors import os_error

__all__ = ["WILDCARD", "PortTable"]

AF_INET6 = _socket_module.AF_INET6
# The address a socket bound to "any address" of its family has.
WILDCARD = {_socket_module.AF_INET: "0.0.0.0", AF_INET6: "::"}

# Linux's default ephemeral range (net.ipv4.ip_local_port_range).
_FIRST_EPHEMERAL_PORT = 32768
_LAST_EPHEMERAL_PORT = 60999


class _Binding(NamedTuple):
    sock: Any
    family: int
    host: str
    v6only: bool

    def covers(self, family: int, host: str) -> bool:
        """Whether this binding receives what is sent to `host` (of `family`) at its port."""
        if self.family == family:
            return self.host == host or self.host == WILDCARD[family]
        return self.family == AF_INET6 and self.host == "::" and not self.v6only

    def clashes(self, family: int, host: str, v6only: bool) -> bool:
        """Whether a new binding of this port to `host` would overlap this one."""
        if self.family == family:
            return self.host == host or WILDCARD[family] in (self.host, host)
        v6_host, v6_only = (self.host, self.v6only) if self.family == AF_INET6 else (host, v6only)
        return v6_host == "::" and not v6_only


class PortTable:
    """Bound sockets by (socket type, port)."""

    def __init__(self) -> None:
        self._bound: dict[tuple[int, int], list[_Binding]] = {}
        self._next_port = _FIRST_EPHEMERAL_PORT

    def free_port(self, kind: int) -> int:
        """An ephemeral port no socket of this type is bound to, as the kernel picks for port 0."""
        for _ in range(_LAST_EPHEMERAL_PORT - _FIRST_EPHEMERAL_PORT + 1):
            port = self._next_port
            self._next_port = port + 1 if port < _LAST_EPHEMERAL_PORT else _FIRST_EPHEMERAL_PORT
            if not self._bound.get((kind, port)):
                return port
        raise os_error("EADDRINUSE")

    def bind(self, sock: Any, kind: int, family: int, host: str, port: int, v6only: bool) -> int:
        """Bind `sock`; the port it got (a free one for 0). EADDRINUSE when the address is taken."""
        if port == 0:
            port = self.free_port(kind)
        elif any(b.clashes(family, host, v6only) for b in self._bound.get((kind, port), ())):
            raise os_error("EADDRINUSE")
        self._bound.setdefault((kind, port), []).append(_Binding(sock, family, host, v6only))
        return port

    def release(self, sock: Any, kind: int, port: int) -> None:
        """The socket closed: its port is free again."""
        bindings = self._bound.get((kind, port), [])
        bindings[:] = [b for b in bindings if b.sock is not sock]

    def find(self, kind: int, family: int, host: str, port: int) -> list[Any]:
        """The sockets that receive what is sent to host:port, oldest binding first."""
        return [b.sock for b in self._bound.get((kind, port), ()) if b.covers(family, host)]

    def clear(self) -> None:
        """Every port is free again (the run ended)."""
        self._bound.clear()
