"""The standard library modules left out of the start-up library, fetched on first import.

The build packs the modules a start, the runtime and typical programs import into a small start-up zip (what
Pyodide mounts as `/lib/python314.zip`) and serves every other module of the standard library as its own file
(scripts/stdlib-split.js). The zip names those files in `_py_async_run_lazy_stdlib.FILES`; the finder below,
last on `sys.meta_path` (after the path finder, so a program's own `json.py` still shadows the stdlib's, as
in CPython), fetches one when it is imported, writes it where CPython keeps its library, and imports it from
there. Tracebacks and `inspect.getsource` read that file as they would any other.
"""

import os
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from importlib.util import spec_from_file_location

__all__ = ["LazyStdlibFinder", "install"]

# Where CPython keeps its library (`/lib/python3.14`): Pyodide creates it and puts it on sys.path.
_LIBRARY = f"/lib/python{sys.version_info[0]}.{sys.version_info[1]}"


def _module_files(files: Sequence[str]) -> dict[str, str]:
    """Module name to file, for each file the start-up zip left out (`json/decoder.py` is `json.decoder`)."""
    modules = {}
    for path in files:
        parts = path.removesuffix(".py").split("/")
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


class LazyStdlibFinder:
    """A `sys.meta_path` finder for the standard library modules that are fetched on first import."""

    def __init__(self, files: Sequence[str], fetch: Callable[[str], str | None]) -> None:
        self._modules = _module_files(files)
        self._fetch = fetch

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: object = None
    ) -> ModuleSpec | None:
        relative = self._modules.get(fullname)
        if relative is None:
            return None
        location = f"{_LIBRARY}/{relative}"
        if not os.path.exists(location):
            source = self._fetch(relative)
            if not isinstance(source, str):
                # Worded for the stdlib-unfetched tip (src/tips/rules.ts), which explains it.
                raise ModuleNotFoundError(
                    f"No module named {fullname!r}: the standard library module could not be downloaded",
                    name=fullname,
                )
            os.makedirs(os.path.dirname(location), exist_ok=True)
            with open(location, "w", encoding="utf-8") as file:
                file.write(source)
        package = [os.path.dirname(location)] if relative.endswith("/__init__.py") else None
        return spec_from_file_location(fullname, location, submodule_search_locations=package)

    def invalidate_caches(self) -> None:
        pass


def install(fetch: Callable[[str], str | None]) -> bool:
    """Put the finder last on `sys.meta_path`; False when the mounted library is the full one (a dev build)."""
    try:
        from _py_async_run_lazy_stdlib import FILES
    except ModuleNotFoundError:
        return False
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, LazyStdlibFinder)]
    sys.meta_path.append(LazyStdlibFinder(FILES, fetch))
    return True
