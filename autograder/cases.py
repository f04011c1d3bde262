"""Inputs for checks, written as code a student can paste.

A :class:`Case` is defined by source text (``"[0.5, 0.5, 0.0]"``,
``"np.random.default_rng(3).random(2000) < 0.7"``) that is evaluated once with numpy. The text is
the single source of truth: it builds the exact doubles passed to both the student and the
reference, and it is what the failure message shows, so the call a student pastes reproduces the
case bit for bit. Drawn inputs (:mod:`autograder.casebook`) use ``repr`` of Python floats, which
round-trips.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

#: The namespace case sources are evaluated in: numpy and a few harmless builtins.
_NAMESPACE = {"np": np, "__builtins__": {"int": int, "float": float, "range": range,
                                         "__import__": __import__}}  # numpy imports lazily

#: Sources longer than this are shown as a description instead (when the case gives one).
MAX_SHOWN = 120


@lru_cache(maxsize=None)  # the catalogue's inputs: about a thousand, 80 MB at most; built once
def _evaluate(source: str, dtype: str | None) -> Any:
    value = eval(source, dict(_NAMESPACE))  # noqa: S307 - sources are the kit's own literals
    if isinstance(value, (list, tuple, np.ndarray)):
        value = np.asarray(value, dtype=dtype or float)
        value.flags.writeable = False  # shared between calls: nobody may change it
    return value


@dataclass(frozen=True)
class Arg:
    """One argument: its source text, an optional short description, and its value.

    The value is built from the source on first use and cached, so importing the catalogue
    does not allocate its million-element inputs.
    """

    source: str
    dtype: str | None = None
    about: str | None = None  # "2000 draws, 1400 ones": shown instead of a long source

    @classmethod
    def of(cls, source: str, *, dtype: str | None = None, about: str | None = None) -> "Arg":
        return cls(source, dtype, about)

    @property
    def value(self) -> Any:
        return _evaluate(self.source, self.dtype)

    @classmethod
    def literal(cls, value: Any, *, dtype: str | None = None) -> "Arg":
        """An argument from a Python value (floats, ints or lists of them), shown by ``repr``."""
        if isinstance(value, np.ndarray):
            value = value.tolist()
        return cls.of(repr(value), dtype=dtype)

    def shown(self) -> str:
        if len(self.source) <= MAX_SHOWN or self.about is None:
            return self.source
        return f"<{self.about}>"


@dataclass(frozen=True)
class Case:
    """A call of one student function: positional arguments in the API's order."""

    function: str
    names: tuple[str, ...]
    args: tuple[Arg, ...]
    note: str | None = None  # what the expected value is, in words: "(= log 2)"

    @property
    def values(self) -> tuple[Any, ...]:
        return tuple(a.value for a in self.args)

    def call(self, *, full: bool = False) -> str:
        """The call as text: ``entropy(p=[0.5, 0.5, 0.0])``.

        With ``full=True`` long sources are written out even when a description exists, so the
        text can be pasted.
        """
        parts = [f"{n}={a.source if full else a.shown()}" for n, a in zip(self.names, self.args)]
        return f"{self.function}({', '.join(parts)})"

    def value(self, name: str) -> Any:
        return self.args[self.names.index(name)].value


def make_case(function: str, names: tuple[str, ...], note: str | None = None,
              dtypes: dict[str, str] | None = None, about: dict[str, str] | None = None,
              **sources: str | float | None) -> Case:
    """Build a :class:`Case` from keyword sources, dropping trailing ``None`` arguments."""
    dtypes = dtypes or {}
    about = about or {}
    used = [n for n in names if n in sources and sources[n] is not None]
    args = []
    for n in used:
        src = sources[n]
        src = src if isinstance(src, str) else repr(src)
        args.append(Arg.of(src, dtype=dtypes.get(n), about=about.get(n)))
    return Case(function, tuple(used), tuple(args), note)
