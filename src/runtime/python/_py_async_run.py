"""Python side of py-async-run: runs one program the way CPython would.

Every program runs on a `PageLoop`, a real `asyncio.BaseEventLoop` (CPython's own scheduling code), not on
Pyodide's WebLoop. The loop never blocks by itself: each wait is handed back to JavaScript as a number of
seconds (`Program.step()` returns it), and JavaScript resumes the program when the time has passed or a
promise has woken the loop. Entry points that the transform rewrote (`await __py_async_run__.call(...)`) are
driven that way. Entry points it could not rewrite (a call inside a decorator's wrapper, say) still run,
because `PageLoop.run_forever()` then performs the same waits in place: with stack switching (JSPI) it
suspends the Python stack; without it the worker blocks (Atomics.wait or a busy wait), which only loses the
ability to wait on JavaScript promises, and the run says so.
"""

import asyncio
import builtins
import gc
import inspect
import io
import linecache
import sys
import time
import traceback
import types
import warnings
import weakref
from asyncio import base_events, coroutines, events, exceptions, futures, tasks

try:  # Pyodide only; the module stays importable in plain CPython for reading.
    from pyodide.ffi import can_run_sync, run_sync
except ImportError:  # pragma: no cover

    def can_run_sync():
        return False

    def run_sync(x):
        raise RuntimeError("no stack switching")


# CPython's own functions, saved before Pyodide's patches are undone below.
_cpython_run = getattr(sys.modules.get("pyodide.webloop"), "_orig_run", asyncio.run)
_cpython_sleep = getattr(sys.modules.get("pyodide.webloop"), "_orig_sleep", time.sleep)

# How long the driver may run ready callbacks before it lets the worker read its messages.
_SLICE_SECONDS = 0.05

_hooks = None  # JavaScript object: sleep(ms) -> Promise, waitSync(ms), wake(), flush()
_current = None  # the Program being run
_web_policy = None  # Pyodide's own event loop policy and loop, which run_sync relies on
_web_loop = None


def install(hooks):
    """Connect the JavaScript hooks; called once when the runtime starts."""
    global _hooks, _web_policy, _web_loop
    _hooks = hooks
    _web_policy = events._get_event_loop_policy()
    _web_loop = _web_policy.get_event_loop()
    builtins.__py_async_run__ = sys.modules[__name__]
    # A terminal line-buffers: each printed line reaches the page before a long computation or a Stop.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(line_buffering=True)
        except Exception:  # noqa: BLE001 - a stream without reconfigure keeps its buffering
            pass


def _suspend(ms):
    """Pause this Python stack until the JavaScript promise `sleep(ms)` settles (stack switching)."""
    return _await_js(lambda: _hooks.sleep(ms))


def _await_js(make_promise):
    """Pause this Python stack until the JavaScript promise `make_promise()` settles; return its value.

    Pyodide turns a promise into a future of the current event loop, and run_sync resumes through it:
    both must happen with Pyodide's own loop and policy current, not the program's PageLoop (whose future
    would never be driven: a hang). So the promise is made inside, not passed in.
    """
    saved = (events._get_running_loop(), events._event_loop_policy)
    events._set_running_loop(_web_loop)
    events._event_loop_policy = _web_policy
    try:
        return run_sync(make_promise())
    finally:
        events._set_running_loop(saved[0])
        events._event_loop_policy = saved[1]


_NO_INPUT = (
    "input() needs WebAssembly stack switching to wait for the reader's answer, and this browser has none"
)


def read_line(prompt=""):
    """One line typed by the reader in the page, without its newline; EOFError when they end the input."""
    _flush_output()
    if not can_run_sync():
        if _current is not None:
            _current.note({"kind": "input-unavailable", "line": _user_line()})
        raise EOFError(_NO_INPUT)
    line = _await_js(lambda: _hooks.readLine(str(prompt)))
    if line is None:
        raise EOFError("EOF when reading a line")
    return str(line)


def page_input(prompt=""):
    """`input()` as in a terminal: the prompt goes to stdout, the answer comes from a field in the page."""
    if prompt:
        sys.stdout.write(str(prompt))
    return read_line(prompt)


