"""The students' copy of the kit: the grader without the answer key.

``python -m autograder student-kit OUT`` writes ``OUT/xent-kit/``, a project students install
with ``pip install ./xent-kit`` (or the instructor publishes), holding:

- the ``autograder`` package, minus ``examples/`` (``correct.py`` there is a full solution);
- the public casebook, so every public check self-checks from recorded answers;
- the released notebooks of each assignment (``assignments/release/*``), which nbgrader has
  already stripped of their solutions and hidden tests.

Left out: the ``solutions`` package (reference code, the bug models that diagnoses compare
with, and the hidden checks' inputs, ``solutions/hidden_cases.json``), the catalogue of buggy and correct implementations in
``tests/``, and the nbgrader source notebooks. ``tests/test_student_kit.py`` builds a copy and
proves each of these, self-checks a submission with it in an interpreter that cannot see
the reference, and calls every callable of the copy with the public cases to show that none
reproduces the reference: the copy carries data (recorded answers and bug models' values),
never a working formula.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from . import __version__

ROOT = Path(__file__).resolve().parents[1]
LEFT_OUT = ("examples", "__pycache__", "*.pyc")

PYPROJECT = f"""\
[build-system]
requires = ["setuptools>=69"]
build-backend = "setuptools.build_meta"

[project]
name = "xent-kit"
version = "{__version__}"
description = "Self-checks for the entropy, KL divergence, cross-entropy and maximum likelihood exercises."
requires-python = ">=3.10"
dependencies = ["numpy>=1.23", "pytest>=7.4", "matplotlib>=3.6"]

[project.scripts]
xent-check = "autograder.cli:main"

[project.entry-points.pytest11]
xent = "autograder.pytest_plugin"

[tool.setuptools.packages.find]
include = ["autograder*"]

[tool.setuptools.package-data]
autograder = ["data/*.json"]
"""

README = """\
# xent-kit, students' copy

Install once, then self-check a notebook or a .py file:

    pip install ./xent-kit
    python -m autograder check 01_entropy.ipynb

Or run the `grade("entropy")` cells in the notebooks under `notebooks/`. The public checks run
here with the failing input, expected and got, and a hint; the hidden checks run when your
instructor grades your work.
"""


def build(out: str | Path) -> Path:
    """Write the students' copy into ``out/xent-kit`` (replacing an older one); return it."""
    target = Path(out) / "xent-kit"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / "autograder", target / "autograder",
                    ignore=shutil.ignore_patterns(*LEFT_OUT))
    release = ROOT / "assignments" / "release"
    if release.is_dir():
        shutil.copytree(release, target / "notebooks",
                        ignore=shutil.ignore_patterns(".*", "__pycache__"))
    (target / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (target / "README.md").write_text(README, encoding="utf-8")
    return target


def main(*, out: str) -> int:
    target = build(out)
    print(f"wrote the students' copy to {target}; install it with `pip install {target}`",
          file=sys.stderr)
    return 0
