"""Grade the same class with ``nbgrader autograde`` and with ``python -m autograder grade``.

Run from the project root:

    python bench/bench_grade.py                  # 50 students, both graders
    python bench/bench_grade.py --n 10           # a quicker run
    python bench/bench_grade.py --skip-nbgrader  # the kit alone

The course in ``assignments/`` is copied to a temporary folder; every student submits the three
solved notebooks of assignment ``xent`` (the source notebooks), placed in
``submitted/<student>/xent/``. The kit grades first, so the peak memory read afterwards from
``getrusage(RUSAGE_CHILDREN)`` (the largest process among its descendants: the grading parent,
a worker, or a sandbox child) is the kit's alone. Both graders run the notebooks' checks: nbgrader
executes every cell in a Jupyter kernel, the kit loads the definitions and runs them in a forked
sandbox child.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "xent"


def _env() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)  # nbgrader needs alembic from the same venv
    return {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")]),
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def make_course(root: Path, n: int) -> Path:
    course = root / "course"
    shutil.copytree(REPO / "assignments", course,
                    ignore=shutil.ignore_patterns("gradebook.db", "submitted", "autograded",
                                                  "feedback", ".hypothesis", "__pycache__"))
    notebooks = sorted((course / "source" / ASSIGNMENT).glob("*.ipynb"))
    for i in range(n):
        folder = course / "submitted" / f"student{i:03d}" / ASSIGNMENT
        folder.mkdir(parents=True)
        for notebook in notebooks:
            shutil.copy(notebook, folder / notebook.name)
    return course


def run(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command[:4])} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="number of students (default 50)")
    parser.add_argument("--jobs", type=int, default=None, help="kit workers (default: CPUs)")
    parser.add_argument("--skip-nbgrader", action="store_true", help="time the kit only")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        course = make_course(Path(tmp), args.n)
        print(f"{args.n} submissions of 3 notebooks each; {os.cpu_count()} CPUs")
        command = [sys.executable, "-m", "autograder", "grade", str(course), "--out",
                   str(Path(tmp) / "kit"), "--assignment", ASSIGNMENT, "--quiet"]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        kit = run(command, course)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        rows = (Path(tmp) / "kit" / "grades.csv").read_text().splitlines()[1:]
        totals = sorted({"/".join(row.split(",")[-2:]) for row in rows})
        print(f"kit scores: {', '.join(totals)} ({len(rows)} rows in grades.csv)")
        print(f"kit (python -m autograder grade):  {kit:7.1f} s  {kit / args.n:6.3f} s per submission"
              f"  (peak memory of one process: {peak_mb:.0f} MB)")
        if args.skip_nbgrader:
            return 0
        nbgrader = [sys.executable, "-m", "nbgrader"]
        run(nbgrader + ["generate_assignment", ASSIGNMENT, "--force"], course)  # fills the gradebook
        seconds = run(nbgrader + ["autograde", ASSIGNMENT, "--create", "--force"], course)
        print(f"nbgrader autograde:                {seconds:7.1f} s  {seconds / args.n:6.3f} s per "
              f"submission")
        print(f"nbgrader / kit:                    {seconds / kit:7.1f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
