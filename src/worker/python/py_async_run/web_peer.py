"""The other end of a connection to a host on the web: an HTTP/1.1 server played with the browser's fetch.

A page cannot open sockets, but a program's socket to `example.com:443` can still talk HTTP: the socket layer
asks `connect_remote(host, port)` for a peer, and every request the library writes into the socket is sent
with fetch (the worker's http-fetch.ts), its answer written back as the bytes a server would send, streamed
as it arrives. One request at a time, in order, as HTTP/1.1 keep-alive connections work; `Connection: close`
ends the stream after its answer. When the browser refuses a request (CORS, mixed content, the page's
Content Security Policy, offline), the connection fails as a reset one would, and the run gets a note for
its tip.

The peer calls the socket layer's `on_data` from JavaScript callbacks, outside any Python step, with bytes,
b"" for the end of the stream, or the OSError the program's next read raises (net/network.py's `Peer`); it
must only record and wake the loop.
"""

from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from . import state, web_tls
from .web_http import (
    LAST_CHUNK,
    BadRequest,
    Request,
    RequestReader,
    ResponseFraming,
    frame_chunk,
    response_head,
)

__all__ = ["HttpPeer", "connect_remote", "refusal_message"]

# What the peer hands fetch: method, url, headers (pairs), body (bytes or None).
FetchRequest = dict[str, Any]


class FetchSink(Protocol):
    """What a fetch reports, in order: head, data (any number), then end or error."""

    def head(self, status: int, reason: str, headers: list[tuple[str, str]]) -> None: ...
    def data(self, chunk: bytes) -> None: ...
    def end(self) -> None: ...
    def error(self, kind: str, message: str) -> None: ...


# Starts one fetch and returns what cancels it (aborts the fetch; the sink hears nothing more).
Fetch = Callable[[FetchRequest, FetchSink], Callable[[], None]]

# Linux's ECONNRESET, which CPython's messages show ("[Errno 104] Connection reset by peer"); Emscripten's
# errno module numbers it 15.
_ECONNRESET = 104

# Why the browser refused a request (http-fetch.ts classifies), in the sentence a reset connection carries.
_REFUSALS = {
    "cors": "the host's answer has no CORS headers allowing this page to read it",
    "mixed-content": "an https page may not fetch http URLs (mixed content)",
    "csp": "the page's Content Security Policy (connect-src) does not allow this host",
    "offline": "the browser is offline",
    "network": "the host could not be reached",
}


def refusal_message(kind: str, url: str) -> str:
    """The OSError's text for a request to `url` the browser refused for reason `kind`."""
    return f"the browser refused to fetch {url}: {_REFUSALS.get(kind, kind)}"


class HttpPeer:
    """A connection's other end that answers each HTTP request with a fetch of the same URL."""

    def __init__(self, host: str, port: int, fetch: Fetch) -> None:
        self.host = host
        self.port = port
        # Port 443 speaks TLS, so the URL is https; use_tls() says so for other ports (ssl= given).
        self.scheme = "https" if port == 443 else "http"
        # Set by the socket layer before the library writes: bytes (b"" = end of stream) or an OSError to raise.
        self.on_data: Callable[[bytes | OSError], None] | None = None
        self._fetch = fetch
        self._reader = RequestReader()
        self._waiting: deque[tuple[Request, int | None]] = deque()
        self._cancel: Callable[[], None] | None = None  # the fetch in flight
        self._write_closed = False
        self._closed = False

    def use_tls(self) -> None:
        """The program wrapped this connection in TLS: fetch the https URL (fetch does the TLS)."""
        self.scheme = "https"

    def send(self, data: bytes) -> None:
        """Bytes the library wrote: start a fetch for each request they complete."""
        if self._closed or self._write_closed:
            return
        line = state.user_line() if state.current is not None else None
        try:
            requests = self._reader.feed(bytes(data))
        except BadRequest as exc:
            self._answer_bad_request(str(exc))
            return
        self._waiting.extend((request, line) for request in requests)
        self._start_next()

    def shutdown_write(self) -> None:
        """The library will write no more: after the answers still owed, the stream ends."""
        self._write_closed = True
        if self._cancel is None and not self._waiting:
            self._end_stream()

    def close(self) -> None:
        """The socket is closed (or the run is over): abort the fetch in flight, answer nothing more."""
        self._closed = True
        self._waiting.clear()
        cancel, self._cancel = self._cancel, None
        if cancel is not None:
            cancel()

    def url_of(self, request: Request) -> str:
        """The URL a request names: its target with this connection's scheme, host and port."""
        if "://" in request.target:  # absolute form, as written to proxies
            return request.target
        default = 443 if self.scheme == "https" else 80
        authority = self.host if self.port == default else f"{self.host}:{self.port}"
        if ":" in self.host and not self.host.startswith("["):
            authority = f"[{self.host}]" if self.port == default else f"[{self.host}]:{self.port}"
        return f"{self.scheme}://{authority}{request.target}"

    def _start_next(self) -> None:
        if self._cancel is not None or self._closed:
            return
        if not self._waiting:
            if self._write_closed:
                self._end_stream()
            return
        request, line = self._waiting.popleft()
        url = self.url_of(request)
        fetch_request: FetchRequest = {
            "method": request.method,
            "url": url,
            "headers": request.headers,
            "body": request.body if request.body or request.method not in ("GET", "HEAD") else None,
        }
        exchange = _Exchange(self, request, url, line)
        self._cancel = lambda: None  # in flight (a synchronous answer may come before fetch returns)
        cancel = self._fetch(fetch_request, exchange)
        if self._cancel is not None and not exchange.over:
            self._cancel = cancel

    def _answer_bad_request(self, reason: str) -> None:
        body = f"Bad request: {reason}\n".encode()
        self._emit(
            b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
            b"Connection: close\r\n\r\n%s" % (len(body), body)
        )
        self._end_stream()

    def _emit(self, data: bytes) -> None:
        if not self._closed and self.on_data is not None:
            self.on_data(data)

    def _end_stream(self) -> None:
        if not self._closed and self.on_data is not None:
            self.on_data(b"")
        self._closed = True

    def _fail(self, error: OSError) -> None:
        """The connection breaks: the program's next read raises `error`."""
        if not self._closed and self.on_data is not None:
            self.on_data(error)
        self._closed = True

    def _exchange_over(self, close: bool) -> None:
        self._cancel = None
        if close:
            self._end_stream()
        else:
            self._start_next()


