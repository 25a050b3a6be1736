"""Socket errors with the numbers and words CPython shows on Linux.

Pyodide's C library numbers errors its own way (ECONNREFUSED is 14 there, 111 on Linux), and OSError(n, ...)
picks its subclass from that numbering, so the in-memory network builds each error with its Linux number
and its subclass explicitly: programs print `[Errno 111] Connection refused` as they would on a server.
During a run the `errno` module's socket names carry the same numbers (see `LINUX_ERRNO`), so a program
comparing `exc.errno == errno.ECONNREFUSED` still matches.
"""

__all__ = ["LINUX_ERRNO", "os_error"]

# name -> (Linux number, strerror, OSError subclass or None for OSError itself)
_ERRORS: dict[str, tuple[int, str, type[OSError]]] = {
    "EPIPE": (32, "Broken pipe", BrokenPipeError),
    "EAGAIN": (11, "Resource temporarily unavailable", BlockingIOError),
    "EINVAL": (22, "Invalid argument", OSError),
    "EBADF": (9, "Bad file descriptor", OSError),
    "EADDRINUSE": (98, "Address already in use", OSError),
    "EADDRNOTAVAIL": (99, "Cannot assign requested address", OSError),
    "EAFNOSUPPORT": (97, "Address family not supported by protocol", OSError),
    "ENETUNREACH": (101, "Network is unreachable", OSError),
    "ECONNRESET": (104, "Connection reset by peer", ConnectionResetError),
    "EISCONN": (106, "Transport endpoint is already connected", OSError),
    "ENOTCONN": (107, "Transport endpoint is not connected", OSError),
    "EDESTADDRREQ": (89, "Destination address required", OSError),
    "EOPNOTSUPP": (95, "Operation not supported", OSError),
    "ETIMEDOUT": (110, "Connection timed out", TimeoutError),
    "ECONNREFUSED": (111, "Connection refused", ConnectionRefusedError),
    "EALREADY": (114, "Operation already in progress", BlockingIOError),
    "EINPROGRESS": (115, "Operation now in progress", BlockingIOError),
}

# The `errno` names set to Linux numbers for the length of a run (EWOULDBLOCK is EAGAIN on Linux).
LINUX_ERRNO: dict[str, int] = {name: number for name, (number, _, _) in _ERRORS.items()}
LINUX_ERRNO["EWOULDBLOCK"] = LINUX_ERRNO["EAGAIN"]

_BY_NUMBER = {number: (words, kind) for number, words, kind in _ERRORS.values()}


def os_error(name_or_number: str | int, message: str | None = None) -> OSError:
    """The OSError CPython raises on Linux for this error: `os_error("ECONNREFUSED")` is
    `ConnectionRefusedError(111, 'Connection refused')`; a message replaces the words (asyncio's
    "Connect call failed ...")."""
    number = name_or_number if isinstance(name_or_number, int) else _ERRORS[name_or_number][0]
    words, kind = _BY_NUMBER.get(number, (f"Unknown error {number}", OSError))
    return kind(number, words if message is None else message)
