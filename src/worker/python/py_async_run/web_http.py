"""HTTP/1.1 on the wire, for a connection whose other end is the browser's fetch (see web_peer.py).

A client library (aiohttp, httpx, http.client, hand-written bytes) writes requests into its socket: the
`RequestReader` finds each whole request in those bytes (request line, headers, a body framed by
Content-Length or chunked, several on one keep-alive connection). The answer goes back as the bytes a server
would send: `response_head` writes the status line and the headers fetch let through, framed honestly for a
body that fetch has already decoded, and `frame_chunk` / `LAST_CHUNK` frame that body as it arrives.
Pure: no JavaScript, so CPython runs it in the tests as it is.
"""

from dataclasses import dataclass
from http import HTTPStatus

__all__ = [
    "LAST_CHUNK",
    "BadRequest",
    "Request",
    "RequestReader",
    "ResponseFraming",
    "frame_chunk",
    "response_head",
]

# A request head larger than this is refused, as servers do (nginx's default large header buffers: 4 x 8 KB).
_MAX_HEAD = 64 * 1024
_CRLF = b"\r\n"
LAST_CHUNK = b"0\r\n\r\n"

# Headers that describe the connection or a framing that no longer holds once fetch has decoded the body:
# the response writes its own (RFC 9110 7.6.1; Content-Encoding and Content-Length describe the bytes on the
# wire, which Python never sees).
_FRAMING = frozenset({"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding"})


class BadRequest(ValueError):
    """The bytes written are not an HTTP/1.1 request (answered with 400 and the connection closed)."""


@dataclass
class Request:
    """One whole request as the library wrote it."""

    method: str
    target: str
    version: str
    headers: list[tuple[str, str]]
    body: bytes = b""
    # The library asked to close the connection after this exchange (or spoke HTTP/1.0 without keep-alive).
    close: bool = False

    def header(self, name: str) -> str | None:
        """The value of header `name` (any case), or None; repeated headers joined with ", "."""
        values = [value for key, value in self.headers if key.lower() == name]
        return ", ".join(values) if values else None


class RequestReader:
    """Finds whole requests in the bytes a client writes, however they are split."""

    def __init__(self) -> None:
        self._buffer = bytearray()
        self._head: Request | None = None  # a request whose head is read, waiting for its body
        self._body_left = 0  # bytes of a Content-Length body still to come
        self._chunked = False
        self._chunks = bytearray()

    def feed(self, data: bytes) -> list[Request]:
        """Add the bytes `data`; return the requests they complete, in order. Raises BadRequest."""
        self._buffer += data
        done: list[Request] = []
        while True:
            request = self._next()
            if request is None:
                return done
            done.append(request)

    @property
    def idle(self) -> bool:
        """No request is partly written (a close now loses nothing)."""
        return self._head is None and not self._buffer

    def _next(self) -> Request | None:
        if self._head is None:
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self._buffer) > _MAX_HEAD:
                    raise BadRequest("request head too large")
                return None
            # Clients may send empty lines before a request (RFC 9112 2.2): skip them.
            head = bytes(self._buffer[:end]).lstrip(_CRLF)
            del self._buffer[: end + 4]
            if not head:
                return self._next()
            self._head = _parse_head(head)
            self._start_body(self._head)
        request = self._head
        if self._chunked:
            if not self._read_chunks():
                return None
            request.body = bytes(self._chunks)
            self._chunks.clear()
        else:
            if len(self._buffer) < self._body_left:
                return None
            request.body = bytes(self._buffer[: self._body_left])
            del self._buffer[: self._body_left]
        self._head = None
        self._chunked = False
        self._body_left = 0
        return request

    def _start_body(self, request: Request) -> None:
        coding = request.header("transfer-encoding")
        length = request.header("content-length")
        if coding is not None:
            if coding.lower().replace(" ", "").split(",")[-1] != "chunked":
                raise BadRequest(f"unsupported Transfer-Encoding: {coding}")
            self._chunked = True
        elif length is not None:
            if not length.strip().isdigit():
                raise BadRequest(f"bad Content-Length: {length}")
            self._body_left = int(length)

    def _read_chunks(self) -> bool:
        """Move whole chunks from the buffer to the body; True once the last chunk and trailers are read."""
        while True:
            line_end = self._buffer.find(_CRLF)
            if line_end < 0:
                return False
            size_text = bytes(self._buffer[:line_end]).split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise BadRequest(f"bad chunk size: {size_text!r}") from None
            if size == 0:
                # The last chunk, then trailers (ignored) up to an empty line.
                trailers_end = self._buffer.find(b"\r\n\r\n", line_end)
                if trailers_end == line_end:
                    del self._buffer[: line_end + 4]
                    return True
                if trailers_end < 0:
                    return False
                del self._buffer[: trailers_end + 4]
                return True
            start = line_end + 2
            if len(self._buffer) < start + size + 2:
                return False
            self._chunks += self._buffer[start : start + size]
            del self._buffer[: start + size + 2]


