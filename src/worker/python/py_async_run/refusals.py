"""What a browser cannot do for an event loop: processes, Unix socket files, threads, signals.

Each is met where the author's code asks for it, as CPython meets a platform without it: subprocesses and
Unix socket files fail at the author's line with CPython's NotImplementedError and one clear sentence (not
deep inside asyncio), a function for a thread pool runs in a green thread (threads.py; on this thread where
there is no stack switching), and a signal handler is kept but never called. Network sockets are not refused:
the run's in-memory network (net/) serves them.
"""

import signal
from asyncio import coroutines, events, futures
from collections.abc import Callable, Coroutine
from typing import Any, NoReturn

from . import state
from .waits import can_run_sync

__all__ = ["BrowserRefusals"]

_NO_SUBPROCESS = "subprocesses cannot run in a browser: WebAssembly has no processes to start"
_NO_UNIX_SOCKETS = (
    "Unix socket files cannot be made in a browser; use a loopback address such as ('127.0.0.1', 8888), "
    "or socket.socketpair()"
)


def _unavailable(message: str) -> Callable[..., Coroutine[Any, Any, NoReturn]]:
    async def refuse(self: Any, *args: Any, **kwargs: Any) -> NoReturn:
        raise NotImplementedError(message)

    return refuse


class BrowserRefusals:
    """The loop methods a browser cannot back, for PageLoop to inherit ahead of `BaseEventLoop`."""

    def add_signal_handler(self, sig: int, callback: Callable[..., object], *args: Any) -> None:
        """Accept a handler as CPython's Unix loop does; a browser never delivers signals, so it never runs."""
        if coroutines.iscoroutine(callback) or coroutines._iscoroutinefunction(callback):
            raise TypeError("coroutines cannot be used with add_signal_handler()")
        self._check_closed()
        signal.Signals(sig)  # ValueError for an invalid signal number, as in CPython
        self._signal_handlers[sig] = events.Handle(callback, args, self, None)

    def remove_signal_handler(self, sig: int) -> bool:
        """Forget the handler of `sig`; True when there was one, as in CPython's Unix loop."""
        return self._signal_handlers.pop(sig, None) is not None

    def run_in_executor(self, executor: Any, func: Callable[..., Any], *args: Any) -> futures.Future:
        """CPython's: `func` runs in a thread of the executor (green threads, see threads.py); without stack
        switching, on this thread at the next loop iteration."""
        if can_run_sync():
            return super().run_in_executor(executor, func, *args)  # type: ignore[misc]
        self._check_closed()
        if self._debug:
            self._check_callback(func, "run_in_executor")
        future = self.create_future()
        if state.current is not None:
            state.current.note({"kind": "thread-inline", "line": state.user_line()})

        def call() -> None:
            if future.cancelled():
                return
            try:
                result = func(*args)
            except (SystemExit, KeyboardInterrupt):
                raise
            except BaseException as exc:
                future.set_exception(exc)
            else:
                future.set_result(result)

        self.call_soon(call)
        return future


for _name in ("subprocess_exec", "subprocess_shell"):
    setattr(BrowserRefusals, _name, _unavailable(_NO_SUBPROCESS))
for _name in ("create_unix_connection", "create_unix_server"):
    setattr(BrowserRefusals, _name, _unavailable(_NO_UNIX_SOCKETS))
del _name
