"""Addresses of the in-memory network: which are loopback, how a bound address is written, name lookups.

`getaddrinfo`, `gethostbyname` and co. stand in for the socket module's during a run: loopback names resolve
as on a Linux machine whose /etc/hosts maps `localhost` to 127.0.0.1 (and ::1 for IPv6 asks); any other
name resolves to a stand-in address (see network.py) that a connection hands back to the remote connector.
"""

import socket as _socket_module
from typing import Any

from .network import current_network
from .ports import WILDCARD

__all__ = [
    "WILDCARD",
    "format_address",
    "getaddrinfo",
    "gethostbyname",
    "gethostbyname_ex",
    "getnameinfo",
    "is_local",
    "parse_address",
]

AF_INET = _socket_module.AF_INET
AF_INET6 = _socket_module.AF_INET6
AF_UNSPEC = _socket_module.AF_UNSPEC
SOCK_STREAM = _socket_module.SOCK_STREAM
SOCK_DGRAM = _socket_module.SOCK_DGRAM
IPPROTO_TCP = _socket_module.IPPROTO_TCP
IPPROTO_UDP = _socket_module.IPPROTO_UDP
AI_NUMERICHOST = _socket_module.AI_NUMERICHOST
AI_PASSIVE = _socket_module.AI_PASSIVE
_gaierror = _socket_module.gaierror

_LOOPBACK = {AF_INET: "127.0.0.1", AF_INET6: "::1"}
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def _ipv4(text: str) -> tuple[int, ...] | None:
    parts = text.split(".")
    if len(parts) != 4 or not all(p.isdigit() and len(p) <= 3 and int(p) <= 255 for p in parts):
        return None
    return tuple(int(p) for p in parts)


def _ipv6(text: str) -> tuple[int, ...] | None:
    """The eight 16-bit groups of an IPv6 address, or None (the `ipaddress` module stays unloaded)."""
    text = text.partition("%")[0]
    tail: list[int] = []
    if "." in text:  # an IPv4 address in the last 32 bits
        text, _, v4 = text.rpartition(":")
        octets = _ipv4(v4)
        if octets is None:
            return None
        tail = [octets[0] << 8 | octets[1], octets[2] << 8 | octets[3]]
        if text.endswith(":"):
            text += ":"
    halves = text.split("::")
    if len(halves) > 2:
        return None
    try:
        groups = [[int(g, 16) for g in half.split(":") if g] for half in halves]
    except ValueError:
        return None
    if any(g > 0xFFFF for half in groups for g in half):
        return None
    head = groups[0]
    rest = groups[1] if len(groups) == 2 else []
    missing = 8 - len(tail) - len(head) - len(rest)
    if missing < 0 or (len(groups) == 1 and missing != 0):
        return None
    return tuple(head + [0] * missing + rest + tail)


def _numeric(host: str) -> tuple[int, str] | None:
    """(family, canonical text) of a numeric address, or None for a name."""
    if _ipv4(host) is not None:
        return AF_INET, ".".join(str(int(p)) for p in host.split("."))
    if ":" not in host:
        return None
    groups = _ipv6(host)
    if groups is None:
        return None
    if groups == (0,) * 8:
        return AF_INET6, "::"
    if groups == (0,) * 7 + (1,):
        return AF_INET6, "::1"
    return AF_INET6, host.lower()


def is_local(host: str) -> bool:
    """Whether `host` (an address) is one of this machine's: loopback or a wildcard."""
    numeric = _numeric(host)
    if numeric is None:
        return False
    family, text = numeric
    if family == AF_INET6:
        if text in ("::", "::1"):
            return True
        groups = _ipv6(text)
        return groups is not None and groups[:6] == (0, 0, 0, 0, 0, 0xFFFF) and groups[6] >> 8 == 127
    return text.startswith("127.") or text == "0.0.0.0"


def parse_address(family: int, address: Any, *, binding: bool) -> tuple[str, int]:
    """(host as an address, port) of a socket address; names are resolved, "" means any address."""
    if family == AF_INET:
        if not isinstance(address, tuple) or len(address) != 2:
            raise TypeError(f"AF_INET address must be tuple, not {type(address).__name__}")
    elif family == AF_INET6:
        if not isinstance(address, tuple) or not 2 <= len(address) <= 4:
            raise TypeError("AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])")
    else:
        raise OSError(97, "Address family not supported by protocol")
    host, port = address[0], address[1]
    if not isinstance(host, str):
        raise TypeError(f"str, bytes or bytearray expected, not {type(host).__name__}")
    if not isinstance(port, int):
        raise TypeError(f"'{type(port).__name__}' object cannot be interpreted as an integer")
    if not 0 <= port <= 65535:
        raise OverflowError(f"{'bind' if binding else 'connect'}(): port must be 0-65535.")
    if host == "" or host == "<broadcast>":
        return WILDCARD[family] if binding or host == "" else "255.255.255.255", port
    numeric = _numeric(host)
    if numeric is None:
        host = getaddrinfo(host, port, family)[0][4][0]
        numeric = _numeric(host)
    if numeric is None or numeric[0] != family:
        raise _gaierror(-9, "Address family for hostname not supported")
    return numeric[1], port


