"""The random checks' inputs and the reference's answers, kept as data.

Grading reads two files and runs no search:

- ``autograder/data/public.json`` ships with every copy of the kit. It holds the drawn cases of
  the public random checks, the reference's answer to every call a public check's judge can
  make, and every bug model's value on every public case (what each typical mistake computes,
  for the diagnoses), keyed by a hash of the exact arguments. With it a student's copy, which
  has no ``solutions`` package and so no formula at all, self-checks every public check and
  gets the same result, diagnoses included, as the instructor's grader.
- ``solutions/hidden_cases.json`` ships with the reference solutions and never to students: the
  drawn cases of the hidden checks. Their answers come from the reference when grading.

Drawn cases are listed smallest first and a check stops at its first failing case, so the
counterexample a student sees is the smallest of the draws that fail.

``python -m autograder.casebook`` rebuilds the public file from the reference; with
``--new-hidden`` it also draws a fresh hidden set from a random seed that is written nowhere (do
it each term). ``tests/test_casebook.py`` proves the public answers agree with the reference
and cover every call the public checks make.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import secrets
import struct
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np

from . import draws_softmax
from .cases import Arg, Case

PUBLIC = Path(__file__).parent / "data" / "public.json"
HIDDEN_NAME = "hidden_cases.json"
FORMAT = 1
#: Array answers larger than this are not recorded: the judges of large inputs ask the reference
#: about a small block of them instead (see autograder/checks/arrays.py).
MAX_RECORDED = 10**4


# ------------------------------------------------------------------------------ answers


class MissingAnswer(LookupError):
    """A judge asked for an answer the public file does not hold (a stale file)."""


def call_key(function: str, args: tuple) -> str:
    """A hash of a reference call: the function's name and the exact bytes of its arguments."""
    h = hashlib.sha256(function.encode())
    for a in args:
        if isinstance(a, np.ndarray):
            h.update(f"|a{a.dtype.str}{a.shape}".encode())
            h.update(np.ascontiguousarray(a).tobytes())
        elif isinstance(a, float):
            h.update(b"|f" + struct.pack("<d", a))
        elif isinstance(a, (int, np.integer)) and not isinstance(a, bool):
            h.update(f"|i{int(a)}".encode())
        elif a is None:
            h.update(b"|n")
        else:
            raise TypeError(f"cannot key an argument of type {type(a).__name__}")
    return h.hexdigest()[:24]


