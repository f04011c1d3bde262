"""Grade the hostile corpora in one batch and print a Markdown table of what each input got.

Run from the project root (as root, the batch runs in a PID namespace; see tests/hostile):

    python bench/hostile_table.py            # every table on stdout, summary lines on stderr
    python bench/hostile_table.py --routes grade,check   # only some routes
    python bench/hostile_table.py --keep DIR # keep the class folder and outputs in DIR

Routes: ``grade`` (one batch, below), ``check`` (each trick alone through ``python -m autograder
check --json``), ``nbgrader`` (each trick a student of a copy of the course, through ``nbgrader
autograde`` with the kit's configuration; tests/hostile/nbgrader_route.py) and ``nocap`` (the
``grade`` batch again under ``capsh --drop=cap_sys_admin``: no namespaces, the fallback).

One batch grades the baseline (tests/hostile/baseline.py), honest submissions, every trick of
tests/hostile/tamper (each appended to the baseline) and every input of
tests/hostile/broken_corpus.py. Columns: the input, what it tries, its score as the grader
computed it, the baseline score it is held to (for a broken input: what its readable part is
worth), whether it gained points, whether the rest of the batch was untouched (for a trick: every
target its header names is intact; for a broken input: it did not crash the batch), and the
report's first note or failure message.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile import broken_corpus, harness, nbgrader_route  # noqa: E402

ROUTES = ("grade", "check", "nbgrader", "nocap")


def _cell(text: str, width: int = 90) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= width else text[: width - 1] + "…"


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:g}"


def _note(record: dict) -> str:
    """The first note that is not routine (a definition repeated, statements dropped), or the
    first message of a check that did not pass."""
    for note in record.get("notes", []):
        if not re.search(r"is defined (twice|\d+ times)|^Dropped ", note):
            return note
    for check in record.get("checks", []):
        if check["status"] != "passed":
            return check["message"]
    return ""


def table(run: harness.HostileRun, corpus: list[broken_corpus.Broken]) -> list[str]:
    rows = ["| input | what it tries | score | baseline score | gained? | rest of batch untouched? "
            "| note |", "|---|---|---|---|---|---|---|"]
    base = run.baseline_score
    for trick in run.tricks:
        got = run.score_of(trick.student)
        record = run.records.get(trick.student) or {}
        harm = run.target_problems(trick)
        note = _note(record) if "checks" in record else run.own_problems(trick)[0]
        rows.append(f"| tamper/{trick.name}.py | {_cell(trick.tries, 120)} | {_num(got)} | "
                    f"{base:g} | {'yes' if got is not None and got > base else 'no'} | "
                    f"{'no: ' + _cell('; '.join(harm), 80) if harm else 'yes'} | {_cell(note)} |")
    for name, why in run.skipped.items():
        rows.append(f"| tamper/{name}.py | — | — | {base:g} | — | — | not run: {_cell(why)} |")
    for case in corpus:
        got = run.score_of(case.student)
        record = run.records.get(case.student) or {}
        worth = broken_corpus.expected_score(case, run.alone["baseline"])
        solo = run.solo.get(case.student)
        crashed = solo is not None and solo.returncode not in (0, 2)
        said = solo.stderr.decode(errors="replace").strip().splitlines()[-1:] if solo else []
        note = _note(record) if "checks" in record else (
            f"no report; alone, the batch exits {solo.returncode}: {''.join(said)}" if solo
            else "no report: the batch does not grade it")
        rows.append(f"| broken/{case.name} | {_cell(case.what, 120)} | {_num(got)} | "
                    f"{worth:g} | {'yes' if got is not None and got > worth else 'no'} | "
                    f"{'no: it crashes the batch' if crashed else 'yes'} | {_cell(note)} |")
    for student, alone in run.alone.items():
        got = run.score_of(student)
        rows.append(f"| {student}.py (honest) | nothing | {_num(got)} | "
                    f"{harness.score(alone):g} alone | "
                    f"{'yes' if got is not None and got > harness.score(alone) else 'no'} | — | "
                    f"{_cell(_note(run.records.get(student) or {}))} |")
    return rows


def check_table(folder: Path) -> list[str]:
    """Each trick alone through ``python -m autograder check PATH --json``."""
    subs = folder / "check"
    subs.mkdir(parents=True)
    namespace = harness.namespaces_available()
    base_path = subs / "baseline.py"
    base_path.write_text(harness.BASELINE.read_text())
    (subs / "correct.py").write_text(harness.CORRECT.read_text())  # what links point at
    rows = ["| input | score | baseline score | gained? | exit | note |", "|---|---|---|---|---|---|"]

    def check(path: Path) -> tuple[float | None, object, str]:
        done = harness.run_isolated([sys.executable, "-m", "autograder", "check", str(path),
                                     "--json"], cwd=folder, timeout=300, namespace=namespace)
        try:
            record = json.loads(done.stdout.decode(errors="replace"))
            return harness.score(record), done.returncode, _note(record)
        except ValueError:
            said = done.stderr.decode(errors="replace").strip().splitlines()[-1:]
            return None, done.returncode, "no JSON: " + "".join(said)

    base, _, _ = check(base_path)
    for trick in harness.tricks():
        if trick.last and not namespace:
            rows.append(f"| tamper/{trick.name} | — | {_num(base)} | — | — | not run: no PID "
                        "namespace to contain it |")
            continue
        trick.write(subs)
        path = next(p for p in subs.iterdir() if harness.student_of(p) == trick.student)
        got, code, note = check(path)
        gained = "yes" if got is not None and base is not None and got > base else "no"
        rows.append(f"| {trick.name} | {_num(got)} | {_num(base)} | {gained} | {code} | "
                    f"{_cell(note)} |")
    return rows


def nbgrader_table(folder: Path) -> list[str]:
    """Each trick a student of a copy of the course, through ``nbgrader autograde``."""
    tricks = harness.tricks()
    found = nbgrader_route.grade(folder / "nbgrader", tricks)
    base = found["baseline"]["score"]
    rows = ["| input | score | baseline score | gained? | manual points appeared? "
            "| secret in its autograded notebook? |", "|---|---|---|---|---|---|"]
    for trick in tricks:
        row = found.get(trick.student)
        if row is None:
            why = "no PID namespace" if trick.last else "a folder submission has no notebook form"
            rows.append(f"| {trick.name} | — | {_num(base)} | — | — | not run: {why} |")
            continue
        got = row["score"]
        gained = "yes" if got is None or base is None or got > base else "no"
        rows.append(f"| {trick.name} | {_num(got)} | {_num(base)} | {gained} | "
                    f"{'yes' if row['manual'] else 'no'} | {'yes' if row['leaked'] else 'no'} |")
    run = found["_run"]
    print(f"nbgrader autograde of {len(found) - 1} students: exit {run['returncode']}, "
          f"{run['seconds']:.0f} s", file=sys.stderr)
    return rows


def grade_table(folder: Path) -> list[str]:
    corpus = broken_corpus.corpus()
    start = time.perf_counter()

    def write_broken(subs: Path) -> None:
        for case in corpus:
            case.write(subs)

    run = harness.grade_hostile_class(folder, extra=write_broken)
    problems = [p[:300] for p in run.batch_problems() + run.innocent_problems() + [
        f"{n} changed" for n in run.kit_changed] + harness.describe_processes(run.leftover())
        + run.key_problems() + run.cost_problems()]
    print(f"{len(run.tricks)} tricks, {len(corpus)} broken inputs, {len(run.alone)} honest "
          f"submissions graded in {time.perf_counter() - start:.0f} s; batch exit "
          f"{run.runs[0].returncode}; grader's own processes: peak "
          f"{run.grader_peak_rss >> 20} MB, {run.grader_cpu:.0f} s CPU; "
          f"{'whole-batch problems: ' + '; '.join(problems) if problems else 'no whole-batch problem'}",
          file=sys.stderr)
    return table(run, corpus)


def nocap_table(folder: Path) -> list[str]:
    """The ``grade`` table again, in a process tree without CAP_SYS_ADMIN."""
    capsh = shutil.which("capsh")
    if capsh is None or os.geteuid() != 0:
        return ["(not run: needs root and capsh, from Debian's libcap2-bin)"]
    inner = shlex.join([sys.executable, str(Path(__file__).resolve()), "--routes", "grade",
                        "--keep", str(folder / "nocap")])
    done = subprocess.run([capsh, "--drop=cap_sys_admin", "--", "-c", inner], capture_output=True,
                          cwd=Path(__file__).resolve().parents[1])
    sys.stderr.write(done.stderr.decode(errors="replace"))
    lines = done.stdout.decode(errors="replace").splitlines()
    return [line for line in lines if line.startswith("|")] or [
        f"(capsh run failed, exit {done.returncode})"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="grade in DIR and keep it")
    parser.add_argument("--routes", default=",".join(ROUTES),
                        help=f"comma-separated, from {', '.join(ROUTES)} (default: all)")
    args = parser.parse_args(argv)
    routes = [r.strip() for r in args.routes.split(",") if r.strip()]
    unknown = set(routes) - set(ROUTES)
    if unknown:
        parser.error(f"unknown route(s) {', '.join(sorted(unknown))}; choose from {', '.join(ROUTES)}")
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="xent-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    titles = {"grade": "python -m autograder grade (one batch)",
              "check": "python -m autograder check (each alone)",
              "nbgrader": "nbgrader autograde with the kit's configuration",
              "nocap": "python -m autograder grade, CAP_SYS_ADMIN dropped (capsh)"}
    makers = {"grade": grade_table, "check": check_table, "nbgrader": nbgrader_table,
              "nocap": nocap_table}
    try:
        for route in routes:
            if len(routes) > 1:
                print(f"\n### {titles[route]}\n")
            print("\n".join(makers[route](folder / route if route != "grade" else folder)),
                  flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
