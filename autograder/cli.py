"""Command line: ``python -m autograder check PATH [--json]`` and friends.

A thin layer: parse arguments, call :func:`autograder.runner.grade_path`, render, choose the exit
code. Exit codes (interface): 0 every check passed, 1 some check did not, 2 the input could not be
read or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

EXIT_PASSED, EXIT_FAILED, EXIT_UNREADABLE = 0, 1, 2


def _functions(text: str | None) -> tuple[str, ...] | None:
    return tuple(f.strip() for f in text.split(",") if f.strip()) if text else None


def _add_limits(parser: argparse.ArgumentParser) -> None:
    from .sandbox import Limits

    d = Limits()
    group = parser.add_argument_group("limits on the student's code")
    group.add_argument("--call-seconds", type=float, metavar="S", default=d.call_seconds,
                       help=f"wall time per call (default {d.call_seconds:g})")
    group.add_argument("--load-seconds", type=float, metavar="S", default=d.load_seconds,
                       help=f"wall time to run the submission's definitions "
                            f"(default {d.load_seconds:g})")
    group.add_argument("--submission-seconds", type=float, metavar="S",
                       default=d.submission_seconds,
                       help=f"wall time for all calls of one submission "
                            f"(default {d.submission_seconds:g})")
    group.add_argument("--memory-mb", type=int, metavar="MB", default=d.memory_bytes >> 20,
                       help=f"address space of the student's process (default "
                            f"{d.memory_bytes >> 20})")
    group.add_argument("--processes", type=int, metavar="N", default=d.processes,
                       help=f"processes and threads it may run at once (default {d.processes})")


def _add_unprotected(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--allow-unprotected", action="store_true",
                        help="grade even when student code could read the answer key (see "
                             "`python -m autograder isolation`)")


def _limits(args: argparse.Namespace):
    from .sandbox import Limits

    for name in ("call_seconds", "load_seconds", "submission_seconds", "memory_mb", "processes"):
        if getattr(args, name) <= 0:
            raise ValueError(f"--{name.replace('_', '-')} must be positive")
    return Limits(call_seconds=args.call_seconds, load_seconds=args.load_seconds,
                  submission_seconds=args.submission_seconds,
                  memory_bytes=args.memory_mb << 20, processes=args.processes)


def check_main(*, path: str, as_json: bool = False, functions: Sequence[str] | None = None,
               verbose: bool = False, limits=None) -> int:
    """Self-check one submission and print its report."""
    from .sandbox.spawner import prestart

    prestart()
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
        report = grade_path(path, functions=functions or declared_functions(path), limits=limits)
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


def isolation_main() -> int:
    """Probe what a sandbox can read on this machine; print the level in one line, then details.
    Exit 0 when the answer key is unreadable from the sandbox, 1 when it is readable."""
    from .sandbox.protect import probe

    level = probe()
    print(level.line)
    for line in level.details():
        print(line)
    if level.readable and level.own_uid and os.geteuid() == 0:
        print("  grade and gradescope-run make these unreadable to other users (chmod o-rwx) "
              "before grading, then probe again")
    return EXIT_PASSED if level.protected else EXIT_FAILED


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
    _add_limits(check)

    sub.add_parser("demo", help="grade the bundled example submissions")

    sub.add_parser("isolation", help="print what isolation the sandbox applies on this machine")

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
    dask = grade.add_argument_group("grading on a Dask cluster")
    dask.add_argument("--executor", choices=("local", "dask"), default="local",
                      help="local worker processes (default) or a Dask distributed cluster")
    dask.add_argument("--scheduler", metavar="ADDRESS",
                      help="a tls:// scheduler address (default: a LocalCluster here)")
    dask.add_argument("--dask-workers", type=int, default=2, metavar="N",
                      help="workers of the LocalCluster (default 2)")
    dask.add_argument("--tls-ca-file", metavar="PEM")
    dask.add_argument("--tls-cert", metavar="PEM")
    dask.add_argument("--tls-key", metavar="PEM")
    _add_unprotected(grade)
    grade.add_argument("--student", metavar="NAME",
                       help="regrade this one student (the others keep their reports)")
    grade.add_argument("--compare", metavar="OLD_OUT",
                       help="after grading, print per student what changed against the reports "
                            "in OLD_OUT (points per function, and the checks that moved)")
    grade.add_argument("--due", metavar="TIME",
                       help="due time, ISO 8601 (2026-03-01 23:59; UTC unless a zone is given); "
                            "with --late-penalty, read nbgrader's timestamp.txt")
    grade.add_argument("--late-penalty", type=float, metavar="PCT",
                       help="percent of the score lost per started day late")
    grade.add_argument("--late-cap", type=float, metavar="PCT", default=100.0,
                       help="most a late submission can lose, in percent (default 100)")
    grade.add_argument("--no-canary", action="store_true",
                       help="skip grading the reference first (not recommended)")
    _add_limits(grade)

    bundle = sub.add_parser("gradescope-bundle", help="build a Gradescope autograder zip")
    bundle.add_argument("--out", metavar="ZIP", default="autograder.zip")
    kit = sub.add_parser("student-kit", help="write the students' copy: no reference, no hidden "
                                             "inputs")
    kit.add_argument("out", metavar="DIR")
    run = sub.add_parser("gradescope-run", help="grade inside Gradescope (reads "
                                                "$XENT_GRADESCOPE_ROOT, default /autograder)")
    _add_unprotected(run)
    pl_bundle = sub.add_parser("prairielearn-bundle",
                               help="write the course files that make the kit PrairieLearn's "
                                    "external grader")
    pl_bundle.add_argument("--out", metavar="DIR", default="prairielearn")
    pl_run = sub.add_parser("prairielearn-run", help="grade inside PrairieLearn's container "
                                                     "(reads $XENT_PRAIRIELEARN_ROOT, default /grade)")
    _add_unprotected(pl_run)
    export = sub.add_parser("export", help="write a gradebook import file for Canvas or Moodle",
                            description="Write OUT/canvas.csv or OUT/moodle.csv from the reports "
                                        "that `grade --out OUT` saved.")
    export.add_argument("out", metavar="OUT", help="the folder `grade --out` wrote")
    export.add_argument("--format", choices=("canvas", "moodle"), required=True)
    export.add_argument("--assignment", default="xent",
                        help="the assignment's name as the gradebook shows it (default: xent)")
    export.add_argument("--roster", metavar="CSV",
                        help="Canvas: the gradebook exported from Canvas, to match students")
    export.add_argument("--to", metavar="FILE", help="where to write (default OUT/<format>.csv)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        limits = _limits(args) if hasattr(args, "call_seconds") else None
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.command == "check":
        return check_main(path=args.path, as_json=args.json, functions=_functions(args.functions),
                          verbose=args.verbose, limits=limits)
    if args.command == "demo":
        from .demo import main as demo_main
        return demo_main()
    if args.command == "isolation":
        return isolation_main()
    if args.command == "list":
        return list_main(functions=_functions(args.functions))
    if args.command == "grade":
        from .batch import main as grade_main
        connection = None
        if args.executor == "dask":
            from .dask_executor import Connection
            connection = Connection(args.scheduler, args.dask_workers, args.tls_ca_file,
                                    args.tls_cert, args.tls_key)
        return grade_main(submissions=args.submissions, out=args.out, jobs=args.jobs,
                          assignment=args.assignment, quiet=args.quiet, limits=limits,
                          connection=connection, allow_unprotected=args.allow_unprotected,
                          student=args.student, compare=args.compare, due=args.due,
                          late_penalty=args.late_penalty, late_cap=args.late_cap,
                          canary=not args.no_canary)
    if args.command == "gradescope-bundle":
        from .gradescope import bundle_main
        return bundle_main(out=args.out)
    if args.command == "student-kit":
        from .student_kit import main as kit_main
        return kit_main(out=args.out)
    if args.command == "gradescope-run":
        from .gradescope import run_main
        return run_main(allow_unprotected=args.allow_unprotected)
    if args.command == "prairielearn-bundle":
        from .prairielearn import bundle_main as pl_bundle_main
        return pl_bundle_main(out=args.out)
    if args.command == "prairielearn-run":
        from .prairielearn import run_main as pl_run_main
        return pl_run_main(allow_unprotected=args.allow_unprotected)
    if args.command == "export":
        from .lms import export_main
        return export_main(out=args.out, format=args.format, assignment=args.assignment,
                           roster=args.roster, to=args.to)
    raise AssertionError(args.command)  # pragma: no cover - argparse rejects other commands


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
