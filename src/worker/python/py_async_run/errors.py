"""Uncaught exceptions as CPython reports them, without the runtime's own frames."""

import os
import traceback
from typing import TypedDict

__all__ = ["ErrorInfo", "describe_error"]

# The folder the worker puts this package in (its parent, on sys.path), found from here rather than named twice.
_RUNTIME_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + "/"
_INTERNAL_PARTS = (_RUNTIME_DIR, "/lib/python314.zip/_pyodide/", "/lib/python314.zip/pyodide/", "<exec>")


class ErrorInfo(TypedDict):
    """An uncaught exception as the page shows it (`PythonErrorInfo` in protocol.ts)."""

    type: str
    message: str
    summary: str
    line: int | None
    traceback: str
    # An exception group's own exceptions, each as CPython's last traceback line ("ValueError: bad"): what the
    # page's status names, since the group's summary says only how many there were.
    subExceptions: list[str]


def _keep_frame(summary: traceback.FrameSummary) -> bool:
    return not any(part in summary.filename for part in _INTERNAL_PARTS)


def _filter_stack(te: traceback.TracebackException, filename: str, edited_lines: frozenset[int]) -> None:
    kept = []
    for frame in te.stack:
        if not _keep_frame(frame):
            continue
        if frame.filename == filename and frame.lineno in edited_lines:
            # Columns are those of the rewritten line; carets under the author's line would point astray.
            frame.colno = frame.end_colno = None
        kept.append(frame)
    te.stack = traceback.StackSummary.from_list(kept)
    for child in (te.__cause__, te.__context__):
        if child is not None:
            _filter_stack(child, filename, edited_lines)
    for child in getattr(te, "exceptions", None) or ():
        _filter_stack(child, filename, edited_lines)


def _innermost_line(exc: BaseException, filename: str) -> int | None:
    """The last line of the author's file that CPython's printed traceback would show for exc."""
    line = None
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    if isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        inner = _innermost_line(exc.exceptions[-1], filename)
        if inner is not None:
            line = inner
    if isinstance(exc, SyntaxError) and exc.filename == filename and exc.lineno:
        line = exc.lineno
    return line


def _summary(exc: BaseException) -> str:
    """CPython's final traceback line for exc, without the notes `format_exception_only` adds after it."""
    notes = getattr(exc, "__notes__", None)
    try:
        if notes is not None:
            del exc.__notes__
        lines = traceback.format_exception_only(exc)
    finally:
        if notes is not None:
            exc.__notes__ = notes
    return lines[-1].rstrip("\n") if lines else type(exc).__qualname__


def describe_error(exc: BaseException, filename: str, edited_lines: frozenset[int] = frozenset()) -> ErrorInfo:
    """Type, message, CPython's final traceback line, the author's line and a traceback without our frames."""
    te = traceback.TracebackException.from_exception(exc)
    _filter_stack(te, filename, edited_lines)
    cls = type(exc)
    qualname = cls.__qualname__
    module = cls.__module__
    type_name = qualname if module in ("builtins", "__main__") else f"{module}.{qualname}"
    return {
        "type": type_name,
        "message": str(exc),
        "summary": _summary(exc),
        "line": _innermost_line(exc, filename),
        "traceback": "".join(te.format()),
        "subExceptions": [_summary(sub) for sub in (exc.exceptions if isinstance(exc, BaseExceptionGroup) else ())],
    }
