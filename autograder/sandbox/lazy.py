"""Deferred imports in a child: a heavy library a submission imports but seldom uses in a graded
function is bound at once and executed on first use. Standard library only (imported by the child).

A notebook's first cell usually says ``import matplotlib.pyplot as plt``; the graded functions
almost never draw. Executing pyplot costs about 0.6 s of the first grade of a session, before the
zygote has it loaded (:data:`autograder.sandbox.zygote.WARM`). Here the import binds a module whose
code runs when an attribute is first read (:class:`importlib.util.LazyLoader`), inside whichever
call reads it and under that call's time limit. Only the names the zygote passes are deferred,
and only while the zygote has not loaded them itself.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys


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
                    spec.loader = importlib.util.LazyLoader(spec.loader)
                return spec
        return None


def install(names) -> None:
    """Defer the import of each module of ``names`` not already loaded."""
    wanted = frozenset(n for n in names if n not in sys.modules)
    if wanted:
        sys.meta_path.insert(0, _Deferring(wanted))
