"""Isolation of runs: what one run changes in the interpreter is put back before the next one.

All elements of a page share one interpreter. Without this, one program could replace `builtins.print` or
`asyncio.sleep` for every later run, set `sys.excepthook` or a trace function, read another element's session
through the runtime's own modules, or leave a JavaScript callback that runs its code inside a later run.

This is a fence against accidents and ordinary means (`import`, `builtins`, module attributes), not against a
determined program: in the same interpreter it can still find any object (`gc.get_objects()`, frames,
`__globals__`, `pyodide_js`). Code you did not write belongs in the cross-origin runner (`runnerOrigin`).
"""

import builtins
import functools
import gc
import operator
import os
import sys
import types
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import state

if TYPE_CHECKING:
    from .program import Program

__all__ = ["Checkpoint", "end_callbacks", "facade", "watch_callbacks"]

_RUNTIME = __name__.partition(".")[0]
_MISSING = object()


class _Facade:
    """What a program sees as `builtins.__py_async_run__`: the transform's entry-point call, nothing else."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<py-async-run runtime>"


def facade(call: Callable[..., Any]) -> _Facade:
    """The `__py_async_run__` programs see (the transform emits `await __py_async_run__.call(...)`)."""
    _Facade.call = staticmethod(call)
    return _Facade()


class _RefuseRuntime:
    """A meta path finder, first during a run: the runtime's modules cannot be imported by name."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if name == _RUNTIME or name.startswith(_RUNTIME + "."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def _runtime_module(name: str) -> bool:
    return name == _RUNTIME or name.startswith(_RUNTIME + ".") or name == "__main__"


def _same_items(now: Any, saved: Any) -> bool:
    # map() over operator.is_ compares in C: ~200 modules of ~80 names each every run, and identity, never
    # __eq__ (an object whose __eq__ says "equal" must not pass for the one it replaced).
    return len(now) == len(saved) and all(map(operator.is_, now, saved))


def _same_namespace(now: dict[str, Any], saved: dict[str, Any]) -> bool:
    return _same_items(now, saved) and all(map(operator.is_, now.values(), saved.values()))


class Checkpoint:
    """The interpreter's state when a run starts, put back by `restore()` when it ends.

    Kept: the attributes of every module loaded then (a rebound or deleted name is put back; a new name is
    removed unless it is a submodule, which the import system set), so `builtins`, `sys` hooks and streams
    (excepthook, displayhook, stdout, ...) and patched modules (`asyncio.sleep = ...`) are covered at once;
    the lists `sys.path`, `sys.meta_path`, `sys.path_hooks` and the warning filters; the trace and profile
    functions, recursion limit, switch interval, int digits limit, async generator hooks, gc settings, the
    working directory and the environment. Not kept: class attributes, objects changed in place, audit
    hooks (`sys.addaudithook` cannot be undone) and modules first imported during the run.
    """

    def __init__(self) -> None:
        self.modules = [
            (module, dict(module.__dict__))
            for name, module in list(sys.modules.items())
            if isinstance(module, types.ModuleType) and not _runtime_module(name)
        ]
        self.lists = [(items, items[:]) for items in (sys.path, sys.meta_path, sys.path_hooks, warnings.filters)]
        self.trace = sys.gettrace()
        self.profile = sys.getprofile()
        self.recursion_limit = sys.getrecursionlimit()
        self.switch_interval = sys.getswitchinterval()
        self.int_digits = sys.get_int_max_str_digits()
        self.asyncgen_hooks = sys.get_asyncgen_hooks()
        self.origin_depth = sys.get_coroutine_origin_tracking_depth()
        self.gc = (gc.isenabled(), gc.get_threshold())
        self.cwd = os.getcwd()
        self.environ = dict(os.environ)
        # Hidden for the run: the runtime's modules hold every session and the program being run.
        self.hidden = {name: sys.modules.pop(name) for name in list(sys.modules) if _runtime_module(name)
                       and name != "__main__"}
        sys.meta_path.insert(0, _RefuseRuntime)

    def restore(self) -> int:
        """Put back what the run changed (see the class); returns how many things were put back."""
        changed = 0
        for module, saved in self.modules:
            now = module.__dict__
            if _same_namespace(now, saved):
                continue
            for key, value in saved.items():
                if now.get(key, _MISSING) is not value:
                    now[key] = value
                    changed += 1
            if len(now) != len(saved):
                for key in [k for k in now if k not in saved and not isinstance(now[k], types.ModuleType)]:
                    del now[key]
                    changed += 1
        for items, saved in self.lists:
            if not _same_items(items, saved):
                items[:] = saved
                changed += 1
                if items is warnings.filters:
                    getattr(warnings, "_filters_mutated", lambda: None)()
        if sys.gettrace() is not self.trace:
            sys.settrace(self.trace)
        if sys.getprofile() is not self.profile:
            sys.setprofile(self.profile)
        sys.setrecursionlimit(self.recursion_limit)
        sys.setswitchinterval(self.switch_interval)
        sys.set_int_max_str_digits(self.int_digits)
        if sys.get_asyncgen_hooks() != self.asyncgen_hooks:
            sys.set_asyncgen_hooks(*self.asyncgen_hooks)
        sys.set_coroutine_origin_tracking_depth(self.origin_depth)
        enabled, threshold = self.gc
        (gc.enable if enabled else gc.disable)()
        gc.set_threshold(*threshold)
        if os.getcwd() != self.cwd:
            os.chdir(self.cwd)
        if os.environ != self.environ:
            os.environ.clear()
            os.environ.update(self.environ)
        sys.modules.update(self.hidden)
        return changed


def _tracked_create_proxy(create_proxy: Callable[..., Any], made: list[Any]) -> Callable[..., Any]:
    @functools.wraps(create_proxy)
    def tracked(*args: Any, **kwargs: Any) -> Any:
        proxy = create_proxy(*args, **kwargs)
        made.append(proxy)
        return proxy

    return tracked


def _guarded_once_callable(create_once_callable: Callable[..., Any], program: "Program") -> Callable[..., Any]:
    @functools.wraps(create_once_callable)
    def guarded(obj: Any, *args: Any, **kwargs: Any) -> Any:
        if not callable(obj):
            return create_once_callable(obj, *args, **kwargs)

        @functools.wraps(obj)
        def once(*call_args: Any, **call_kwargs: Any) -> Any:
            # Called after its run ended (a promise that settled later): the ended run's code never runs.
            if state.current is not program:
                return None
            return obj(*call_args, **call_kwargs)

        return create_once_callable(once, *args, **kwargs)

    return guarded


def watch_callbacks(program: "Program") -> None:
    """JavaScript callbacks the program makes (`create_proxy`, `create_once_callable`) end with its run.

    Proxies are destroyed by `end_callbacks()` (JavaScript calling one then gets an error, which the worker
    keeps from reaching the page); once-callables, which cannot be destroyed from here, do nothing when called
    after the run. The module attributes are put back by the run's Checkpoint.
    """
    made = program.proxies
    for name in ("pyodide.ffi", "pyodide.ffi.wrappers"):
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "create_proxy"):
            module.create_proxy = _tracked_create_proxy(module.create_proxy, made)
        if hasattr(module, "create_once_callable"):
            module.create_once_callable = _guarded_once_callable(module.create_once_callable, program)


def end_callbacks(program: "Program") -> int:
    """Destroys the proxies the program made (see watch_callbacks); returns how many were still alive."""
    alive = 0
    for proxy in program.proxies:
        try:
            proxy.destroy()
            alive += 1
        except Exception:  # noqa: BLE001 - destroyed already by the program itself
            pass
    program.proxies.clear()
    return alive
