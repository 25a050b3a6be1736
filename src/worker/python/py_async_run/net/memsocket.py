"""`socket.socket` for the in-memory network: TCP and UDP over loopback, socketpair, other hosts by a peer.

During a run the socket module's `socket` is this class (see patches.py), so a program, asyncio's
selector loop and the libraries that build on them all make these. Bytes written to one end are queued
on the other end, at once and without limit (a kernel's buffers are large next to what programs send on
loopback). A connection to another host gets its peer from the remote connector (network.py).

Each socket is blocking, non-blocking or has a timeout as CPython's are; a blocking call waits through
`waiting.wait_for`, the one place a socket waits. Errors carry Linux's numbers (errors.py).
"""

import socket as _socket_module
from collections import deque
from typing import Any

from .addresses import WILDCARD, format_address, is_local, parse_address
from .errors import LINUX_ERRNO, os_error
from .network import Network, Peer, current_network
from .waiting import wait_for

__all__ = ["MemorySocket", "socketpair"]

AF_INET = _socket_module.AF_INET
AF_INET6 = _socket_module.AF_INET6
# Pyodide's socket module has no AF_UNIX; Linux's number stands in (patches.py sets it during a run).
AF_UNIX = getattr(_socket_module, "AF_UNIX", 1)
SOCK_STREAM = _socket_module.SOCK_STREAM
SOCK_DGRAM = _socket_module.SOCK_DGRAM
_TYPE_FLAGS = getattr(_socket_module, "SOCK_NONBLOCK", 0) | getattr(_socket_module, "SOCK_CLOEXEC", 0)
_SOCK_NONBLOCK = getattr(_socket_module, "SOCK_NONBLOCK", 0)
_MSG_PEEK = _socket_module.MSG_PEEK
_SO_ERROR = (_socket_module.SOL_SOCKET, _socket_module.SO_ERROR)
_SO_TYPE = (_socket_module.SOL_SOCKET, _socket_module.SO_TYPE)
_SO_ACCEPTCONN = (_socket_module.SOL_SOCKET, getattr(_socket_module, "SO_ACCEPTCONN", 30))
_V6ONLY = (_socket_module.IPPROTO_IPV6, _socket_module.IPV6_V6ONLY)
_LOOPBACK = {AF_INET: "127.0.0.1", AF_INET6: "::1"}
_RealSocket = _socket_module.socket
_getdefaulttimeout = _socket_module.getdefaulttimeout
_NO_UNIX_PATHS = (
    "Operation not supported: a browser has no Unix socket files; use socket.socketpair() or a loopback "
    "address such as ('127.0.0.1', 8888)"
)


def _unreachable(host: str, port: int) -> OSError:
    return os_error(
        "ENETUNREACH",
        f"Network is unreachable: in a browser a program reaches loopback addresses and the web's ports 80 "
        f"and 443 (HTTP, or others a host map names), not {host}:{port}",
    )


