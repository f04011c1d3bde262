"""The canary: grade a known-correct submission in the class's sandbox before grading the class.

If the reference itself does not get full marks, every student's score would be wrong, so
``grade`` stops (exit 2) and says why instead of writing zeros for everyone. The canary is:

- on the instructor's copy, the reference solutions' own source (``solutions/*.py`` joined into
  one module, its package imports removed), run through the same loader and sandbox as a
  student's file;
- on a students' copy (no ``solutions``), a module that answers every call from the recorded
  answers of the public casebook, keyed as :func:`autograder.casebook.call_key` keys them.

:func:`diagnose` turns a canary report into the reason: the sandbox cannot start, the
casebook is stale, or the environment (numpy, Python) makes the reference lose points.

:func:`run` grades it in one go. ``grade`` instead splits it by function (:func:`parts`) and
has its pool's workers grade the parts (:func:`start`) while it probes the sandbox, keeping one
part for itself when it has nothing else to do; :func:`wait` joins them into one verdict, and a
part that could not be graded, or whose worker died, fails it.
"""

from __future__ import annotations

import inspect
import json
import platform
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .model import Report, Status

REFERENCE_ORDER = ("_validate", "logspace", "information", "likelihood", "logits")
_PACKAGE_IMPORT = re.compile(r"^from \.[\w.]* import (\([^)]*\)|[^\n]*)", re.M)


@dataclass(frozen=True)
class Verdict:
    ok: bool
    score: float
    max_score: float
    reason: str  # empty when ok
    what: str = "the reference solutions"

    def line(self) -> str:
        head = f"canary: {self.what} score {self.score:g}/{self.max_score:g} in the class's sandbox"
        return head if self.ok else f"{head}, not full marks: {self.reason}"


def reference_source() -> str | None:
    """The reference package as one module's source, or ``None`` on a students' copy."""
    from .runner import reference_module

    solutions = reference_module()
    if solutions is None or not getattr(solutions, "__file__", None):
        return None
    folder = Path(solutions.__file__).parent
    parts = ["from __future__ import annotations\n"]
    for name in REFERENCE_ORDER:
        file = folder / f"{name}.py"
        if not file.is_file():
            return None
        text = file.read_text(encoding="utf-8").replace("from __future__ import annotations\n", "")
        parts.append(_PACKAGE_IMPORT.sub("", text))
    return "\n\n".join(parts)


def _answers_source() -> str:
    """A module that answers each call from the public casebook's recorded answers."""
    from . import casebook

    answers = casebook.load(None).answers
    key = inspect.getsource(casebook.call_key)
    functions = "".join(
        f"\n\ndef {f}(*args):\n    return _answer({f!r}, args)\n" for f in _all_functions())
    return ("import hashlib\nimport struct\nimport numpy as np\n\n"
            f"ANSWERS = {json.dumps(answers, sort_keys=True)}\n\n\n{key}\n\n"
            "def _answer(function, args):\n"
            "    args = tuple(float(a) if isinstance(a, np.floating) else a for a in args)\n"
            "    stored = ANSWERS[call_key(function, args)]\n"
            "    if isinstance(stored, list):\n"
            "        return np.array([float(v) for v in stored])\n"
            "    return float(stored)\n" + functions)


def _all_functions() -> tuple[str, ...]:
    from .checks import FUNCTIONS
    return FUNCTIONS


def canary_source() -> tuple[str, str]:
    """(what the canary is, its source)."""
    source = reference_source()
    if source is not None:
        return "the reference solutions", source
    return "the recorded answers", _answers_source()


def run(functions: Sequence[str] | None, limits=None) -> tuple[Verdict, Report | None]:
    """Grade the canary exactly as a student of the class would be graded."""
    what, _ = canary_source()
    return verdict(what, [grade_part(functions, limits)])


def parts(functions: Sequence[str] | None, count: int) -> list[tuple[str, ...]]:
    """``functions`` (all of them when ``None``) in at most ``count`` groups of about as many
    checks each, so that grading the groups in parallel grades the whole canary sooner."""
    from .checks import checks_for

    names = tuple(functions) if functions else _all_functions()
    weight = {f: len(checks_for((f,))) for f in names}
    groups: list[list[str]] = [[] for _ in range(max(1, min(count, len(names))))]
    for f in sorted(names, key=lambda f: -weight[f]):
        min(groups, key=lambda g: sum(weight[x] for x in g)).append(f)
    return [tuple(f for f in names if f in g) for g in groups if g]