def _store(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return [repr(float(v)) for v in value.ravel()]
    return repr(float(value))


def _restore(stored: Any) -> Any:
    if isinstance(stored, list):
        return np.array([float(v) for v in stored])
    return float(stored)


def models_key(function: str, args: tuple) -> str:
    """The key of the bug models' values on a call (apart from the answers' keys)."""
    return call_key(f"bug_models:{function}", args)


def _store_models(models: list[tuple[str, float]]) -> list[list[str]]:
    return [[key, repr(float(value))] for key, value in models]


def _restore_models(stored: list[list[str]]) -> list[tuple[str, float]]:
    return [(key, float(value)) for key, value in stored]


class Recorder:
    """The reference, with every call's answer written into ``answers`` (and bug models'
    values into ``models``)."""

    def __init__(self, reference: Any, answers: dict[str, Any],
                 models: dict[str, Any] | None = None):
        self._reference, self._answers = reference, answers
        self._models = {} if models is None else models

    def bug_models(self, function: str, *args) -> list[tuple[str, float]]:
        values = list(self._reference.bug_models(function, *args))
        self._models[models_key(function, args)] = _store_models(values)
        return values

    def __getattr__(self, function: str) -> Callable:
        real = getattr(self._reference, function)

        def call(*args):
            value = real(*args)
            if not (isinstance(value, np.ndarray) and value.size > MAX_RECORDED):
                self._answers[call_key(function, args)] = _store(value)
            return value
        return call


class RecordedModels:
    """The live reference, with the bug models' values read from the recording where it holds
    them (every public case) and computed once per process elsewhere (hidden cases).

    A diagnosis on a public case then costs a lookup, not a replay of some seventy models over
    a sample of 10^6, and the instructor's grader and a students' copy read the same numbers.
    Everything else is the reference's own.
    """

    def __init__(self, reference: Any, models: dict[str, Any], keep: int = 64):
        self._reference, self._models = reference, models
        self._computed: dict[str, list[tuple[str, float]]] = {}
        self._keep = keep

    def bug_models(self, function: str, *args) -> Iterator[tuple[str, float]]:
        key = models_key(function, args)
        if key in self._models:
            return iter(_restore_models(self._models[key]))
        if key in self._computed:
            return iter(self._computed[key])
        return self._computing(key, self._reference.bug_models(function, *args))

    def _computing(self, key: str, values: Iterator[tuple[str, float]]):
        """Yield the live values; keep them only once all were asked for (a partial list
        would hide the later models from the next caller)."""
        seen = []
        for pair in values:
            seen.append(pair)
            yield pair
        if len(self._computed) >= self._keep:
            self._computed.pop(next(iter(self._computed)))
        self._computed[key] = seen

    def __getattr__(self, name: str) -> Any:
        return getattr(self._reference, name)


class Answers:
    """Stands in for the reference on a student's copy: answers looked up, never computed."""

    __file__ = None  # no folder, so no hidden draws beside it

    def __init__(self, answers: dict[str, Any], models: dict[str, Any] | None = None):
        self._answers = answers
        self._models = {} if models is None else models

    def bug_models(self, function: str, *args) -> list[tuple[str, float]]:
        """The recorded values of the bug models on a public case."""
        try:
            return _restore_models(self._models[models_key(function, args)])
        except KeyError:
            raise MissingAnswer(f"bug models of {function}") from None

    def __getattr__(self, function: str) -> Callable:
        def call(*args):
            try:
                return _restore(self._answers[call_key(function, args)])
            except KeyError:
                raise MissingAnswer(function) from None
        return call


# ------------------------------------------------------------------------------ draws


def _sizes(count: int, largest: int, smallest: int = 1) -> list[int]:
    """Input sizes for ``count`` draws, growing from ``smallest`` to ``largest``."""
    return [smallest + (i * (largest - smallest + 1)) // count for i in range(count)]


def _nice(i: int, count: int) -> bool:
    """The first third of the draws use small whole weights: short, readable counterexamples."""
    return i < count // 3


def _weights(rng: np.random.Generator, n: int, nice: bool) -> np.ndarray:
    w = rng.integers(0, 4, n).astype(float) if nice else np.where(
        rng.random(n) < 0.25, 0.0, rng.uniform(1e-3, 1.0, n))
    if not w.any():
        w[rng.integers(n)] = 1.0
    return w


def _normalised(w: np.ndarray) -> list[float]:
    return [float(v) for v in w / w.sum()]


def _case(function: str, names: tuple[str, ...], *values, dtype=None, note=None) -> Case:
    return Case(function, names, tuple(Arg.literal(v, dtype=dtype) for v in values), note)


def distributions(function: str, rng: np.random.Generator, count: int) -> list[Case]:
    """Probability vectors of 2 to 12 entries, zeros allowed (one entry is always [1.0])."""
    return [_case(function, ("p",), _normalised(_weights(rng, n, _nice(i, count))))
            for i, n in enumerate(_sizes(count, 12, 2))]


def distribution_pairs(function: str, rng: np.random.Generator, count: int) -> list[Case]:
    """(p, q) of one length, with q > 0 wherever p > 0 (the notebooks' contract)."""
    cases = []
    for i, n in enumerate(_sizes(count, 12, 2)):
        nice = _nice(i, count)
        wp, wq = _weights(rng, n, nice), _weights(rng, n, nice)
        wq = np.where(wp > 0, np.maximum(wq, 1.0 if nice else 1e-3),
                      np.where(rng.random(n) < 0.5, 0.0, wq))  # often 0 where p is: 0 log 0
        if not wq.any():
            wq = wp.copy()
        cases.append(_case(function, ("p", "q"), _normalised(wp), _normalised(wq)))
    return cases


def self_pairs(function: str, rng: np.random.Generator, count: int) -> list[Case]:
    """(p, p): a distribution against itself."""
    return [Case(function, ("p", "q"), (c.args[0], c.args[0]), "(D(p||p) = 0)")
            for c in distributions(function, rng, count)]


def labels_and_predictions(function: str, rng: np.random.Generator, count: int) -> list[Case]:
    """Hard or soft labels in [0, 1] and predictions strictly inside (0, 1)."""
    cases = []
    for i, n in enumerate(_sizes(count, 50)):
        if _nice(i, count):
            y = rng.integers(0, 2, n).astype(float)
            y_hat = rng.integers(1, 10, n) / 10
        else:
            kind = rng.integers(0, 3, n)
            y = np.where(kind == 0, 0.0, np.where(kind == 1, 1.0, rng.random(n)))
            y_hat = rng.uniform(1e-6, 1 - 1e-6, n)
        cases.append(_case(function, ("y", "y_hat"), y.tolist(), y_hat.tolist()))
    return cases


def _theta(rng: np.random.Generator, nice: bool) -> float:
    if nice:
        return float(rng.choice([0.0, 0.25, 0.5, 0.75, 1.0]))
    return float(rng.choice([0.0, 1.0, rng.random(), rng.random(), rng.random()]))


def samples_and_theta(function: str, rng: np.random.Generator, count: int) -> list[Case]:
    """0/1 samples (1 to 200) and theta in [0, 1], the boundaries included."""
    return [_case(function, ("x", "theta"), rng.integers(0, 2, n).tolist(),
                  _theta(rng, _nice(i, count)), dtype="int64")
            for i, n in enumerate(_sizes(count, 200))]


def samples(function: str, rng: np.random.Generator, count: int) -> list[Case]:
    """0/1 samples, 1 to 200 of them."""
    return [_case(function, ("x",), rng.integers(0, 2, n).tolist(), dtype="int64")
            for n in _sizes(count, 200)]


DRAWS: dict[str, Callable[[str, np.random.Generator, int], list[Case]]] = {
    f.__name__: f for f in (distributions, distribution_pairs, self_pairs,
                            labels_and_predictions, samples_and_theta, samples)
}
DRAWS.update(draws_softmax.DRAWS)


def draw(check: Any, seed: int) -> list[Case]:
    """The drawn cases of a check, from a seed mixed with the check's name."""
    rng = np.random.default_rng([seed, zlib.crc32(check.name.encode())])
    cases = DRAWS[check.draws](check.function, rng, check.examples)
    return list({c.call(full=True): c for c in cases}.values())  # each distinct case once


# ------------------------------------------------------------------------------ files


def _case_record(case: Case) -> dict:
    record = {"args": [a.source for a in case.args], "names": list(case.names)}
    if any(a.dtype for a in case.args):
        record["dtypes"] = [a.dtype for a in case.args]
    if case.note:
        record["note"] = case.note
    return record


def _case_from(function: str, record: dict) -> Case:
    dtypes = record.get("dtypes") or [None] * len(record["args"])
    args = tuple(Arg.of(s, dtype=d) for s, d in zip(record["args"], dtypes))
    return Case(function, tuple(record["names"]), args, record.get("note"))


@dataclass(frozen=True)
class Casebook:
    """Drawn cases per check name, and the recorded answers and bug models' values."""

    draws: dict[str, tuple[Case, ...]]
    answers: dict[str, Any]
    models: dict[str, Any] = field(default_factory=dict)

    def cases(self, check: Any) -> tuple[Case, ...] | None:
        """Fixed then drawn cases; ``None`` when the check draws and its draws are not here."""
        if check.draws is None:
            return check.cases
        drawn = self.draws.get(check.name)
        return None if drawn is None else check.cases + drawn


def _read(path: Path) -> dict:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("format") != FORMAT:
        raise ValueError(f"{path} has format {data.get('format')!r}; this kit reads {FORMAT}")
    return data


def _cases_of(data: dict) -> dict[str, tuple[Case, ...]]:
    from .checks import find

    return {name: tuple(_case_from(find(name).function, r) for r in records)
            for name, records in data["draws"].items()}


@lru_cache(maxsize=None)
def load(hidden_path: str | None) -> Casebook:
    """The public file, plus the hidden draws when the reference's folder has them."""
    public = _read(PUBLIC)
    draws = _cases_of(public)
    if hidden_path is not None and Path(hidden_path).is_file():
        draws.update(_cases_of(_read(Path(hidden_path))))
    return Casebook(draws, public["answers"], public.get("models", {}))


def hidden_path(reference: Any) -> str | None:
    """Where the hidden draws sit: beside the reference solutions' package."""
    folder = getattr(reference, "__file__", None)
    return str(Path(folder).parent / HIDDEN_NAME) if folder else None


# ------------------------------------------------------------------------------ building


def _probe_values(expected: Any) -> list[float]:
    """Values a judge may be handed: the right one and a few wrong ones, for every branch."""
    values = [0.0, -1.0, 0.5, math.nan, math.inf]
    if isinstance(expected, float):
        values.insert(0, expected)
        if math.isfinite(expected):
            values.append(expected + 1.0)
    return values


def record(checks: list, draws: dict[str, tuple[Case, ...]],
           reference: Any) -> tuple[dict, dict]:
    """Every answer the public checks' judges ask the reference for, on every case, and every
    bug model's value on every case (what a diagnosis of a wrong answer compares with)."""
    answers: dict[str, Any] = {}
    models: dict[str, Any] = {}
    recorder = Recorder(reference, answers, models)
    for check in checks:
        for case in check.cases + draws.get(check.name, ()):
            expected = getattr(recorder, case.function)(*case.values)
            recorder.bug_models(case.function, *case.values)
            for got in _probe_values(expected):
                check.judge(case, got, recorder)
    return dict(sorted(answers.items())), dict(sorted(models.items()))


def record_answers(checks: list, draws: dict[str, tuple[Case, ...]], reference: Any) -> dict:
    """Every answer the public checks' judges ask the reference for, on every case."""
    return record(checks, draws, reference)[0]


def build(reference: Any, *, new_hidden: bool = False, add_hidden: bool = False) -> None:
    """Write the public file (and, when asked, a fresh hidden file) from the reference.

    ``add_hidden`` draws hidden cases only for the hidden checks the hidden file does not
    have yet (a new function), from a fresh random seed, and keeps the others as they are.
    """
    from .checks import checks_for

    checks = checks_for()
    public = [c for c in checks if not c.hidden]
    draws = {c.name: tuple(draw(c, 0)) for c in public if c.draws}
    answers, models = record(public, draws, reference)
    data = {"format": FORMAT,
            "draws": {n: [_case_record(c) for c in cs] for n, cs in draws.items()},
            "answers": answers, "models": models}
    PUBLIC.parent.mkdir(exist_ok=True)
    PUBLIC.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    if add_hidden and not new_hidden:
        path = Path(hidden_path(reference))
        hidden = _read(path) if path.is_file() else {"format": FORMAT, "draws": {}}
        seed = secrets.randbits(64)
        for c in checks:
            if c.hidden and c.name not in hidden["draws"]:
                hidden["draws"][c.name] = [_case_record(k) for k in draw(c, seed)]
        path.write_text(json.dumps(hidden, indent=0) + "\n", encoding="utf-8")
    if new_hidden:
        seed = secrets.randbits(64)
        hidden = {"format": FORMAT, "draws": {
            c.name: [_case_record(k) for k in draw(c, seed)] for c in checks if c.hidden}}
        Path(hidden_path(reference)).write_text(json.dumps(hidden, indent=0) + "\n",
                                                encoding="utf-8")
    load.cache_clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograder.casebook", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--new-hidden", action="store_true",
                        help="also draw a fresh set of hidden cases (from a random seed)")
    parser.add_argument("--add-hidden", action="store_true",
                        help="draw hidden cases only for hidden checks that have none yet")
    args = parser.parse_args(argv)
    import solutions

    build(solutions, new_hidden=args.new_hidden, add_hidden=args.add_hidden)
    hidden = args.new_hidden or args.add_hidden
    print(f"wrote {PUBLIC}" + (f" and {hidden_path(solutions)}" if hidden else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
