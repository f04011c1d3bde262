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

import json
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

KERNEL = {"name": "xent-kit", "display_name": "Python (xent-kit)", "language": "python"}

README = """\
# xent-kit, students' copy

The notebooks are in `notebooks/xent/`. Set up once (Python 3.10 or newer), from the folder that
holds this `xent-kit` folder (or the `.whl` file your instructor published: install that file
instead of `./xent-kit`):

```
python3 -m venv xent-venv
. xent-venv/bin/activate
pip install ./xent-kit jupyterlab ipykernel
python -m ipykernel install --user --name xent-kit --display-name "Python (xent-kit)"
python -m autograder check xent-kit/notebooks/xent/01_entropy.ipynb
jupyter lab xent-kit/notebooks/xent
```

The notebooks select the kernel "Python (xent-kit)", which is this venv: with another kernel,
`grade("entropy")` fails with `No module named 'autograder'`.

- Run All stops at the first "Try it" cell until you have written that function: the stub
  raises `NotImplementedError` on purpose. Write the function, run its cell, go on.
- `grade("entropy")` grades what the kernel has run. If you edited a function, run its cell
  first; the grade cell says so when the saved notebook differs from what you ran.
- `-0.0` is zero: `-np.sum(...)` of terms that are all zero prints as `-0.0`, and `-0.0 == 0.0`.
- From a shell: `python -m autograder check 01_entropy.ipynb`, or `pytest 01_entropy.ipynb`
  (name the notebook: a bare `pytest` collects nothing).

The public checks show the failing input, expected and got, and a hint; the hidden checks run
when your instructor grades your work.
"""


def _select_kernel(folder: Path) -> None:
    """Make every notebook of the copy select the kit's named kernel (nbgrader restores the
    course's own kernelspec when it autogrades, so grading is unaffected)."""
    for notebook in folder.rglob("*.ipynb"):
        nb = json.loads(notebook.read_text(encoding="utf-8"))
        nb.setdefault("metadata", {})["kernelspec"] = dict(KERNEL)
        notebook.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n",
                            encoding="utf-8")


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
        _select_kernel(target / "notebooks")
    (target / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (target / "README.md").write_text(README, encoding="utf-8")
    return target


def main(*, out: str) -> int:
    target = build(out)
    print(f"wrote the students' copy to {target}; install it with `pip install {target}`",
          file=sys.stderr)
    return 0
