"""``make demo``: grade a sample class with the batch grader and show what the instructor gets.

The class is made of 48 submissions: the bundled examples (``autograder/examples``), a selection of
correct variants from the test catalogue (``tests/catalogue/correct``) and, for every function, a
few of the known bugs (``tests/catalogue/buggy``), each composed with the catalogue's reference
student file as the test suite does. An installed kit has no ``tests/`` folder; the class is then
the examples alone. The class is graded into ``out/demo/`` exactly as
``python -m autograder grade`` would, and the demo prints the points of every student per
function, the class's most common diagnoses, and where the reports are.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

from . import batch
from .checks import FUNCTIONS
from .render.class_report import common_diagnoses

PACKAGE = Path(__file__).resolve().parent
EXAMPLES = PACKAGE / "examples"
CATALOGUE = PACKAGE.parent / "tests" / "catalogue"
OUT = Path("out") / "demo"
CORRECT_KEPT = 8
BUGS_PER_FUNCTION = 4
SHORT = {"entropy": "H", "kl_divergence": "KL", "cross_entropy": "CE",
         "binary_cross_entropy": "BCE", "bernoulli_log_likelihood": "logL",
         "bernoulli_mle": "MLE", "log_softmax": "LSM", "softmax_cross_entropy": "SCE",
         "softmax_cross_entropy_grad": "dSCE"}


def _spread(items: list, count: int) -> list:
    """``count`` items spread evenly over ``items`` (all of them when there are fewer)."""
    if len(items) <= count:
        return items
    return [items[round(i * (len(items) - 1) / (count - 1))] for i in range(count)]


def build_class(folder: Path) -> int:
    """Write the sample class into ``folder``, one ``.py`` file per student; return its size."""
    folder.mkdir(parents=True, exist_ok=True)
    students = {f"example-{p.stem}": p.read_text() for p in sorted(EXAMPLES.glob("*.py"))}
    reference = CATALOGUE / "reference_student.py"
    if reference.is_file():
        base = reference.read_text() + "\n\n"
        for entry in _spread(sorted((CATALOGUE / "correct").glob("*.py")), CORRECT_KEPT):
            students[f"ok-{entry.stem}"] = base + entry.read_text()
        bugs = sorted((CATALOGUE / "buggy").glob("*.py"))
        for function in FUNCTIONS:
            mine = [b for b in bugs if b.stem.split("__")[0] == function]
            for entry in _spread(mine, BUGS_PER_FUNCTION):
                students[f"bug-{entry.stem}"] = base + entry.read_text()
    for student, source in students.items():
        (folder / f"{student}.py").write_text(source)
    return len(students)


def main() -> int:
    if not EXAMPLES.is_dir():
        print("error: the demo grades the instructor's example submissions, which the students' "
              "copy of the kit does not include.", file=sys.stderr)
        return 2
    start = time.perf_counter()
    shutil.rmtree(OUT, ignore_errors=True)
    submissions = OUT / "submissions"
    size = build_class(submissions)
    source = "examples and catalogue" if size > 4 else "examples only (no tests/catalogue here)"
    print(f"Grading a sample class of {size} submissions ({source}) into {OUT}/ ...")
    batch.main(submissions=str(submissions), out=str(OUT), quiet=True)
    reports = {s: r for s, (_, r) in batch.load_reports(OUT).items()}

    print()
    print("=" * 78)
    print("Points per function (out of 10 each)")
    print("=" * 78)
    width = max(len(s) for s in reports) + 2
    print(f"{'student':<{width}}" + "".join(f"{SHORT[f]:>5}" for f in FUNCTIONS) + f"{'total':>8}")
    for student, report in reports.items():
        cells = "".join(f"{report.function_score(f)[0]:>5g}" for f in FUNCTIONS)
        print(f"{student:<{width}}{cells}{report.score:>5g}/{report.max_score:g}")
    scores = [r.score for r in reports.values()]
    print(f"class mean {sum(scores) / len(scores):.1f}/{max(r.max_score for r in reports.values()):g}, "
          f"{sum(r.all_passed for r in reports.values())} of {len(reports)} with full marks")

    print()
    print("=" * 78)
    print("The class's most common diagnoses")
    print("=" * 78)
    for d in common_diagnoses(reports, top=6):
        print(f"{d.students:>3} students  {d.key}: {d.why}")
        values = (f"  (expected {d.example_expected}, got {d.example_got})"
                  if d.example_expected is not None and d.example_got is not None else "")
        print(f"             e.g. {d.example_student}: {d.example_call}{values}")
    print()
    print(f"Class report (figures):   {OUT / 'class_report.html'}")
    print(f"Grades:                   {OUT / 'grades.csv'}")
    print(f"Student feedback:         {OUT / 'feedback'}/<student>.html and .md")
    print(f"Gradescope results:       {OUT / 'results'}/<student>.json")
    print(f"({time.perf_counter() - start:.1f} s.) Grade your own class with:  "
          f"python -m autograder grade SUBMISSIONS --out DIR")
    return 0
