"""The grader's data model: what a check produces and what a report holds.

Everything here is plain data. A check returns a :class:`CheckResult`; a :class:`Report` is a
submission id plus its results, and every total is computed from them, never stored. Renderers
turn these objects into words, JSON, CSV or HTML; nothing in this module formats prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Status(str, Enum):
    """How a check ended. The string values are part of the JSON interface."""

    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    NOT_IMPLEMENTED = "not_implemented"

    def __str__(self) -> str:  # so f-strings and JSON show "passed", not "Status.PASSED"
        return self.value


@dataclass(frozen=True)
class Counterexample:
    """The evidence for a failed check, kept as data until a renderer writes it out.

    ``call`` is the failing input written as a call the student can paste
    (``entropy(p=[0.5, 0.5, 0.0])``); ``expected`` and ``got`` are display strings of the
    values; ``diagnosis`` is the key of a known bug in :mod:`autograder.wording` (or ``None``);
    ``note`` is extra context a check adds (``"(= log 2)"``).
    """

    call: str
    expected: str | None = None
    got: str | None = None
    diagnosis: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check on one submission."""

    name: str  # "entropy.zero_probability"
    function: str  # "entropy"
    max_points: float
    points: float
    status: Status
    message: str  # one paragraph: diagnosis and hint, already worded
    counterexample: Counterexample | None = None
    hidden: bool = False
    warnings: tuple[str, ...] = ()  # numpy warnings and the like: feedback, never failure

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED


@dataclass(frozen=True)
class Report:
    """A submission's results. Totals are properties, so they can never disagree with the checks."""

    submission: str
    results: tuple[CheckResult, ...]
    notes: tuple[str, ...] = ()  # loader notes: dropped cells, duplicate definitions, …
    elapsed: float = 0.0
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def score(self) -> float:
        return round(sum(r.points for r in self.results), 6)

    @property
    def max_score(self) -> float:
        return round(sum(r.max_points for r in self.results), 6)

    @property
    def all_passed(self) -> bool:
        return all(r.passed for r in self.results)

    def functions(self) -> list[str]:
        """Function names in catalogue order, each once."""
        return list(dict.fromkeys(r.function for r in self.results))

    def by_function(self, function: str) -> tuple[CheckResult, ...]:
        return tuple(r for r in self.results if r.function == function)

    def function_score(self, function: str) -> tuple[float, float]:
        rs = self.by_function(function)
        return round(sum(r.points for r in rs), 6), round(sum(r.max_points for r in rs), 6)