def grade_part(functions: Sequence[str] | None, limits=None) -> Report | str:
    """The canary graded on ``functions`` as a student would be, or why it could not be graded.

    Runs in the grading process or in a batch worker; what it returns pickles.
    """
    from .loader import SubmissionError, load_submission
    from .runner import grade_submission

    what, source = canary_source()
    with tempfile.TemporaryDirectory(prefix="xent-canary-") as folder:
        file = Path(folder) / "canary.py"
        file.write_text(source, encoding="utf-8")
        try:
            submission = load_submission(file)
            return grade_submission(submission, functions=functions, redact=False,
                                    limits=limits)
        except SubmissionError as error:
            return f"the loader rejects {what}: {error}"
        except Exception as error:  # noqa: BLE001 - the verdict must say it, not a traceback
            return f"grading {what} raised {type(error).__name__}: {error}"


@dataclass(frozen=True)
class Pending:
    """The canary's parts: being graded by a pool's workers, or left for :func:`wait`."""

    what: str
    futures: tuple
    here: tuple = ()  # parts :func:`wait` grades in the calling process
    limits: object = None


def start(pool, functions: Sequence[str] | None, limits, count: int, here: int = 0) -> Pending:
    """Submit the canary to ``pool`` (a :class:`concurrent.futures.Executor` whose workers
    grade as the class's do) in ``count`` parts, and keep ``here`` more parts for the caller
    to grade itself in :func:`wait`, which gives the verdict."""
    what, _ = canary_source()
    split = parts(functions, count + here)
    mine = split[count:] if here else []
    return Pending(what, tuple(pool.submit(grade_part, part, limits) for part in split[:count]),
                   tuple(mine), limits)


def wait(pending: Pending) -> Verdict:
    """The verdict on a canary started with :func:`start`; a worker that died fails it."""
    graded: list[Report | str] = [grade_part(part, pending.limits) for part in pending.here]
    for future in pending.futures:
        try:
            graded.append(future.result())
        except Exception as error:  # noqa: BLE001 - a dead worker, said as a reason
            graded.append(f"the process grading {pending.what} stopped "
                          f"({type(error).__name__}: {error})")
    return verdict(pending.what, graded)[0]


def verdict(what: str, graded: Sequence[Report | str]) -> tuple[Verdict, Report | None]:
    """The verdict on the canary's parts (see :func:`grade_part`), and their report as one."""
    failed = [g for g in graded if isinstance(g, str)]
    if failed or not graded:
        return Verdict(False, 0, 0, failed[0] if failed else f"{what} were not graded",
                       what), None
    report = graded[0]
    if len(graded) > 1:
        from dataclasses import replace

        report = replace(report, results=tuple(r for g in graded for r in g.results),
                         notes=tuple(dict.fromkeys(n for g in graded for n in g.notes)),
                         elapsed=max(g.elapsed for g in graded))
    return diagnose(report, what), report


def diagnose(report: Report, what: str = "the reference solutions") -> Verdict:
    """Full marks, or the most likely reason why not, in one sentence an instructor can act on."""
    from . import wording

    score, top = report.score, report.max_score
    if report.results and score == top:
        return Verdict(True, score, top, "", what)
    lost = [r for r in report.results if not r.passed]
    env = (f"Python {platform.python_version()}, numpy {_numpy_version()}")
    if any(r.message == wording.stale_answers() for r in lost):
        return Verdict(False, score, top,
                       "the casebook is stale (a check asks for answers it does not record); "
                       "rebuild it with `python -m autograder.casebook` or reinstall the kit.",
                       what)
    load = [n for n in report.notes if n.startswith("Running your code")]
    broken = {Status.ERROR, Status.TIMEOUT}
    if load or (lost and len(lost) == len(report.results)
                and all(r.status in broken for r in lost)):
        detail = load[0] if load else lost[0].message
        return Verdict(False, score, top,
                       f"the sandbox cannot run {what} ({detail[:300]}). Run `python -m "
                       "autograder isolation` to see what the sandbox can do on this machine.",
                       what)
    names = ", ".join(r.name for r in lost[:5]) + (" and more" if len(lost) > 5 else "")
    return Verdict(False, score, top,
                   f"{what} lose points on {names} here ({env}): a wrong environment (numpy or "
                   "Python version), or a check or tolerance changed without the reference. "
                   "Grade examples/correct.py with `python -m autograder check` to see the "
                   "failures in full.", what)


def _numpy_version() -> str:
    try:
        import numpy
        return numpy.__version__
    except ImportError:  # pragma: no cover
        return "missing"
