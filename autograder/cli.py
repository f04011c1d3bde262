"""Command line: ``python -m autograder check PATH [--json]`` and friends.

A thin layer: parse arguments, call :func:`autograder.runner.grade_path`, render, choose the exit
code. Exit codes (interface): 0 every check passed, 1 some check did not, 2 the input could not be
read or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

EXIT_PASSED, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2


def _functions(text: str | None) -> tuple[str, ...] | None:
    return tuple(f.strip() for f in text.split(",") if f.strip()) if text else None


def check_main(*, path: str, as_json: bool = False, functions: Sequence[str] | None = None,
               verbose: bool = False) -> int:
    """Self-check one submission and print its report."""
    from .checks import FUNCTIONS
    from .loader import SubmissionError
    from .render import json as render_json
    from .render import text as render_text
    from .runner import declared_functions, grade_path

    unknown = [f for f in functions or () if f not in FUNCTIONS]
    if unknown:
        print(f"error: unknown function {unknown[0]!r}; choose from {', '.join(FUNCTIONS)}",
              file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        report = grade_path(path, functions=functions or declared_functions(path))
    except SubmissionError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    print(render_json.render(report) if as_json else render_text.render(report, verbose=verbose))
    return EXIT_PASSED if report.all_passed else EXIT_FAILED


def list_main(*, functions: Sequence[str] | None = None) -> int:
    """Print the check catalogue: name, points, visibility and what each check is about."""
    from .checks import checks_for

    for check in checks_for(tuple(functions) if functions else None):
        hidden = "hidden" if check.hidden else "public"
        print(f"{check.name:<48} {check.points:>4g}  {hidden:<7} {check.about}")
    return EXIT_PASSED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m autograder",
        description="Check entropy, KL divergence, cross-entropy and Bernoulli MLE exercises.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = sub.add_parser("check", help="self-check one notebook or .py file",
                           description="Grade one submission and explain every failure.")
    check.add_argument("path", help="a .ipynb notebook, a .py file, or a folder of them")
    check.add_argument("--json", action="store_true", help="print the report as one JSON object")
    check.add_argument("--functions", metavar="NAMES",
                       help="comma-separated functions to check (default: all six)")
    check.add_argument("-v", "--verbose", action="store_true", help="also print the time taken")

    sub.add_parser("demo", help="grade the bundled example submissions")

    listing = sub.add_parser("list", help="list the check catalogue")
    listing.add_argument("--functions", metavar="NAMES")

    grade = sub.add_parser("grade", help="grade a whole class, in parallel and resumably",
                           description="Grade every submission under SUBMISSIONS (nbgrader's "
                                       "submitted/<student>/<assignment>/ layout, or one file or "
                                       "folder per student) and write reports, grades.csv, "
                                       "Gradescope results, feedback and a class report to DIR.")
    grade.add_argument("submissions", metavar="SUBMISSIONS")
    grade.add_argument("--out", metavar="DIR", required=True, help="where every output goes")
    grade.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: CPUs)")
    grade.add_argument("--assignment", metavar="NAME",
                       help="the nbgrader assignment to grade (needed when there are several)")
    grade.add_argument("--quiet", action="store_true", help="print nothing but errors")

    bundle = sub.add_parser("gradescope-bundle", help="build a Gradescope autograder zip")
    bundle.add_argument("--out", metavar="ZIP", default="autograder.zip")
    kit = sub.add_parser("student-kit", help="write the students' copy: no reference, no hidden "
                                             "inputs")
    kit.add_argument("out", metavar="DIR")
    sub.add_parser("gradescope-run", help="grade inside Gradescope (reads $XENT_GRADESCOPE_ROOT, "
                                          "default /autograder)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return check_main(path=args.path, as_json=args.json,
                          functions=_functions(args.functions), verbose=args.verbose)
    if args.command == "demo":
        from .demo import main as demo_main
        return demo_main()
    if args.command == "list":
        return list_main(functions=_functions(args.functions))
    if args.command == "grade":
        from .batch import main as grade_main
        return grade_main(submissions=args.submissions, out=args.out, jobs=args.jobs,
                          assignment=args.assignment, quiet=args.quiet)
    if args.command == "gradescope-bundle":
        from .gradescope import bundle_main
        return bundle_main(out=args.out)
    if args.command == "student-kit":
        from .student_kit import main as kit_main
        return kit_main(out=args.out)
    if args.command == "gradescope-run":
        from .gradescope import run_main
        return run_main()
    raise AssertionError(args.command)  # pragma: no cover - argparse rejects other commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