class MemorySocket:
    """A socket of the in-memory network (see the module docstring); shown as `socket.socket`."""

    def __init__(self, family: int = -1, type: int = -1, proto: int = -1, fileno: int | None = None) -> None:
        if fileno is not None:
            raise os_error("EBADF")
        family = AF_INET if family == -1 else family
        type = SOCK_STREAM if type == -1 else type
        if family not in (AF_INET, AF_INET6, AF_UNIX):
            raise os_error("EAFNOSUPPORT")
        if type & ~_TYPE_FLAGS not in (SOCK_STREAM, SOCK_DGRAM):
            raise OSError(94, "Socket type not supported")
        timeout = 0.0 if type & _SOCK_NONBLOCK else _getdefaulttimeout()
        self._setup(current_network(), family, type & ~_TYPE_FLAGS, 0 if proto == -1 else proto, timeout)
        self._fd = self._network.new_fd(self)

    def _setup(self, network: Network, family: int, kind: int, proto: int, timeout: float | None) -> None:
        """The state of a new socket, without a descriptor yet (an accepted one gets it from accept())."""
        self._network = network
        self._family = family
        self._type = kind
        self._proto = proto
        self._timeout = timeout
        self._io_refs = 0
        self._closed = False
        self._fd = -1
        self._local: tuple[str, int] | None = None
        self._remote: tuple[str, int] | None = None
        self._options: dict[tuple[int, int], Any] = {}
        self._v6only = False
        self._listening = False
        self._backlog: deque[MemorySocket] = deque()
        self._other: MemorySocket | None = None  # the other end of an in-memory connection
        self._peer: Peer | None = None  # the far end of a connection to another host (a TLS shim reads it)
        self._connected = False
        self._inbox = bytearray()
        self._datagrams: deque[tuple[bytes, Any]] = deque()
        self._read_eof = False
        self._write_shut = False
        self._other_gone = False
        self._reset = False
        self._so_error = 0
        self._peer_error: OSError | None = None  # how a remote peer's connection failed (see _peer_data)

    # --- what the socket is ---------------------------------------------------------------------------

    @property
    def family(self) -> _socket_module.AddressFamily:
        """The address family, as the enum CPython's sockets return."""
        try:
            return _socket_module.AddressFamily(self._family)
        except ValueError:
            return self._family  # type: ignore[return-value]  # AF_UNIX, unknown to Pyodide's enum

    @property
    def type(self) -> _socket_module.SocketKind:
        """The socket type, as the enum CPython's sockets return."""
        return _socket_module.SocketKind(self._type)

    @property
    def proto(self) -> int:
        """The protocol number given when the socket was made."""
        return self._proto

    @property
    def timeout(self) -> float | None:
        """The timeout in seconds (None: blocking, 0.0: non-blocking)."""
        return self._timeout

    def fileno(self) -> int:
        """The socket's descriptor in the run's network; -1 once closed."""
        return self._fd

    def gettimeout(self) -> float | None:
        """The timeout in seconds (None: blocking, 0.0: non-blocking)."""
        return self._timeout

    def settimeout(self, value: float | None) -> None:
        """Set the timeout of blocking calls (None: wait forever, 0: never wait)."""
        if value is not None:
            value = float(value)
            if value < 0:
                raise ValueError("Timeout value out of range")
        self._timeout = value

    def setblocking(self, flag: bool) -> None:
        """Blocking (as `settimeout(None)`) or non-blocking (as `settimeout(0)`)."""
        self._timeout = None if flag else 0.0

    def getblocking(self) -> bool:
        """Whether the socket is in blocking mode (a timeout counts as blocking)."""
        return self._timeout != 0.0

    def setsockopt(self, level: int, option: int, value: Any, optlen: int | None = None) -> None:
        """Keep an option; only IPV6_V6ONLY changes what the socket does."""
        self._check_open()
        self._options[(level, option)] = value
        if (level, option) == _V6ONLY:
            self._v6only = bool(value)

    def getsockopt(self, level: int, option: int, buflen: int | None = None) -> Any:
        """An option's value; SO_ERROR reports (and clears) the error of a non-blocking connect."""
        self._check_open()
        key = (level, option)
        if key == _SO_ERROR:
            error, self._so_error = self._so_error, 0
            return error
        if key == _SO_TYPE:
            return self._type
        if key == _SO_ACCEPTCONN:
            return int(self._listening)
        value = self._options.get(key, 0)
        if buflen is not None and isinstance(value, int):
            return value.to_bytes(buflen, "little") if buflen >= 4 else bytes(buflen)
        return value

    def getsockname(self) -> Any:
        """The address the socket is bound to (any address, port 0, before it is bound)."""
        self._check_open()
        if self._family == AF_UNIX:
            return ""
        host, port = self._local or (WILDCARD[self._family], 0)
        return format_address(self._family, host, port)

    def getpeername(self) -> Any:
        """The address of the other end of the connection."""
        self._check_open()
        if self._remote is None:
            raise os_error("ENOTCONN")
        if self._family == AF_UNIX:
            return ""
        return format_address(self._family, *self._remote)

    # --- readiness, as a selector sees it ------------------------------------------------------------

    def readable(self) -> bool:
        """Whether a read (recv, accept) would not wait now."""
        if self._fd < 0:
            return False
        if self._so_error or self._reset or self._peer_error is not None:
            return True
        if self._listening:
            return bool(self._backlog)
        if self._type == SOCK_DGRAM:
            return bool(self._datagrams)
        return bool(self._inbox) or self._read_eof

    def writable(self) -> bool:
        """Whether a write would not wait now (writes never wait once connected: queues have no limit)."""
        if self._fd < 0:
            return False
        return bool(self._so_error) or self._type == SOCK_DGRAM or self._connected

    # --- binding and connecting ----------------------------------------------------------------------

    def bind(self, address: Any) -> None:
        """Bind to a loopback or wildcard address; port 0 picks a free ephemeral port."""
        self._check_open()
        if self._family == AF_UNIX:
            raise os_error("EOPNOTSUPP", _NO_UNIX_PATHS)
        if self._local is not None:
            raise os_error("EINVAL")
        host, port = parse_address(self._family, address, binding=True)
        if not is_local(host):
            raise os_error("EADDRNOTAVAIL")
        self._bind(host, port)

    def _bind(self, host: str, port: int) -> None:
        port = self._network.ports.bind(self, self._type, self._family, host, port, self._v6only)
        self._local = (host, port)

    def _find(self, kind: int, host: str, port: int, *, listening: bool) -> "MemorySocket | None":
        """The socket bound to receive what this one sends to host:port (a listening one for `listening`)."""
        for sock in self._network.ports.find(kind, self._family, host, port):
            if sock._listening or not listening:
                return sock
        return None

    def _source_host(self, destination: str) -> str:
        """The address this socket sends from toward `destination` (a wildcard binding answers as loopback)."""
        if self._local is not None and self._local[0] != WILDCARD.get(self._family):
            return self._local[0]
        if destination in WILDCARD.values():
            return _LOOPBACK[self._family]
        return destination

    def listen(self, backlog: int = 128) -> None:
        """Accept connections from now on (bound to an ephemeral port first if it was not bound)."""
        self._check_open()
        if self._type != SOCK_STREAM:
            raise os_error("EOPNOTSUPP")
        if self._connected:
            raise os_error("EINVAL")
        if self._family == AF_UNIX:
            raise os_error("EOPNOTSUPP", _NO_UNIX_PATHS)
        if self._local is None:
            self._bind(WILDCARD[self._family], 0)
        self._listening = True

    def connect(self, address: Any) -> None:
        """Connect to a listening socket of the run, or to another host through the remote connector."""
        self._check_open()
        if self._type == SOCK_DGRAM:
            host, port = parse_address(self._family, address, binding=False)
            if self._local is None:
                self._bind(WILDCARD[self._family], 0)
            self._remote = (self._loopback_for(host), port)
            self._connected = True
            return
        if self._connected or self._listening:
            raise os_error("EISCONN" if self._connected else "EINVAL")
        if self._family == AF_UNIX:
            raise os_error("EOPNOTSUPP", _NO_UNIX_PATHS)
        host, port = parse_address(self._family, address, binding=False)
        if is_local(host):
            host = self._loopback_for(host)
            listener = self._find(SOCK_STREAM, host, port, listening=True)
            if listener is None:
                if self._timeout == 0.0:
                    # As a non-blocking connect on Linux: in progress, then SO_ERROR says it was refused.
                    self._so_error = LINUX_ERRNO["ECONNREFUSED"]
                    raise os_error("EINPROGRESS")
                raise os_error("ECONNREFUSED")
            if self._local is None:
                self._bind(host, 0)
            listener._queue_connection(self, host, port)
        else:
            peer = self._network.connect_remote(host, port)
            if peer is None:
                raise _unreachable(self._network.remote_names.get(host, host), port)
            self._peer = peer
            self._remote = (host, port)
            self._local = (_LOOPBACK[self._family], self._network.ports.free_port(SOCK_STREAM))
            self._connected = True
            peer.on_data = self._peer_data
        self._network.changed()
        if self._timeout == 0.0:
            raise os_error("EINPROGRESS")

    def _loopback_for(self, host: str) -> str:
        return _LOOPBACK[self._family] if host in WILDCARD.values() else host

    def _queue_connection(self, client: "MemorySocket", host: str, port: int) -> None:
        """A connection from `client` to this listener, waiting for accept() (the handshake is done)."""
        assert client._local is not None
        conn = MemorySocket.__new__(MemorySocket)
        conn._setup(self._network, self._family, SOCK_STREAM, self._proto, None)
        client_host = client._local[0]
        if self._family == AF_INET6 and client._family == AF_INET:
            host, client_host = "::ffff:" + host, "::ffff:" + client_host
        conn._local = (host, port)
        conn._remote = (client_host, client._local[1])
        conn._connected = client._connected = True
        client._remote = (host, port)
        conn._other, client._other = client, conn
        self._backlog.append(conn)

    def connect_ex(self, address: Any) -> int:
        """`connect`, returning the error number instead of raising (0: connected)."""
        try:
            self.connect(address)
        except OSError as exc:
            if exc.errno is None or isinstance(exc, _socket_module.gaierror):
                raise
            return exc.errno
        return 0

    def accept(self) -> tuple["MemorySocket", Any]:
        """Wait for a connection; the new socket and the address of its other end."""
        self._check_open()
        if not self._listening:
            raise os_error("EINVAL")
        self._wait(lambda: bool(self._backlog) or self._fd < 0)
        self._check_open()
        conn = self._backlog.popleft()
        conn._timeout = _getdefaulttimeout()
        conn._fd = self._network.new_fd(conn)
        return conn, conn.getpeername()

    # --- reading -------------------------------------------------------------------------------------

    def _wait(self, ready: Any) -> None:
        """Wait as this socket's mode says: not at all (BlockingIOError), up to its timeout, or for ever."""
        if ready():
            return
        if self._timeout == 0.0:
            raise os_error("EAGAIN")
        if not wait_for(ready, self._timeout):
            raise TimeoutError("timed out")

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        """Up to `bufsize` bytes; b"" once the other end will send no more."""
        if self._type == SOCK_DGRAM:
            return self.recvfrom(bufsize, flags)[0]
        self._check_open()
        if bufsize < 0:
            raise ValueError("negative buffersize in recv")
        if not self._connected:
            raise os_error("ENOTCONN")
        self._wait(self.readable)
        self._raise_pending()
        data = bytes(self._inbox[:bufsize])
        if not flags & _MSG_PEEK:
            del self._inbox[:bufsize]
        return data

    def _raise_pending(self) -> None:
        if self._peer_error is not None:
            error, self._peer_error = self._peer_error, None
            self._read_eof = True
            raise error
        if self._so_error:
            error, self._so_error = self._so_error, 0
            raise os_error(error)
        if self._reset:
            self._reset = False
            self._read_eof = True
            raise os_error("ECONNRESET")

    def recv_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> int:
        """`recv` into a writable buffer; how many bytes were written."""
        view = memoryview(buffer).cast("B")
        data = self.recv(nbytes or len(view), flags)
        view[: len(data)] = data
        return len(data)

    def recvfrom(self, bufsize: int, flags: int = 0) -> tuple[bytes, Any]:
        """One datagram (cut to `bufsize`) and its sender's address; for a stream, `recv` and None."""
        if self._type == SOCK_STREAM:
            return self.recv(bufsize, flags), None
        self._check_open()
        if self._local is None:
            self._bind(WILDCARD[self._family], 0)
        self._wait(self.readable)
        data, sender = self._datagrams[0] if flags & _MSG_PEEK else self._datagrams.popleft()
        return data[:bufsize], sender

    def recvfrom_into(self, buffer: Any, nbytes: int = 0, flags: int = 0) -> tuple[int, Any]:
        """`recvfrom` into a writable buffer."""
        view = memoryview(buffer).cast("B")
        data, sender = self.recvfrom(nbytes or len(view), flags)
        view[: len(data)] = data
        return len(data), sender

    def _peer_data(self, data: bytes | OSError) -> None:
        """Bytes from a remote peer (b"": end of its stream; an OSError: the connection failed, which the
        next read raises), called from JavaScript outside any step."""
        if self._fd < 0:
            return
        if isinstance(data, OSError):
            self._peer_error = data
        elif data:
            self._inbox += data
        else:
            self._read_eof = True
        self._network.changed()

    # --- writing -------------------------------------------------------------------------------------

    def send(self, data: Any, flags: int = 0) -> int:
        """Queue the bytes at the other end (all of them: queues have no limit); how many were sent."""
        chunk = bytes(memoryview(data))
        self._check_open()
        if self._type == SOCK_DGRAM:
            if self._remote is None:
                raise os_error("EDESTADDRREQ")
            return self._send_datagram(chunk, self._remote)
        self._raise_pending()
        if not self._connected or self._write_shut or self._other_gone:
            raise os_error("EPIPE")
        if self._peer is not None:
            self._peer.send(chunk)
        elif self._other is not None:
            self._other._inbox += chunk
        self._network.changed()
        return len(chunk)

    def sendall(self, data: Any, flags: int = 0) -> None:
        """Send all the bytes."""
        self.send(data, flags)

    def sendmsg(self, buffers: Any, ancdata: Any = (), flags: int = 0, address: Any = None) -> int:
        """Send the buffers as one write (ancillary data is not supported and must be empty)."""
        if ancdata:
            raise os_error("EOPNOTSUPP")
        data = b"".join(bytes(memoryview(b)) for b in buffers)
        if address is not None:
            return self.sendto(data, address)
        return self.send(data, flags)

    def sendto(self, data: Any, flags_or_address: Any, address: Any = None) -> int:
        """Send one datagram to an address (on a stream socket: EISCONN, as Linux)."""
        if address is None:
            address = flags_or_address
        chunk = bytes(memoryview(data))
        self._check_open()
        if self._type == SOCK_STREAM:
            raise os_error("EISCONN" if self._connected else "EPIPE")
        host, port = parse_address(self._family, address, binding=False)
        return self._send_datagram(chunk, (host, port))

    def _send_datagram(self, chunk: bytes, destination: tuple[str, int]) -> int:
        host, port = destination
        if not is_local(host):
            raise _unreachable(self._network.remote_names.get(host, host), port)
        host = self._loopback_for(host)
        if self._local is None:
            self._bind(WILDCARD[self._family], 0)
        assert self._local is not None
        target = self._find(SOCK_DGRAM, host, port, listening=False)
        if target is not None:  # else lost, as a datagram to a closed port is
            sender = self._source_host(host)
            if target._family == AF_INET6 and self._family == AF_INET:
                sender = "::ffff:" + sender
            target._datagrams.append((chunk, format_address(target._family, sender, self._local[1])))
            self._network.changed()
        return len(chunk)

    def shutdown(self, how: int) -> None:
        """End reading (SHUT_RD), writing (SHUT_WR: the other end reads b"") or both (SHUT_RDWR)."""
        self._check_open()
        if how not in (0, 1, 2):
            raise os_error("EINVAL")
        if not self._connected:
            raise os_error("ENOTCONN")
        if how != 0 and not self._write_shut:
            self._write_shut = True
            if self._peer is not None:
                self._peer.shutdown_write()
            elif self._other is not None:
                self._other._read_eof = True
        if how != 1:
            self._read_eof = True
        self._network.changed()

    # --- closing -------------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the socket (once the files of makefile() are closed too): the other end reads b""."""
        self._closed = True
        if self._io_refs <= 0:
            self._real_close()

    def _real_close(self) -> None:
        network = self._network
        if self._fd >= 0:
            network.sockets.pop(self._fd, None)
        self._fd = -1
        if self._local is not None:
            network.ports.release(self, self._type, self._local[1])
        for pending in self._backlog:
            # Connections nobody accepted are reset, as the kernel does when the listener closes.
            pending._real_close()
            if pending._other is not None:
                pending._other._reset = True
        self._backlog.clear()
        self._listening = False
        other, self._other = self._other, None
        if other is not None:
            other._read_eof = True
            other._other_gone = True
            if self._inbox:  # unread bytes: Linux answers with a reset
                other._reset = True
            other._other = None
        peer, self._peer = self._peer, None
        if peer is not None:
            peer.close()
        self._inbox.clear()
        self._connected = False
        network.changed()

    def detach(self) -> int:
        """Close the socket object without closing its descriptor; the descriptor."""
        self._closed = True
        return self._fd

    def _check_open(self) -> None:
        if self._fd < 0:
            raise os_error("EBADF")

    # CPython's own code for these, which only calls the socket's public methods.
    __enter__ = _RealSocket.__enter__
    __exit__ = _RealSocket.__exit__
    __repr__ = _RealSocket.__repr__
    __getstate__ = _RealSocket.__getstate__
    makefile = _RealSocket.makefile
    _decref_socketios = _RealSocket._decref_socketios
    sendfile = _RealSocket.sendfile
    _sendfile_use_sendfile = _RealSocket._sendfile_use_sendfile
    _sendfile_use_send = _RealSocket._sendfile_use_send
    _check_sendfile_params = _RealSocket._check_sendfile_params


# Shown, printed and pickled as CPython's (`<socket.socket fd=1000, family=2, type=1, proto=0, ...>`).
MemorySocket.__name__ = MemorySocket.__qualname__ = "socket"
MemorySocket.__module__ = "socket"


def socketpair(family: int | None = None, type: int = SOCK_STREAM, proto: int = 0) -> tuple[MemorySocket, MemorySocket]:
    """Two sockets connected to each other (AF_UNIX unless another family is asked for)."""
    family = AF_UNIX if family is None else family
    if type != SOCK_STREAM:
        raise os_error("EOPNOTSUPP")
    a = MemorySocket(family, type, proto)
    b = MemorySocket(family, type, proto)
    if family != AF_UNIX:
        for sock in (a, b):
            sock._bind(_LOOPBACK[family], 0)
    a._other, b._other = b, a
    a._connected = b._connected = True
    a._remote, b._remote = b._local or ("", 0), a._local or ("", 0)
    return a, b