class _Exchange:
    """One request's answer on its way back: frames what fetch reports as the bytes a server sends."""

    def __init__(self, peer: HttpPeer, request: Request, url: str, line: int | None) -> None:
        self.peer = peer
        self.request = request
        self.url = url
        self.line = line
        self.framing: str | None = None
        self.close = request.close
        self.over = False

    def head(self, status: int, reason: str, headers: list[tuple[str, str]]) -> None:
        if self.over:
            return
        head, self.framing = response_head(self.request, status, reason, headers, close=self.close)
        self.close = self.close or self.framing == ResponseFraming.CLOSE
        self.peer._emit(head)

    def data(self, chunk: bytes) -> None:
        if self.over or not chunk or self.framing == ResponseFraming.NONE:
            return
        self.peer._emit(frame_chunk(chunk) if self.framing == ResponseFraming.CHUNKED else chunk)

    def end(self) -> None:
        if self.over:
            return
        self.over = True
        if self.framing == ResponseFraming.CHUNKED:
            self.peer._emit(LAST_CHUNK)
        self.peer._exchange_over(self.close)

    def error(self, kind: str, message: str) -> None:
        if self.over:
            return
        self.over = True
        self.peer._cancel = None
        if self.framing is not None or kind == "broken":
            # The answer broke off midway: the library sees a connection reset, as with a server.
            self.peer._fail(ConnectionResetError(_ECONNRESET, f"Connection reset by peer ({message})"))
            return
        if state.current is not None:
            state.current.note({"kind": "http-refused", "reason": kind, "name": self.url, "line": self.line})
        self.peer._fail(ConnectionResetError(_ECONNRESET, refusal_message(kind, self.url)))


def connect_remote(host: str, port: int) -> HttpPeer | None:
    """The peer of a new connection to `host`:`port` off this machine (see net.set_remote_connector).

    Ports 80 and 443 are the web's, and a host map (`configure({ hosts })`) may name any other `host:port`;
    None (the socket layer's "Network is unreachable") for the rest, which no fetch could speak to. TLS asked
    for on the connection only changes the URL's scheme (see web_tls.py). Called during runs, when the
    runtime's package cannot be imported from: what it needs came with this module.
    """
    if state.hooks is None or not state.hooks.webReaches(host, port):
        return None
    web_tls.install()
    return HttpPeer(host, port, _browser_fetch)


def _browser_fetch(request: FetchRequest, sink: FetchSink) -> Callable[[], None]:
    """Starts `request` with the worker's fetch (hooks.httpFetch, see http-fetch.ts); returns what aborts it.

    The JavaScript side owns the proxy of `report`: it destroys it after the last event or an abort.
    """
    from pyodide.ffi import create_proxy, to_js

    from js import Object

    def report(event: str, *args: Any) -> None:
        if event == "head":
            status, reason, headers = args
            sink.head(int(status), str(reason), [(str(k), str(v)) for k, v in headers.to_py()])
        elif event == "data":
            sink.data(args[0].to_bytes())
        elif event == "end":
            sink.end()
        else:
            sink.error(str(args[0]), str(args[1]))

    handle = state.hooks.httpFetch(to_js(request, dict_converter=Object.fromEntries), create_proxy(report))
    return lambda: handle.abort()
