"""Grade the hostile corpora in one batch and print a Markdown table of what each input got.

Run from the project root (as root, the batch runs in a PID namespace; see tests/hostile):

    python bench/hostile_table.py            # the table on stdout, a summary line on stderr
    python bench/hostile_table.py --keep DIR # keep the class folder and outputs in DIR

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
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile import broken_corpus, harness  # noqa: E402


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="grade in DIR and keep it")
    args = parser.parse_args(argv)
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="xent-hostile-"))
    folder.mkdir(parents=True, exist_ok=True)
    corpus = broken_corpus.corpus()
    start = time.perf_counter()
    try:
        def write_broken(subs: Path) -> None:
            for case in corpus:
                case.write(subs)

        run = harness.grade_hostile_class(folder, extra=write_broken)
        print("\n".join(table(run, corpus)))
        problems = [p[:300] for p in run.batch_problems() + run.innocent_problems() + [
            f"{n} changed" for n in run.kit_changed] + harness.describe_processes(run.leftover())]
        print(f"{len(run.tricks)} tricks, {len(corpus)} broken inputs, {len(run.alone)} honest "
              f"submissions graded in {time.perf_counter() - start:.0f} s; batch exit "
              f"{run.runs[0].returncode}; "
              f"{'whole-batch problems: ' + '; '.join(problems) if problems else 'no whole-batch problem'}",
              file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
