"""Deferred imports in a child: a heavy library a submission imports but seldom uses in a graded
function is bound at once and executed on first use. Standard library only (imported by the child).

A notebook's first cell usually says ``import matplotlib.pyplot as plt``; the graded functions
almost never draw. Executing matplotlib and pyplot costs about 0.5 s of the first grade of a
session, before the zygote has them loaded (:data:`autograder.sandbox.zygote.WARM`). Here the
import binds a module whose code runs when an attribute is first read
(:class:`importlib.util.LazyLoader`), inside whichever call reads it and under that call's time
limit. Only the names the zygote passes, and the packages that hold them, are deferred, and only
while the zygote has not loaded them itself.

Binding a submodule reads its package's ``__path__``, and the ``import`` statement asks each
module for its ``__spec__`` and binds ``plt`` from the package's ``pyplot`` attribute: a deferred
module answers those (its import metadata, and deferred submodules) without running, so
``import matplotlib.pyplot as plt`` executes neither module. Any other attribute runs it.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import os
import sys
import types

#: What the import system reads from a module while binding it, answered without running it.
_METADATA = frozenset({"__spec__", "__path__", "__name__", "__loader__", "__package__",
                       "__file__", "__cached__", "__class__", "__dict__"})


class _Unrun(types.ModuleType):
    """A deferred module that has not run yet; on a read that is not metadata it becomes
    LazyLoader's module again, which runs the code."""

    lazy: type = types.ModuleType  # the class LazyLoader gives its modules

    def __getattribute__(self, attr):
        if attr in _METADATA:
            return object.__getattribute__(self, attr)
        found = object.__getattribute__(self, "__dict__").get(attr)
        if isinstance(found, _Unrun):  # a deferred submodule, bound by ``import a.b``
            return found
        object.__setattr__(self, "__class__", _Unrun.lazy)
        _tell_used(object.__getattribute__(self, "__name__"))
        return getattr(self, attr)


_REPORT: list[int] = []  # the pipe on which the zygote learns which deferred modules ran


def _tell_used(name: str) -> None:
    """Tell the zygote this deferred module is running: it imports only such modules itself."""
    if _REPORT and type(name) is str:
        try:
            os.write(_REPORT[0], name.encode("ascii", "replace")[:200] + b"\n")
        except OSError:
            pass


class _Loader(importlib.util.LazyLoader):
    def exec_module(self, module):
        super().exec_module(module)
        _Unrun.lazy = type(module)
        module.__class__ = _Unrun


class _Deferring(importlib.abc.MetaPathFinder):
    def __init__(self, names: frozenset[str]):
        self.names = names

    def find_spec(self, name, path, target=None):
        if name not in self.names:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _Loader(spec.loader)
                return spec
        return None


def install(names, report: int | None = None) -> None:
    """Defer the import of each module of ``names``, and of the packages holding them, that is
    not already loaded; write the name of each that then runs on ``report`` (a pipe)."""
    if report is not None:
        _REPORT[:] = [report]
    wanted = set()
    for name in names:
        parts = name.split(".")
        wanted.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    wanted = frozenset(n for n in wanted if n not in sys.modules)
    if wanted:
        sys.meta_path.insert(0, _Deferring(wanted))
