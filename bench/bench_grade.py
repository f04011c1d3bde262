"""Grade the same class with ``nbgrader autograde`` and with ``python -m autograder grade``.

Run from the project root:

    python bench/bench_grade.py                  # 50 students, both graders
    python bench/bench_grade.py --n 10           # a quicker run
    python bench/bench_grade.py --skip-nbgrader  # the kit alone

The course in ``assignments/`` is copied to a temporary folder with a class in
``submitted/<student>/xent/``: by default written the way students write (``bench/student_class.py``:
loops with ``math.log``, grid searches, vectorised code, correct and buggy, drawn with a fixed
seed; the mix is printed), or with ``--class solved`` every student handing in the instructor's
solved notebooks. Each grader's run is timed as a whole, and a sampler reads the resident memory
of every process in its tree every 20 ms: the peak of that sum is the whole run's memory. The
kit's run is then repeated with every report already written, which times what does not grow
with the class (start-up, the canary, the class outputs and their figures); the difference is
the grading itself. The ratio compares whole runs. Memory is printed twice: the peak of the
summed RSS (a page shared by processes counts in each) and of the summed PSS (shared pages split
between their processes: the memory the run really holds). The sampler also reads each process's CPU
time (user and system); their sum is printed too: on a shared machine it moves far less with
the load than wall time does.

nbgrader is timed the way it grades out of the box: ``nbgrader autograde`` executing every cell of
every notebook in a Jupyter kernel (its default ``Execute`` first), with the kit's out-of-kernel
grade cells added. The kit's own nbgrader configuration runs no kernel at all (see the README);
that is a security choice, and not the anchor measured here.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from student_class import make_class  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ASSIGNMENT = "xent"


# nbgrader's default autograde list (it starts by executing the notebook in a Jupyter kernel),
# with the kit's out-of-kernel grades before SaveAutoGrades: nbgrader as instructors run it.
EXECUTING = """
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "autograder.nbgrader_plugin.OutOfKernelGrades",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
"""


def _env() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)  # nbgrader needs alembic from the same venv
    return {**os.environ, "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", "")]),
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}


def make_course(root: Path, n: int, kind: str) -> tuple[Path, str]:
    course = root / "course"
    shutil.copytree(REPO / "assignments", course,
                    ignore=shutil.ignore_patterns("gradebook.db", "submitted", "autograded",
                                                  "feedback", ".hypothesis", "__pycache__"))
    if kind == "realistic":
        mix = make_class(course, n)
        return course, ", ".join(f"{k} {v}" for k, v in sorted(mix.items()))
    notebooks = sorted((course / "source" / ASSIGNMENT).glob("*.ipynb"))
    for i in range(n):
        folder = course / "submitted" / f"student{i:03d}" / ASSIGNMENT
        folder.mkdir(parents=True)
        for notebook in notebooks:
            shutil.copy(notebook, folder / notebook.name)
    return course, "every function the instructor's solution"


def _sample(root: psutil.Process, cpu: dict, proportional: bool) -> tuple[int, int]:
    """The summed RSS of ``root``'s tree now, and (when ``proportional``) its summed PSS, else 0;
    records each process's CPU seconds in ``cpu``."""
    rss = pss = 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            with proc.oneshot():
                rss += proc.memory_info().rss
                pss += proc.memory_full_info().pss if proportional else 0
                times = proc.cpu_times()
                cpu[(proc.pid, proc.create_time())] = times.user + times.system
        except psutil.Error:
            pass
    return rss, pss


