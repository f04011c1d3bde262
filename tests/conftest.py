"""Shared fixtures: the catalogue of student implementations and a grading helper."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# pytest-xdist's worker processes run under execnet, whose ``__main__`` has no ``__spec__``;
# multiprocessing's spawn (Dask's nanny starts its workers that way) reads it. A ``python -c``
# program has ``__spec__ = None``: give the worker's ``__main__`` the same.
if not hasattr(sys.modules["__main__"], "__spec__"):
    sys.modules["__main__"].__spec__ = None

HERE = Path(__file__).parent
CATALOGUE = HERE / "catalogue"
REFERENCE_STUDENT = CATALOGUE / "reference_student.py"

_HEADER = re.compile(r"^#\s*(catalogue|function|check|diagnosis|why|reveals):\s*(.*?)\s*$")


@dataclass(frozen=True)
class Entry:
    """One catalogue file: an override of the reference student file, and what it should get."""

    path: Path
    kind: str  # "buggy" | "correct"
    function: str
    checks: tuple[str, ...]
    diagnosis: str | None
    why: str

    @property
    def id(self) -> str:
        return self.path.stem

    def submission_source(self) -> str:
        """The reference student file with this entry's functions defined after it (they win)."""
        return REFERENCE_STUDENT.read_text() + "\n\n" + self.path.read_text()


def read_entry(path: Path) -> Entry:
    fields: dict[str, str] = {}
    for line in path.read_text().splitlines():
        m = _HEADER.match(line)
        if m:
            fields.setdefault(m.group(1), m.group(2))
        elif line.strip() and not line.startswith("#"):
            break
    checks = tuple(c.strip() for c in fields.get("check", "").split(",") if c.strip())
    diagnosis = fields.get("diagnosis")
    return Entry(path, fields["catalogue"], fields["function"], checks,
                 None if diagnosis in (None, "none") else diagnosis, fields.get("why", ""))


def entries(kind: str) -> list[Entry]:
    return [read_entry(p) for p in sorted((CATALOGUE / kind).glob("*.py"))]


@pytest.fixture
def write_submission(tmp_path):
    """Write source text to a file in a temporary folder and return its path."""
    def write(source: str, name: str = "submission.py") -> Path:
        path = tmp_path / name
        path.write_text(source)
        return path
    return write


#: The test files that take longest (measured with ``--durations=0``), longest first. With
#: ``pytest -n 2 --dist loadfile`` (``make test``) each worker takes whole files in collection
#: order, so these start first and the two workers finish together instead of one waiting on
#: a long file it picked up last. Order only: a file missing here runs after them.
LONGEST_FIRST = (
    "test_browser.py", "test_tamper.py", "test_catalogue.py", "test_nbgrader_pipeline.py",
    "test_faults.py", "test_batch.py", "test_isolation.py", "test_notebook_selfcheck.py",
    "test_student_kit.py", "test_gradescope.py", "test_broken_inputs.py", "test_dask.py",
    "test_isolation_fallback.py",
)


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable within a file
