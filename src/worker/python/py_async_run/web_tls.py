"""TLS over a connection to the web: fetch does the real TLS, so the program's TLS layer passes bytes through.

Pyodide's `ssl` is a stub (its `wrap_bio` raises NotImplementedError; its `wrap_socket` wants a Node socket).
A program's `open_connection(host, 443, ssl=True)`, aiohttp's and httpx's https, `http.client.HTTPSConnection`
and `ssl.create_default_context().wrap_socket(sock)` all go through one of those two, so `install()` gives
`SSLContext` both: `wrap_bio` returns a `PlainSSLObject` (what asyncio's sslproto drives: the handshake is
already done, reads and writes copy between the two memory BIOs), and `wrap_socket` of a socket whose peer
is an `HttpPeer` (web_peer.py, known by its `use_tls`) returns a `PlainSSLSocket` around it. Either way the peer fetches the https URL, and the
browser has verified the host's certificate: the certificate Python is shown names the host and nothing
else (the browser does not hand out the real one).
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import ssl

# `ssl` is imported by install(), on the first connection to the web, not with the runtime: few programs
# need it, and it is not in the start-up standard library.

__all__ = ["PlainSSLObject", "PlainSSLSocket", "install", "use_tls"]

# What ssl.SSLObject.version() says: every browser speaks TLS 1.2 or 1.3 and does not say which.
_VERSION = "TLSv1.3"
_installed = False


def _certificate(hostname: str | None) -> dict[str, Any]:
    """The certificate the browser vouched for, as `getpeercert()` shows one: it names the host."""
    if not hostname:
        return {}
    return {"subject": ((("commonName", hostname),),), "subjectAltName": (("DNS", hostname),)}


def _web_peer(sock: Any) -> Any:
    """The HttpPeer behind `sock`, or None (a loopback socket, or none of ours)."""
    peer = getattr(sock, "_peer", None)
    return peer if callable(getattr(peer, "use_tls", None)) else None


def use_tls(sock: Any) -> None:
    """Fetch https URLs on `sock`'s connection, if its peer is on the web (asyncio's ssl transports call it)."""
    peer = _web_peer(sock)
    if peer is not None:
        peer.use_tls()


class _SecuredByBrowser:
    """What an SSL object or socket reports about its TLS, which the browser's fetch did: a certificate that
    names the host, TLS 1.3, and nothing else to say (no cipher, ALPN, chain, or buffered bytes)."""

    server_hostname: str | None

    def getpeercert(self, binary_form: bool = False) -> Any:
        return None if binary_form else _certificate(self.server_hostname)

    def version(self) -> str:
        return _VERSION

    def pending(self) -> int:
        return 0

    def cipher(self) -> None:
        return None

    def shared_ciphers(self) -> None:
        return None

    def compression(self) -> None:
        return None

    def selected_alpn_protocol(self) -> None:
        return None

    def selected_npn_protocol(self) -> None:
        return None

    def get_channel_binding(self, cb_type: str = "tls-unique") -> None:
        return None

    def get_verified_chain(self) -> list[Any]:
        return []

    def get_unverified_chain(self) -> list[Any]:
        return []


class PlainSSLObject(_SecuredByBrowser):
    """An `ssl.SSLObject` whose TLS is the browser's: bytes pass between the memory BIOs unchanged."""

    def __init__(
        self,
        context: ssl.SSLContext,
        incoming: ssl.MemoryBIO,
        outgoing: ssl.MemoryBIO,
        server_side: bool,
        server_hostname: str | None,
    ) -> None:
        self.context = context
        self.server_side = server_side
        self.server_hostname = server_hostname
        self.session = None
        self.session_reused = False
        self._incoming = incoming
        self._outgoing = outgoing

    def do_handshake(self) -> None:
        """Nothing to agree: the browser's connection is already secure."""

    def read(self, len: int = 1024, buffer: Any = None) -> Any:  # noqa: A002 - ssl's own parameter name
        """Up to `len` bytes received; b"" (0) once the other end closed; SSLWantReadError until more come."""
        import ssl

        data = self._incoming.read(len)
        if not data and not self._incoming.eof:
            raise ssl.SSLWantReadError(ssl.SSL_ERROR_WANT_READ, "The operation did not complete (read)")
        if buffer is None:
            return data
        buffer[: _size(data)] = data
        return _size(data)

    def write(self, data: Any) -> int:
        """Send `data` as it is (the peer is plain HTTP)."""
        return self._outgoing.write(data)

    def unwrap(self) -> None:
        """Nothing to close at the TLS level: closing the connection is enough."""













def _size(data: bytes) -> int:
    """len(), for PlainSSLObject.read, whose parameter `len` (ssl's name) hides the builtin."""
    return len(data)


class PlainSSLSocket(_SecuredByBrowser):
    """An `ssl.SSLSocket` whose TLS is the browser's: the wrapped socket, with what an SSL socket adds."""

    def __init__(self, sock: Any, context: ssl.SSLContext, server_hostname: str | None) -> None:
        self._sock = sock
        self.context = context
        self.server_hostname = server_hostname
        self.server_side = False
        self.session = None
        self.session_reused = False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)

    def __enter__(self) -> "PlainSSLSocket":
        return self

    def __exit__(self, *exc: object) -> None:
        self._sock.close()

    def do_handshake(self, block: bool = False) -> None:
        """Nothing to agree: the browser's connection is already secure."""

    def unwrap(self) -> Any:
        return self._sock







    def read(self, len: int = 1024, buffer: Any = None) -> Any:  # noqa: A002 - ssl's own parameter name
        if buffer is not None:
            return self._sock.recv_into(buffer, len)
        return self._sock.recv(len)

    def write(self, data: bytes) -> int:
        return self._sock.send(data)


def install() -> None:
    """Give Pyodide's `ssl.SSLContext` the pass-through TLS of connections to the web (once)."""
    global _installed
    if _installed:
        return
    _installed = True
    import ssl

    stub_wrap_socket = ssl.SSLContext.wrap_socket

    def wrap_bio(
        self: ssl.SSLContext,
        incoming: ssl.MemoryBIO,
        outgoing: ssl.MemoryBIO,
        server_side: bool = False,
        server_hostname: str | None = None,
        session: Any = None,
    ) -> PlainSSLObject:
        return PlainSSLObject(self, incoming, outgoing, server_side, server_hostname)

    def wrap_socket(self: ssl.SSLContext, sock: Any, *args: Any, **kwargs: Any) -> Any:
        peer = _web_peer(sock)
        if peer is None:
            return stub_wrap_socket(self, sock, *args, **kwargs)
        peer.use_tls()
        hostname = kwargs.get("server_hostname", args[3] if len(args) > 3 else None)
        return PlainSSLSocket(sock, self, hostname)

    ssl.SSLContext.wrap_bio = wrap_bio  # type: ignore[method-assign]
    ssl.SSLContext.wrap_socket = wrap_socket  # type: ignore[method-assign]

    # asyncio's `ssl=` (open_connection, create_connection, start_tls) makes its TLS transport here: a
    # connection to a port other than 443 (one a host map names) then fetches https URLs too.
    from asyncio import selector_events

    make_ssl_transport = selector_events.BaseSelectorEventLoop._make_ssl_transport

    def _make_ssl_transport(self: Any, rawsock: Any, *args: Any, **kwargs: Any) -> Any:
        use_tls(rawsock)
        return make_ssl_transport(self, rawsock, *args, **kwargs)

    selector_events.BaseSelectorEventLoop._make_ssl_transport = _make_ssl_transport  # type: ignore[method-assign]