class _PageStdin(io.TextIOBase):
    """`sys.stdin` reading lines the reader types in the page (see page_input)."""

    def readable(self):
        return True

    def readline(self, size=-1):
        try:
            return read_line() + "\n"
        except EOFError:
            if not can_run_sync():
                raise
            return ""

    def read(self, size=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return "".join(lines)
            lines.append(line)

    def isatty(self):
        return False


# --------------------------------------------------------------------------------------------------------
# Waiting


WAIT_FOR_WAKE = -2.0
_TOP_LEVEL_AWAIT = 0x2000  # ast.PyCF_ALLOW_TOP_LEVEL_AWAIT


def _flush_output():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    if _hooks is not None:
        _hooks.flush()


def _block(wait, where):
    """Perform one wait in place (blocking mode): the program cannot yield to the driver here."""
    _flush_output()
    if wait is None:
        if can_run_sync():
            _note_blocking(where, "stack-switching")
            _suspend(WAIT_FOR_WAKE * 1000)
            return
        raise RuntimeError(
            "this program waits for the browser (a JavaScript promise or a callback) inside a blocking "
            "event-loop call, which needs WebAssembly stack switching; this browser has none"
        )
    if wait <= 0:
        return
    if can_run_sync():
        _note_blocking(where, "stack-switching")
        _suspend(wait * 1000)
    else:
        _note_blocking(where, "blocked")
        _hooks.waitSync(wait * 1000)


def blocking_sleep(secs):
    """`time.sleep` as CPython has it: the whole program waits, no other task runs meanwhile."""
    if not isinstance(secs, (int, float)):
        return _cpython_sleep(secs)  # raises CPython's own TypeError
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    _flush_output()
    if secs == 0:
        return
    if can_run_sync():
        # Suspends this Python stack only: nothing else of the program can run meanwhile, because the
        # program's loop is being stepped by this very stack.
        _suspend(secs * 1000)
    else:
        _hooks.waitSync(secs * 1000)


def _user_line():
    """The innermost line of the author's program on the current stack, or None."""
    frame = sys._getframe(1)
    filename = _current.filename if _current else None
    while frame is not None:
        if frame.f_code.co_filename == filename:
            return frame.f_lineno
        frame = frame.f_back
    return None


def _note_blocking(where, how):
    if _current is not None:
        _current.note({"kind": "blocking-entry", "how": how, "entry": where, "line": _user_line()})


# --------------------------------------------------------------------------------------------------------
# The loop


class _PageSelector:
    """Stands in for the selector: there is no I/O to poll, so select() never waits itself."""

    def select(self, timeout):
        return []

    def close(self):
        pass


class PageLoop(base_events.BaseEventLoop):
    """A CPython event loop whose waits are performed by the page (see the module docstring)."""

    def __init__(self):
        super().__init__()
        self._selector = _PageSelector()
        self._waiting_for_wake = False
        self._task_order = weakref.WeakKeyDictionary()
        self._signal_handlers = {}
        self._task_serial = 0
        if _current is not None:
            _current.loops.append(self)

    def _process_events(self, event_list):
        pass

    def create_task(self, coro, **kwargs):
        # CPython numbers tasks Task-1, Task-2... per process; here the process outlives the program, so
        # each run numbers its own from 1, as a fresh `python main.py` would. As in 3.11, where
        # asyncio.create_task() named the task after creating it, a named task uses up a number too.
        if self._task_factory is None and _current is not None:
            number = _current.next_task_number()
            if kwargs.get("name") is None:
                kwargs["name"] = f"Task-{number}"
        task = super().create_task(coro, **kwargs)
        self._task_serial += 1
        self._task_order[task] = self._task_serial
        return task

    def tasks_in_creation_order(self):
        """This loop's unfinished tasks, oldest first (see `_TaskSet` for why order matters)."""
        order = self._task_order
        return sorted(tasks.all_tasks(self), key=lambda task: order.get(task, float("inf")))

    def _write_to_self(self):
        self._wake()

    def _wake(self):
        if self._waiting_for_wake and _hooks is not None:
            self._waiting_for_wake = False
            _hooks.wake()

    def call_soon(self, callback, *args, context=None):
        # A JavaScript promise settles outside any step; the driver must learn that the loop has work.
        handle = super().call_soon(callback, *args, context=context)
        if self._waiting_for_wake:
            self._wake()
        return handle

    def run_forever(self):
        """Run until stop() is called, performing each wait in place (the un-rewritten, blocking form)."""
        _exhaust_blocking(_drive_forever(self), "run_forever")

    def run_until_complete(self, future):
        """Run until the future is done, performing each wait in place (the un-rewritten, blocking form)."""
        gen = _drive_until_complete(self, future)
        return _exhaust_blocking(gen, "run_until_complete")

    def add_signal_handler(self, sig, callback, *args):
        """Accept a handler as CPython's Unix loop does; a browser never delivers signals, so it never runs."""
        if coroutines.iscoroutine(callback) or coroutines._iscoroutinefunction(callback):
            raise TypeError("coroutines cannot be used with add_signal_handler()")
        self._check_closed()
        import signal

        signal.Signals(sig)  # ValueError for an invalid signal number, as in CPython
        self._signal_handlers[sig] = events.Handle(callback, args, self, None)

    def remove_signal_handler(self, sig):
        return self._signal_handlers.pop(sig, None) is not None

    def run_in_executor(self, executor, func, *args):
        """Run `func` on this thread at the next loop iteration: a browser worker cannot start threads."""
        self._check_closed()
        if self._debug:
            self._check_callback(func, "run_in_executor")
        future = self.create_future()
        if _current is not None:
            _current.note({"kind": "thread-inline", "line": _user_line()})

        def call():
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


# Programs print their loop (`<_UnixSelectorEventLoop running=False closed=False debug=False>`) or its type;
# show the name CPython shows on Linux and macOS rather than an internal one.
PageLoop.__name__ = PageLoop.__qualname__ = "_UnixSelectorEventLoop"
PageLoop.__module__ = "asyncio.unix_events"


_NO_SUBPROCESS = "subprocesses cannot run in a browser: WebAssembly has no processes to start"
_NO_SOCKETS = (
    "network sockets cannot be opened in a browser; for HTTP, use pyodide.http.pyfetch (await it like any "
    "coroutine)"
)


def _unavailable(message):
    async def refuse(self, *args, **kwargs):
        raise NotImplementedError(message)

    return refuse


# What a browser cannot do fails at the author's line with one clear sentence, not deep inside asyncio.
for _name in ("subprocess_exec", "subprocess_shell"):
    setattr(PageLoop, _name, _unavailable(_NO_SUBPROCESS))
for _name in (
    "create_connection",
    "create_server",
    "create_datagram_endpoint",
    "create_unix_connection",
    "create_unix_server",
    "getaddrinfo",
    "getnameinfo",
    "sock_connect",
    "sock_accept",
    "connect_accepted_socket",
):
    setattr(PageLoop, _name, _unavailable(_NO_SOCKETS))


def _exhaust_blocking(gen, where):
    """Drive a loop generator to its end, performing its waits in place (the blocking form).

    A failed wait is thrown into the generator, so the loop's own cleanup (`finally`) runs, as it would
    in CPython when an exception escapes `run_forever()`.
    """
    error = None
    while True:
        try:
            wait = gen.throw(error) if error is not None else next(gen)
        except StopIteration as stop:
            return stop.value
        error = None
        try:
            _block(wait, where)
        except BaseException as exc:  # noqa: BLE001 - re-raised inside the generator
            error = exc


def _next_wait(loop):
    """Seconds until the loop has work, 0 when it has some now, None when only a wake can give it some."""
    if loop._ready or loop._stopping:
        return 0
    if loop._scheduled:
        return max(0.0, loop._scheduled[0]._when - loop.time())
    return None


def _drive_forever(loop):
    """`BaseEventLoop.run_forever`, as a generator that yields each wait instead of performing it."""
    loop._run_forever_setup()
    hooks = sys.get_asyncgen_hooks()
    try:
        slice_start = time.monotonic()
        while True:
            loop._run_once()
            if loop._stopping:
                break
            wait = _next_wait(loop)
            if wait == 0 and time.monotonic() - slice_start < _SLICE_SECONDS:
                continue
            loop._waiting_for_wake = wait is None
            events._set_running_loop(None)
            try:
                yield wait
            finally:
                loop._waiting_for_wake = False
                # With stack switching each call may run on a thread state of its own: claim it again.
                events._set_running_loop(loop)
                sys.set_asyncgen_hooks(*hooks)
            slice_start = time.monotonic()
    finally:
        loop._run_forever_cleanup()


def _drive_until_complete(loop, future):
    """`BaseEventLoop.run_until_complete`, as a generator (see `_drive_forever`)."""
    loop._check_closed()
    loop._check_running()
    new_task = not futures.isfuture(future)
    future = tasks.ensure_future(future, loop=loop)
    if new_task:
        future._log_destroy_pending = False
    # CPython's own callback, so a printed task shows `cb=[_run_until_complete_cb() at .../base_events.py]`.
    future.add_done_callback(base_events._run_until_complete_cb)
    try:
        yield from _drive_forever(loop)
    except:  # noqa: E722 - mirrors CPython, which consumes the exception of a finished task
        if new_task and future.done() and not future.cancelled():
            future.exception()
        raise
    finally:
        future.remove_done_callback(base_events._run_until_complete_cb)
    if not future.done():
        raise RuntimeError("Event loop stopped before Future completed.")
    return future.result()


def _drive_cancel_all_tasks(loop):
    to_cancel = loop.tasks_in_creation_order() if isinstance(loop, PageLoop) else tasks.all_tasks(loop)
    if not to_cancel:
        return
    for task in to_cancel:
        task.cancel()
    yield from _drive_until_complete(loop, tasks.gather(*to_cancel, return_exceptions=True))
    for task in to_cancel:
        if task.cancelled():
            continue
        if task.exception() is not None:
            loop.call_exception_handler(
                {
                    "message": "unhandled exception during asyncio.run() shutdown",
                    "exception": task.exception(),
                    "task": task,
                }
            )


_cpython_cancel_all_tasks = asyncio.runners._cancel_all_tasks


def _cancel_all_tasks_in_order(loop):
    """`asyncio.runners._cancel_all_tasks` for the blocking form, cancelling oldest first."""
    _exhaust_blocking(_drive_cancel_all_tasks(loop), "asyncio.run")


def _drive_runner_close(runner):
    """`asyncio.Runner.close`, as a generator."""
    if runner._state is not asyncio.runners._State.INITIALIZED:
        return
    try:
        loop = runner._loop
        yield from _drive_cancel_all_tasks(loop)
        yield from _drive_until_complete(loop, loop.shutdown_asyncgens())
        yield from _drive_until_complete(loop, loop.shutdown_default_executor(300))
    finally:
        if runner._set_event_loop:
            events.set_event_loop(None)
        loop.close()
        runner._loop = None
        runner._state = asyncio.runners._State.CLOSED


def _drive_runner_run(runner, coro, context=None):
    """`asyncio.Runner.run`, as a generator (no SIGINT handler: the page stops runs its own way)."""
    if events._get_running_loop() is not None:
        raise RuntimeError("Runner.run() cannot be called from a running event loop")
    runner._lazy_init()
    if not coroutines.iscoroutine(coro):
        if inspect.isawaitable(coro):

            async def _wrap_awaitable(awaitable):
                return await awaitable

            coro = _wrap_awaitable(coro)
        else:
            raise TypeError("An asyncio.Future, a coroutine or an awaitable is required")
    if context is None:
        context = runner._context
    task = runner._loop.create_task(coro, context=context)
    return (yield from _drive_until_complete(runner._loop, task))


def _drive_asyncio_run(main, *, debug=None, loop_factory=None):
    """`asyncio.run`, as a generator."""
    if events._get_running_loop() is not None:
        raise RuntimeError("asyncio.run() cannot be called from a running event loop")
    runner = asyncio.Runner(debug=debug, loop_factory=loop_factory)
    runner._lazy_init()
    try:
        return (yield from _drive_runner_run(runner, main))
    finally:
        yield from _drive_runner_close(runner)


class _PagePolicy(events._AbstractEventLoopPolicy):
    """Loops are PageLoops; `get_event_loop()` outside a loop creates one, as tutorials written for 3.11 expect.

    The current loop is a plain attribute, not thread-local: with stack switching, calls into Python may run
    on thread states of their own, and a loop set in one step must still be current in the next.
    """

    def __init__(self):
        self._loop = None
        self._set_called = False

    def new_event_loop(self):
        return PageLoop()

    def get_event_loop(self):
        # CPython 3.11: create a loop on first use, unless set_event_loop() was called (asyncio.run calls
        # it, with None at its end), after which a missing loop is an error.
        if self._loop is None and not self._set_called:
            self.set_event_loop(self.new_event_loop())
        if self._loop is None:
            raise RuntimeError("There is no current event loop in thread 'MainThread'.")
        return self._loop

    def set_event_loop(self, loop):
        self._set_called = True
        if loop is not None and not isinstance(loop, events.AbstractEventLoop):
            raise TypeError(f"loop must be an instance of AbstractEventLoop or None, not '{type(loop).__name__}'")
        self._loop = loop


class _TaskSet:
    """A set of tasks that iterates in the order they were added.

    CPython keeps a TaskGroup's tasks in a set, iterated in the order of their memory addresses, which
    on a desktop follows creation order: "task 1 cancelled" prints before "task 2 cancelled". WebAssembly's
    allocator reuses blocks more eagerly, so a plain set would often cancel in another order.
    """

    __slots__ = ("_items",)

    def __init__(self):
        self._items = {}

    def add(self, item):
        self._items[item] = None

    def discard(self, item):
        self._items.pop(item, None)

    def __iter__(self):
        return iter(list(self._items))

    def __len__(self):
        return len(self._items)

    def __contains__(self, item):
        return item in self._items


_taskgroup_init = asyncio.TaskGroup.__init__


def _ordered_taskgroup_init(self, *args, **kwargs):
    _taskgroup_init(self, *args, **kwargs)
    self._tasks = _TaskSet()


# --------------------------------------------------------------------------------------------------------
# Rewritten entry points


class _EntryRequest:
    """What a rewritten entry point hands to the program driver: a generator to drive to completion."""

    __slots__ = ("drive", "entry")

    def __init__(self, drive, entry):
        self.drive = drive
        self.entry = entry


def _entry_driver(fn, args, kwargs):
    """The generator form of `fn(*args, **kwargs)` when fn is a loop entry point, else None."""
    if fn is _cpython_run or fn is asyncio.run:
        return _drive_asyncio_run(*args, **kwargs), "asyncio.run"
    owner = getattr(fn, "__self__", None)
    func = getattr(fn, "__func__", None)
    if isinstance(owner, PageLoop):
        if func is PageLoop.run_until_complete:
            return _drive_until_complete(owner, *args, **kwargs), "run_until_complete"
        if func is PageLoop.run_forever:
            return _drive_forever(owner, *args, **kwargs), "run_forever"
    if isinstance(owner, asyncio.Runner) and func is asyncio.Runner.run:
        return _drive_runner_run(owner, *args, **kwargs), "Runner.run"
    return None, None


class _EntryCall:
    __slots__ = ("fn", "args", "kwargs")

    def __init__(self, fn, args, kwargs):
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def __await__(self):
        # Only the program driver can perform waits; inside a running loop (or any other awaiter) the
        # call behaves exactly as written, so CPython's own errors surface.
        if _current is not None and _current.at_top_level and events._get_running_loop() is None:
            drive, entry = _entry_driver(self.fn, self.args, self.kwargs)
            if drive is not None:
                return (yield _EntryRequest(drive, entry))
        return self.fn(*self.args, **self.kwargs)


def call(fn, /, *args, **kwargs):
    """`fn(*args, **kwargs)` as an awaitable: what the transform puts in place of `asyncio.run(...)` & co."""
    return _EntryCall(fn, args, kwargs)


# --------------------------------------------------------------------------------------------------------
# Programs


class Program:
    """One run of one program. `step()` advances it until it must wait, and says for how long."""

    def __init__(self, code, source, filename, options):
        self.filename = filename
        self.source = source
        self.loops = []
        self.notes = []
        self.at_top_level = False
        self.entry_line = None
        self.error = None
        self.error_info = None
        self.exit_code = 0
        self.done = False
        self.top_level_await = bool(options.get("topLevelAwait"))
        self.edited_lines = frozenset(options.get("editedLines") or ())
        self._task_number = 0
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        # A real module as sys.modules["__main__"] during the run: dataclasses, typing.get_type_hints, pickle
        # and `import __main__` look the program's globals up there.
        self.module = types.ModuleType("__main__")
        self.namespace = self.module.__dict__
        self.namespace.update({"__file__": filename, "__builtins__": builtins, "__cached__": None})
        self._code = code
        self._gen = None

    def next_task_number(self):
        self._task_number += 1
        return self._task_number

    def note(self, item):
        if item not in self.notes:
            self.notes.append(item)

    def start(self):
        global _current
        _current = self
        self._saved = (asyncio.run, time.sleep, events._event_loop_policy, sys.argv, sys.modules.get("__main__"))
        self._saved_io = (builtins.input, sys.stdin)
        builtins.input = page_input
        sys.stdin = _PageStdin()
        sys.modules["__main__"] = self.module
        asyncio.TaskGroup.__init__ = _ordered_taskgroup_init
        asyncio.runners._cancel_all_tasks = _cancel_all_tasks_in_order
        asyncio.run = _cpython_run
        time.sleep = blocking_sleep
        events._event_loop_policy = _PagePolicy()
        sys.argv = [self.filename]
        self._gen = self._run()

    def step(self):
        """Run until the program must wait: seconds to wait, -2 to wait for a wake, -1 when it is over."""
        previous = events._get_running_loop()
        try:
            wait = next(self._gen)
        except StopIteration:
            self.done = True
            return -1.0
        finally:
            events._set_running_loop(previous)
            _flush_output()
        return WAIT_FOR_WAKE if wait is None else float(wait)

    def _run(self):
        """The program as a generator of waits. Errors end it and are kept, never raised out of it:
        a StopIteration raised out of a generator would become RuntimeError (PEP 479)."""
        try:
            code = compile(self._code, self.filename, "exec", flags=_TOP_LEVEL_AWAIT, dont_inherit=True)
            events._set_running_loop(None)
            if self.top_level_await:
                # Notebook style (top-level `await` in the author's code): the module body itself runs as
                # a task, as in Jupyter or Pyodide's console.
                yield from _drive_asyncio_run(self._module_coroutine(code))
                return
            self.at_top_level = True
            top = eval(code, self.namespace)
        except BaseException as exc:  # noqa: BLE001 - a Python error is a result, not a crash
            self.error = exc
            return
        if inspect.iscoroutine(top):
            yield from self._drive_top(top)

    def _drive_top(self, top):
        """Step the module's coroutine; each rewritten entry point it awaits is driven here."""
        value, error = None, None
        while True:
            events._set_running_loop(None)
            try:
                if error is not None:
                    request = top.throw(error)
                else:
                    request = top.send(value)
            except StopIteration as stop:
                # Module code compiled for top-level await is not guarded by PEP 479: a StopIteration
                # raised by the author's code ends it as if it returned. Its traceback tells them apart.
                if _raised_in(stop, self.filename):
                    self.error = stop
                return
            except RuntimeError as exc:
                # Module code runs as a coroutine here, and PEP 479 turns a StopIteration escaping it into
                # RuntimeError; CPython runs module code as plain code and reports the StopIteration.
                cause = exc.__cause__
                self.error = cause if isinstance(cause, StopIteration) else exc
                return
            except BaseException as exc:  # noqa: BLE001
                self.error = exc
                return
            value, error = None, None
            if not isinstance(request, _EntryRequest):
                error = RuntimeError(f"await outside of an event loop: {request!r}")
                continue
            self.entry_line = _frame_line(top, self.filename)
            try:
                value = yield from request.drive
            except BaseException as exc:  # noqa: BLE001 - handed back to the program, as CPython raises it there
                error = exc

    async def _module_coroutine(self, code):
        result = eval(code, self.namespace)
        if inspect.iscoroutine(result):
            await result

    def finish(self):
        """Cancel what the run left pending (as asyncio.run does), restore the interpreter, collect garbage."""
        global _current
        error = self.error
        if error is not None:
            self._report_error()
            # Frames of the traceback keep the program's objects alive; CPython frees them after printing,
            # which is when "coroutine ... was never awaited" warnings appear.
            _clear_frames(error, set())
            self.error = None
        for loop in self.loops:
            if loop.is_running() or loop.is_closed():
                continue
            for task in tasks.all_tasks(loop):
                task.cancel()
                task._log_destroy_pending = False
            loop._ready.clear()
            for handle in loop._scheduled:
                handle.cancel()
            loop._scheduled.clear()
        asyncio.run, time.sleep, events._event_loop_policy, sys.argv, main_module = self._saved
        builtins.input, sys.stdin = self._saved_io
        if main_module is not None:
            sys.modules["__main__"] = main_module
        asyncio.TaskGroup.__init__ = _taskgroup_init
        asyncio.runners._cancel_all_tasks = _cpython_cancel_all_tasks
        self.namespace.clear()
        # CPython prints "coroutine ... was never awaited" when the coroutine is collected, at the latest
        # at exit; collect now so the warnings land in this run's stderr.
        with warnings.catch_warnings():
            gc.collect()
        _flush_output()
        _current = None

    def _report_error(self):
        """Print an uncaught exception to stderr as CPython does; a clean sys.exit() is no error."""
        exc = self.error
        if isinstance(exc, SystemExit):
            self.error = None
            if exc.code is None or exc.code == 0:
                return
            if not isinstance(exc.code, int):
                sys.stderr.write(f"{exc.code}\n")
            self.exit_code = exc.code if isinstance(exc.code, int) else 1
            return
        self.error_info = describe_error(exc, self.filename, self.edited_lines)
        sys.stderr.write(self.error_info["traceback"])

    def result(self):
        """What happened, as plain data for the page."""
        return {"notes": list(self.notes), "error": self.error_info, "exitCode": self.exit_code}


def _clear_frames(exc, seen):
    if exc is None or id(exc) in seen:
        return
    seen.add(id(exc))
    traceback.clear_frames(exc.__traceback__)
    _clear_frames(exc.__cause__, seen)
    _clear_frames(exc.__context__, seen)
    for inner in getattr(exc, "exceptions", None) or ():
        _clear_frames(inner, seen)


def _raised_in(exc, filename):
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            return True
        tb = tb.tb_next
    return False


def _frame_line(coro, filename):
    """The line of the author's code where a suspended coroutine chain is waiting."""
    line = None
    while coro is not None:
        frame = getattr(coro, "cr_frame", None) or getattr(coro, "gi_frame", None)
        if frame is not None and frame.f_code.co_filename == filename:
            line = frame.f_lineno
        coro = getattr(coro, "cr_await", None) or getattr(coro, "gi_yieldfrom", None)
    return line


# --------------------------------------------------------------------------------------------------------
# Errors

_INTERNAL_PARTS = ("/lib/py_async_run/", "/lib/python314.zip/_pyodide/", "/lib/python314.zip/pyodide/", "<exec>")


def _keep_frame(summary):
    return not any(part in summary.filename for part in _INTERNAL_PARTS)


def _filter_stack(te, filename, edited_lines):
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


def _innermost_line(exc, filename):
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


def describe_error(exc, filename, edited_lines=frozenset()):
    """Type, message, CPython's final traceback line, the author's line and a traceback without our frames."""
    notes = getattr(exc, "__notes__", None)
    try:
        if notes is not None:
            del exc.__notes__
        summary_lines = traceback.format_exception_only(exc)
    finally:
        if notes is not None:
            exc.__notes__ = notes
    te = traceback.TracebackException.from_exception(exc)
    _filter_stack(te, filename, edited_lines)
    cls = type(exc)
    qualname = cls.__qualname__
    module = cls.__module__
    type_name = qualname if module in ("builtins", "__main__") else f"{module}.{qualname}"
    return {
        "type": type_name,
        "message": str(exc),
        "summary": summary_lines[-1].rstrip("\n") if summary_lines else type_name,
        "line": _innermost_line(exc, filename),
        "traceback": "".join(te.format()),
        "subExceptions": [
            "".join(traceback.format_exception_only(e)).rstrip("\n") for e in getattr(exc, "exceptions", ()) or ()
        ],
    }


