"""Gradescope: build the autograder zip, and grade one submission inside Gradescope's container.

``python -m autograder gradescope-bundle --out autograder.zip`` builds a wheel of this source tree
and zips it with the two scripts Gradescope runs:

- ``setup.sh`` (once, when the image is built): makes a virtual environment ``$ROOT/xent-venv``
  and installs the wheel there (a system pip may be closed, PEP 668);
- ``run_autograder`` (once per submission): ``gradescope-run`` with that environment's Python,
  which grades the notebooks and ``.py`` files found anywhere under ``$ROOT/submission`` together
  (:mod:`autograder.container`) and writes ``$ROOT/results/results.json``.

``$ROOT`` is ``/autograder`` on Gradescope; the environment variable ``XENT_GRADESCOPE_ROOT``
points it elsewhere, which is how the tests run ``run_autograder`` against a fake tree.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path


ROOT_VARIABLE = "XENT_GRADESCOPE_ROOT"
DEFAULT_ROOT = "/autograder"
SOURCE_TREE = Path(__file__).resolve().parent.parent
TREE_PARTS = ("pyproject.toml", "README.md", "autograder", "solutions")

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image. The kit goes into a virtual
# environment of its own, so it works where the system's pip is closed (PEP 668, current Ubuntu).
set -euo pipefail
cd "$(dirname "$0")"
ROOT="${{XENT_GRADESCOPE_ROOT:-/autograder}}"
if ! command -v python3 >/dev/null || ! python3 -c "import venv, ensurepip" 2>/dev/null; then
    apt-get update && apt-get install -y python3 python3-venv
fi
python3 -m venv "$ROOT/xent-venv"
"$ROOT/xent-venv/bin/python" -m pip install --upgrade pip
"$ROOT/xent-venv/bin/python" -m pip install ./{wheel}
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this once per submission; results go to $ROOT/results/results.json.
set -euo pipefail
ROOT="${XENT_GRADESCOPE_ROOT:-/autograder}"
PYTHON="$ROOT/xent-venv/bin/python"
[ -x "$PYTHON" ] || PYTHON=python3
exec "$PYTHON" -m autograder gradescope-run
"""


def root() -> Path:
    return Path(os.environ.get(ROOT_VARIABLE) or DEFAULT_ROOT)


def run_main(*, allow_unprotected: bool = False) -> int:
    """``gradescope-run``: grade ``$ROOT/submission`` and write ``$ROOT/results/results.json``.

    Whatever the student uploaded (loose notebooks, a zipped folder, one notebook of three) is
    graded on the whole assignment, so Gradescope always shows the assignment's maximum. Exit 2
    without grading when student code could read the answer key (see
    :mod:`autograder.sandbox.protect`), unless ``allow_unprotected``."""
    from .container import run_in_container
    from .render import gradescope

    return run_in_container(root(), "submission", ("source",), gradescope.render,
                            allow_unprotected=allow_unprotected)


def build_wheel(into: Path) -> Path:
    """Build a wheel of this source tree into ``into`` without touching the tree itself."""
    missing = [p for p in TREE_PARTS if not (SOURCE_TREE / p).exists()]
    if missing:
        raise RuntimeError(f"{SOURCE_TREE} is not a source checkout of xent-kit (no {missing[0]}); "
                           "build the bundle from a clone of the repository.")
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "xent-kit"
        tree.mkdir()
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
        for part in TREE_PARTS:
            source = SOURCE_TREE / part
            if source.is_dir():
                shutil.copytree(source, tree / part, ignore=ignore)
            else:
                shutil.copy2(source, tree / part)
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", str(tree),
                   "-w", str(into)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:  # offline: build with the setuptools already installed
            done = subprocess.run(command + ["--no-build-isolation"], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"pip wheel failed:\n{done.stderr.strip()}")
    wheels = sorted(into.glob("xent_kit-*.whl"))
    if not wheels:
        raise RuntimeError("pip wheel reported success but wrote no xent_kit wheel.")
    return wheels[-1]


def bundle_main(*, out: str) -> int:
    """``gradescope-bundle``: write the zip Gradescope's "Configure Autograder" page takes."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            wheel = build_wheel(Path(tmp))
        except RuntimeError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        target = Path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, text in (("setup.sh", SETUP_SH.format(wheel=wheel.name)),
                               ("run_autograder", RUN_AUTOGRADER)):
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.external_attr = 0o100755 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, text)
            zf.write(wheel, wheel.name)
    print(f"wrote {target} (setup.sh, run_autograder, {wheel.name}); upload it on Gradescope's "
          "Configure Autograder page.")
    return 0
