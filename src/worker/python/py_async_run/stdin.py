"""input() and sys.stdin: lines the reader types in a field of the page."""

import io
import sys

from . import state
from .waits import await_js, can_run_sync, check_interrupt

__all__ = ["PageStdin", "page_input", "read_line"]

_NO_INPUT = (
    "input() needs WebAssembly stack switching or a cross-origin isolated page to wait for the reader's "
    "answer, and this page has neither"
)


def read_line(prompt: object = "") -> str:
    """One line typed by the reader in the page, without its newline; EOFError when they end the input."""
    state.flush_output()
    if can_run_sync():
        line = await_js(lambda: state.hooks.readLine(str(prompt)))
    elif state.hooks.canReadSync():
        # A cross-origin isolated page shares memory with the worker: block until the answer is there.
        line = state.hooks.readLineSync(str(prompt))
        check_interrupt()
    else:
        if state.current is not None:
            state.current.note({"kind": "input-unavailable", "line": state.user_line()})
        raise EOFError(_NO_INPUT)
    if line is None:
        raise EOFError("EOF when reading a line")
    return str(line)


def page_input(prompt: object = "") -> str:
    """`input()` as in a terminal: the prompt goes to stdout, the answer comes from a field in the page."""
    if prompt:
        sys.stdout.write(str(prompt))
    return read_line(prompt)


class PageStdin(io.TextIOBase):
    """`sys.stdin` reading lines the reader types in the page (see page_input)."""

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> str:
        try:
            return read_line() + "\n"
        except EOFError:
            if not can_run_sync():
                raise
            return ""

    def read(self, size: int | None = -1) -> str:
        lines = []
        while True:
            line = self.readline()
            if not line:
                return "".join(lines)
            lines.append(line)

    def isatty(self) -> bool:
        return False