def format_address(family: int, host: str, port: int) -> Any:
    """A bound or peer address as CPython's getsockname() writes it for this family."""
    if family == AF_INET6:
        return (host, port, 0, 0)
    if family == AF_INET:
        return (host, port)
    return ""


def _resolve(host: str | None, family: int, passive: bool) -> list[tuple[int, str]]:
    """(family, address) pairs of a host name, as a Linux resolver with a plain /etc/hosts answers."""
    if host is None:
        pairs = [(AF_INET, "0.0.0.0"), (AF_INET6, "::")] if passive else [(AF_INET, "127.0.0.1"), (AF_INET6, "::1")]
        return [pair for pair in pairs if family in (AF_UNSPEC, pair[0])]
    numeric = _numeric(host)
    if numeric is not None:
        found = numeric[0]
        if family not in (AF_UNSPEC, found):
            raise _gaierror(-9, "Address family for hostname not supported")
        return [(found, host)]
    name = host.lower().rstrip(".")
    if name in _LOCAL_NAMES:
        return [(AF_INET6, "::1")] if family == AF_INET6 else [(AF_INET, "127.0.0.1")]
    if not name or any(not part or len(part) > 63 for part in name.split(".")):
        raise _gaierror(-2, "Name or service not known")
    if family == AF_INET6:
        raise _gaierror(-5, "No address associated with hostname")
    return [(AF_INET, current_network().remote_address(name))]


def _port_number(port: Any) -> int:
    if port is None:
        return 0
    if isinstance(port, int):
        return port
    if isinstance(port, (str, bytes)):
        text = port.decode() if isinstance(port, bytes) else port
        if text.isdigit():
            return int(text)
        known = {"http": 80, "https": 443, "ftp": 21, "ssh": 22, "smtp": 25, "domain": 53}
        if text in known:
            return known[text]
        raise _gaierror(-8, "Servname not supported for ai_socktype")
    raise OSError("Int or String expected")


def getaddrinfo(
    host: Any, port: Any, family: int = 0, type: int = 0, proto: int = 0, flags: int = 0
) -> list[tuple[Any, Any, int, str, Any]]:
    """`socket.getaddrinfo` over the in-memory network (see the module docstring)."""
    if isinstance(host, bytes):
        host = host.decode("idna")
    number = _port_number(port)
    if flags & AI_NUMERICHOST and host is not None and _numeric(host) is None:
        raise _gaierror(-2, "Name or service not known")
    kinds = [(SOCK_STREAM, IPPROTO_TCP), (SOCK_DGRAM, IPPROTO_UDP), (_socket_module.SOCK_RAW, 0)]
    if type:
        kinds = [(kind, p) for kind, p in kinds if kind == type] or [(type, proto)]
    elif proto:
        kinds = [(kind, p) for kind, p in kinds if p == proto]
    result = []
    for found, address in _resolve(host, family, bool(flags & AI_PASSIVE)):
        for kind, kind_proto in kinds:
            result.append(
                (
                    _socket_module.AddressFamily(found),
                    _socket_module.SocketKind(kind),
                    kind_proto,
                    "",
                    format_address(found, address, number),
                )
            )
    return result


def gethostbyname(host: str) -> str:
    """`socket.gethostbyname` over the in-memory network."""
    return getaddrinfo(host, None, AF_INET)[0][4][0]


def gethostbyname_ex(host: str) -> tuple[str, list[str], list[str]]:
    """`socket.gethostbyname_ex` over the in-memory network."""
    address = gethostbyname(host)
    name = "localhost" if is_local(address) else host
    return name, [], [address]


def getnameinfo(sockaddr: tuple[Any, ...], flags: int) -> tuple[str, str]:
    """`socket.getnameinfo`: loopback addresses are named localhost, others by the name they came from."""
    host, port = sockaddr[0], sockaddr[1]
    numeric_host = flags & _socket_module.NI_NUMERICHOST
    if not numeric_host:
        if is_local(host):
            host = "localhost"
        else:
            host = current_network().remote_names.get(host, host)
    return host, str(port)