def run(command: list[str], cwd: Path) -> tuple[float, float, float, float]:
    """Run ``command``; its wall seconds, the peak of its process tree's summed RSS (MB), the
    CPU seconds of the whole tree (each process's own user and system time as last seen by the
    sampler: a process that lives less than a sample period may be missed, and each loses at
    most its last 20 ms), and the peak of the tree's summed PSS (MB).

    RSS counts a page shared by several processes (numpy, and whatever a forked worker
    inherited from the parent) once in each of them; PSS splits it between them, so its sum is
    the memory the run really holds. PSS is read every fifth sample (reading it costs ~1 ms per
    process)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    peak = [0, 0]
    cpu: dict = {}
    done = threading.Event()

    def sample() -> None:
        root = psutil.Process(process.pid)
        for tick in itertools.count():
            if done.is_set():
                return
            try:
                rss, pss = _sample(root, cpu, tick % 5 == 0)
            except psutil.Error:
                return
            peak[:] = max(peak[0], rss), max(peak[1], pss)
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        sys.exit(f"{' '.join(command[:4])} failed:\n{out[-2000:]}\n{err[-2000:]}")
    return seconds, peak[0] / 2**20, sum(cpu.values()), peak[1] / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=50, help="number of students (default 50)")
    parser.add_argument("--jobs", type=int, default=None, help="kit workers (default: CPUs)")
    parser.add_argument("--skip-nbgrader", action="store_true", help="time the kit only")
    parser.add_argument("--class", dest="kind", choices=("realistic", "solved"),
                        default="realistic", help="how the students wrote their functions")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        course, mix = make_course(Path(tmp), args.n, args.kind)
        notebooks = len(list((REPO / "assignments" / "release" / ASSIGNMENT).glob("*.ipynb")))
        print(f"{args.n} submissions of {notebooks} notebooks each; {os.cpu_count()} CPUs")
        print(f"functions written as: {mix}")
        command = [sys.executable, "-m", "autograder", "grade", str(course), "--out",
                   str(Path(tmp) / "kit"), "--assignment", ASSIGNMENT, "--quiet"]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        kit, kit_mb, kit_cpu, kit_pss = run(command, course)
        rows = (Path(tmp) / "kit" / "grades.csv").read_text().splitlines()[1:]
        totals = sorted({"/".join(row.split(",")[-2:]) for row in rows})
        print(f"kit scores: {', '.join(totals)} ({len(rows)} rows in grades.csv)")
        print(f"kit (python -m autograder grade):  {kit:7.1f} s  {kit / args.n:6.3f} s per "
              f"submission  (peak memory of the whole run: {kit_mb:.0f} MB RSS, {kit_pss:.0f} MB "
              f"PSS; CPU {kit_cpu:.1f} s)")
        fixed, fixed_mb, fixed_cpu, fixed_pss = run(command, course)  # no grading: all fresh
        print(f"  of which fixed costs:            {fixed:7.1f} s  (a rerun with nothing left to "
              f"grade: start-up, canary, class outputs; CPU {fixed_cpu:.1f} s; peak "
              f"{fixed_mb:.0f} MB RSS, {fixed_pss:.0f} MB PSS)")
        print(f"  and grading the class:           {kit - fixed:7.1f} s  "
              f"{(kit - fixed) / args.n:6.3f} s per submission  "
              f"(CPU {(kit_cpu - fixed_cpu) / args.n:.3f} s per submission)")
        if args.skip_nbgrader:
            return 0
        nbgrader = [sys.executable, "-m", "nbgrader"]
        run(nbgrader + ["generate_assignment", ASSIGNMENT, "--force"], course)  # fills the gradebook
        with open(course / "nbgrader_config.py", "a") as config:  # nbgrader's own way: a kernel
            config.write(EXECUTING)
        seconds, nb_mb, nb_cpu, nb_pss = run(
            nbgrader + ["autograde", ASSIGNMENT, "--create", "--force"], course)
        print(f"nbgrader autograde, kernel:        {seconds:7.1f} s  {seconds / args.n:6.3f} s per "
              f"submission  (peak memory of the whole run: {nb_mb:.0f} MB RSS, {nb_pss:.0f} MB "
              f"PSS; CPU {nb_cpu:.1f} s)")
        print(f"nbgrader / kit:                    {seconds / kit:7.1f} x  (CPU: "
              f"{nb_cpu / kit_cpu:.1f} x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