def _parse_head(head: bytes) -> Request:
    try:
        text = head.decode("latin-1")
    except UnicodeDecodeError:  # pragma: no cover - latin-1 decodes every byte
        raise BadRequest("undecodable request head") from None
    lines = text.split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        raise BadRequest(f"bad request line: {lines[0]!r}")
    method, target, version = parts
    headers: list[tuple[str, str]] = []
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        if not colon or not name or name != name.strip():
            raise BadRequest(f"bad header line: {line!r}")
        headers.append((name, value.strip()))
    request = Request(method, target, version, headers)
    connection = (request.header("connection") or "").lower()
    request.close = "close" in connection or (version == "HTTP/1.0" and "keep-alive" not in connection)
    return request


class ResponseFraming:
    """How a response's body is delimited: a known length, chunks, none, or the connection's end."""

    LENGTH = "length"
    CHUNKED = "chunked"
    NONE = "none"
    CLOSE = "close"


def response_head(
    request: Request,
    status: int,
    reason: str,
    headers: list[tuple[str, str]],
    *,
    close: bool,
) -> tuple[bytes, str]:
    """The status line and headers of the answer to `request`, and how its body is framed (ResponseFraming).

    `headers` are those fetch exposes. The body fetch hands over is decoded, so Content-Encoding goes, and
    Content-Length stays only when there was no encoding (then it still counts the bytes Python gets);
    otherwise HTTP/1.1 gets chunks and HTTP/1.0 the connection's end. HTTP/2 and 3 carry no reason phrase:
    then the status's standard one is written, as an HTTP/1.1 server would.
    """
    if not reason:
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = ""
    names = {name.lower(): value for name, value in headers}
    kept = [(name, value) for name, value in headers if name.lower() not in _FRAMING]
    bodiless = request.method == "HEAD" or status in (204, 304) or 100 <= status < 200
    length = names.get("content-length")
    if bodiless:
        framing = ResponseFraming.NONE
        if length is not None and "content-encoding" not in names and request.method == "HEAD":
            kept.append(("Content-Length", length))
    elif length is not None and "content-encoding" not in names:
        framing = ResponseFraming.LENGTH
        kept.append(("Content-Length", length))
    elif request.version == "HTTP/1.1":
        framing = ResponseFraming.CHUNKED
        kept.append(("Transfer-Encoding", "chunked"))
    else:
        framing = ResponseFraming.CLOSE
        close = True
    if close:
        kept.append(("Connection", "close"))
    elif request.version == "HTTP/1.0":
        kept.append(("Connection", "keep-alive"))
    lines = [f"HTTP/1.1 {status} {reason}".rstrip(" ")]
    lines += [f"{name}: {value}" for name, value in kept]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace"), framing


def frame_chunk(data: bytes) -> bytes:
    """`data` as one chunk of a chunked body (never empty: an empty chunk would end the body)."""
    return b"%x\r\n%s\r\n" % (len(data), data)
