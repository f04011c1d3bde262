"""Grade a whole class: find the submissions, grade them in parallel, resume after a crash.

``python -m autograder grade SUBMISSIONS --out DIR`` runs :func:`main`. The pieces:

- :func:`discover` finds one submission per student, in nbgrader's layout
  (``submitted/<student>/<assignment>/*.ipynb``) or in a plain folder (one ``.py`` / ``.ipynb``
  file per student, the id being the file's stem, or one sub-folder per student);
- a pool of worker processes, forked once and kept warm, grades them; each submission's code still
  runs in its own sandbox child forked by the runner, never in a worker;
- the parent writes each report to ``DIR/reports/<student>.json`` atomically (a temporary file,
  then :func:`os.replace`), with the SHA-256 of the submission's bytes and a fingerprint of the
  grader (its code, casebook and reference); a rerun skips every student whose report holds the
  same two, so a batch killed at any moment finishes where it stopped, and a changed check,
  tolerance or reference regrades everyone;
- every other output (CSV, Gradescope, feedback, the class report) is rebuilt from the reports at
  the end (:mod:`autograder.class_outputs`), so a resumed batch writes the same files as an
  uninterrupted one.

Failing closed and honestly: each student is graded by :func:`autograder.one_student.grade_item`,
which turns any exception into that student's report; a crash between worker and parent does
the same. Before the class, :mod:`autograder.canary` grades the reference in the same sandbox
and stops the run (exit 2) if it loses a point: the pool's workers grade it in parts while the
parent probes the sandbox, and no student reaches a worker before the verdict. At the end,
:func:`autograder.records.summary` prints the score distribution and names the blank,
unreadable, errored and flagged submissions.
"""


from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Sequence

from .class_outputs import (REPORTS, load_reports, read_record, write_atomic,  # noqa: F401
                            write_outputs)
from .one_student import ERRORED, errored_report, grade_item, unreadable_report  # noqa: F401
from .render.safe import printable

SUFFIXES = (".py", ".ipynb")
CANARY_PARTS = 3  # the canary is graded in at most this many workers at once (a sandbox each)


@dataclass(frozen=True)
class Item:
    """One student's submission: a file, or a folder of files graded together."""

    student: str
    path: Path


# ------------------------------------------------------------------------------- discovery


def discover(root: str | Path, *, assignment: str | None = None) -> list[Item]:
    """Every submission under ``root``, sorted by student id.

    ``root`` may be nbgrader's ``submitted`` folder, a course root that contains one, or a plain
    folder of files or per-student folders. Raises :class:`ValueError` with a sentence saying
    what to do when nothing can be found.
    """
    root = Path(root)
    if not root.is_dir():
        raise ValueError(f"{root} is not a folder of submissions.")
    submitted = root if root.name == "submitted" else root / "submitted"
    if submitted.is_dir():
        return _nbgrader_layout(submitted, assignment)
    items = []
    for path in sorted(root.iterdir()):
        if path.name.startswith((".", "_")):
            continue
        if path.is_file() and path.suffix in SUFFIXES:
            items.append(Item(path.stem, path))
        elif path.is_dir():  # graded even without code: an empty folder scores 0, with a note
            items.append(Item(path.name, path))
    names = [i.student for i in items]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise ValueError(f"{root} holds two submissions for {twice[0]!r} (a file and a folder, "
                         "or a .py and an .ipynb); keep one per student.")
    if not items:
        raise ValueError(f"{root} holds no .py or .ipynb submissions and no submitted/ folder.")
    return sorted(items, key=lambda i: i.student)


def _nbgrader_layout(submitted: Path, assignment: str | None) -> list[Item]:
    students = sorted(p for p in submitted.iterdir() if p.is_dir() and not p.name.startswith("."))
    if assignment is None:
        found = sorted({a.name for s in students for a in s.iterdir()
                        if a.is_dir() and not a.name.startswith(".")})
        if len(found) != 1:
            which = ", ".join(found) or "none"
            raise ValueError(f"{submitted} holds assignments: {which}. Choose one with "
                             "--assignment NAME.")
        assignment = found[0]
    items = [Item(s.name, s / assignment) for s in students if (s / assignment).exists()]
    if not items:
        raise ValueError(f"No student in {submitted} submitted the assignment {assignment!r}.")
    return items


def submission_hash(path: Path) -> str:
    """SHA-256 over the submission's files (name and bytes), so any change is a new submission."""
    digest = hashlib.sha256()
    files = [path] if path.is_file() else sorted(
        p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(path).parts))
    for file in files:
        digest.update(os.fsencode(file.name) + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError as e:
            digest.update(f"unreadable: {e}".encode())
        digest.update(b"\0")
    return digest.hexdigest()


def grader_fingerprint() -> str:
    """SHA-256 over the grader's code and data and the reference's files, when present."""
    import importlib.util

    package = Path(__file__).resolve().parent
    files = sorted(p for p in package.rglob("*") if p.suffix in (".py", ".json")
                   and "examples" not in p.parts)
    spec = importlib.util.find_spec("solutions")
    if spec is not None and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            files += sorted(p for p in Path(folder).rglob("*") if p.suffix in (".py", ".json"))
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


# ---------------------------------------------------------------------------------- grading


def class_functions(items: Sequence[Item]) -> tuple[str, ...] | None:
    """The functions the class is graded on: every function any submission's test cells grade.

    Taken over the whole class, so a student who deletes a test cell is still graded (and scored
    out of the same maximum) on that function. ``None`` (all six) when a submission is a ``.py``
    file or declares nothing.
    """
    from .checks import FUNCTIONS
    from .runner import declared_functions

    found: set[str] = set()
    for item in items:
        declared = declared_functions(item.path)
        if declared is None:
            return None
        found.update(declared)
    return tuple(f for f in FUNCTIONS if f in found) or None


def _warm_up(parent: int) -> None:
    """Run once in each worker: die with the parent, start the worker's zygote (it boots while
    the rest is imported), and import what grading needs."""
    _die_with_parent(parent)
    from .sandbox.spawner import prestart

    prestart()
    import numpy  # noqa: F401

    from . import runner  # noqa: F401
    runner.reference_module()


def _new_pool(width: int) -> ProcessPoolExecutor:
    """``width`` worker processes, forked from this one (so they share what it imported)."""
    return ProcessPoolExecutor(max_workers=width, mp_context=multiprocessing.get_context("fork"),
                               initializer=_warm_up, initargs=(os.getpid(),))


def _die_with_parent(parent: int) -> None:
    """A batch killed with ``kill -9`` must not leave its workers behind (Linux: prctl)."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _save(reports: Path, item: Item, digest: str, record: dict, grader: str,
          functions: Sequence[str] | None = None) -> dict:
    """Write the student's report; a record that cannot be written becomes an errored one.

    Returns the record as written. JSON is written ASCII-only, so no text a student wrote can
    stop the writer.
    """
    from .records import submission_time

    base = {"student": item.student, "hash": digest, "grader": grader,
            "submitted": submission_time(item.path)}
    try:
        text = json.dumps({**base, **record}, indent=2, allow_nan=False) + "\n"
    except (TypeError, ValueError) as error:
        record = _errored_record(record.get("submission", item.student), functions,
                                 f"its report could not be written: {type(error).__name__}")
        text = json.dumps({**base, **record}, indent=2, allow_nan=False) + "\n"
    write_atomic(reports / f"{item.student}.json", text)
    return {**base, **record}


def _errored_record(shown: str, functions: Sequence[str] | None, what: str,
                    advice: str = "") -> dict:
    from .render.json import report_record

    record = report_record(errored_report(shown, functions, what))
    record.update(submission=shown, outcome=ERRORED, flags=[],
                  instructor_notes=[f"{what}{advice}"])
    return record


def _worker_died(shown: str, functions: Sequence[str] | None) -> dict:
    return _errored_record(shown, functions, "the grading process stopped twice while grading "
                                             "it: out of memory, or killed",
                           "; grade it alone with `python -m autograder check` to see why")


class Progress:
    """A ``\\r`` progress line on a terminal; one line per submission otherwise."""

    def __init__(self, total: int, *, quiet: bool, stream=None) -> None:
        self.total, self.done, self.quiet = total, 0, quiet
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.start = time.perf_counter()

    def update(self, student: str, record: dict, note: str = "") -> None:
        self.done += 1
        if self.quiet:
            return
        score = sum(c["points"] for c in record["checks"])
        top = sum(c["max_points"] for c in record["checks"])
        if self.tty:
            rate = self.done / max(time.perf_counter() - self.start, 1e-9)
            self.stream.write(f"\rgraded {self.done}/{self.total}  ({rate:.1f}/s)  "
                              f"{printable(student)[:30]:<30}")
        else:
            self.stream.write(f"graded {printable(student)}: {score:g}/{top:g}{note}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty and not self.quiet and self.done:
            self.stream.write("\n")
            self.stream.flush()


def grade_all(items: Sequence[Item], out: Path, *, jobs: int | None = None, quiet: bool = False,
              root: Path | None = None,
              grade: Callable[[str, str, str], dict] | None = None,
              grader: str | None = None, limits=None, only: str | None = None,
              functions: Sequence[str] | None | str = "class",
              connection=None, pool: ProcessPoolExecutor | None = None,
              todo: list[tuple[Item, str]] | None = None) -> dict[str, int]:
    """Grade every item whose report is missing or stale; return counts of what happened.

    A report is stale when the submission or the grader (``grader``: a fingerprint, by default
    :func:`grader_fingerprint`) changed since it was written. With ``only`` (a student id), that
    student alone is regraded, whatever their report holds. Reports of students who are no
    longer among ``items`` move to ``out/removed/``. ``pool``: warm workers to start with
    (:func:`main` forks them before the canary); it is shut down when grading ends. ``todo``:
    what :func:`to_grade` found, if the caller has asked it already (it hashes every file).
    """
    if functions == "class":
        functions = class_functions(items)
    grade = grade or partial(grade_item, functions=functions, limits=limits)
    grader = grader or grader_fingerprint()
    reports = out / REPORTS
    reports.mkdir(parents=True, exist_ok=True)
    for stale in reports.glob(".*.tmp"):
        stale.unlink(missing_ok=True)
    removed = _remove_departed(out, {i.student for i in items})
    if todo is None:
        todo = to_grade(items, out, grader, only)
    skipped = len(items) - len(todo)
    progress = Progress(len(todo), quiet=quiet)
    save = partial(_save, reports, grader=grader, functions=functions)
    worker_died = partial(_worker_died, functions=functions)
    errored = partial(_errored_record, functions=functions)
    if connection is not None:  # a Dask cluster (autograder.dask_executor)
        from . import dask_executor

        died = dask_executor.run(todo, save, progress, root, grade, worker_died, errored,
                                 _shown, connection)
    else:
        died = _run_pool(todo, save, jobs or os.cpu_count() or 1, progress, root, grade,
                         worker_died, errored, pool)
    progress.close()
    return {"graded": len(todo), "skipped": skipped, "worker_deaths": died, "removed": removed}


def to_grade(items: Sequence[Item], out: Path, grader: str,
             only: str | None = None) -> list[tuple[Item, str]]:
    """(item, submission hash) of every item whose report in ``out`` is missing or stale, or of
    ``only`` alone when given."""
    todo = []
    for item in items:
        if only is not None and item.student != only:
            continue
        digest = submission_hash(item.path)
        old = read_record(out / REPORTS / f"{item.student}.json")
        if (only is not None or old is None or old.get("hash") != digest
                or old.get("grader") != grader):
            todo.append((item, digest))
    return todo


def _remove_departed(out: Path, students: set[str]) -> int:
    """Move the reports of students no longer in the class to ``out/removed/``; drop their
    per-student outputs. Returns how many left."""
    departed = [p for p in sorted((out / REPORTS).glob("*.json"))
                if (read_record(p) or {}).get("student", p.stem) not in students]
    if departed:
        (out / "removed").mkdir(exist_ok=True)
    for path in departed:
        os.replace(path, out / "removed" / path.name)
        for other in (out / "results" / path.name, out / "feedback" / f"{path.stem}.html",
                      out / "feedback" / f"{path.stem}.md"):
            other.unlink(missing_ok=True)
    return len(departed)


def _shown(item: Item, root: Path | None) -> str:
    try:
        return str(item.path.relative_to(root)) if root else str(item.path)
    except ValueError:
        return str(item.path)


def _run_pool(todo, save, jobs, progress, root, grade, worker_died, errored, first=None) -> int:
    """Grade ``todo`` with at most ``jobs`` submissions in flight; retry once after a death.

    After a worker dies, every submission that was in flight is retried alone in a fresh pool, so
    an innocent neighbour is never blamed; a submission whose worker dies twice gets an error report.
    ``first``: the pool to start with, if one is warm already.
    """
    queue = list(todo)
    retry: list[tuple[Item, str]] = []
    deaths = 0
    if first is not None and not queue:
        first.shutdown(wait=True)
    while queue or retry:
        alone = not queue
        batch, width = (queue, jobs) if queue else (retry, 1)
        pool = first or _new_pool(min(width, len(batch)))
        first = None
        broken = False
        running: dict = {}
        try:
            while (batch or running) and not broken:
                while batch and len(running) < width:
                    item, digest = batch.pop(0)
                    shown = _shown(item, root)
                    try:
                        future = pool.submit(grade, item.student, str(item.path), shown)
                    except BrokenProcessPool:  # a worker died since the last wait
                        batch.insert(0, (item, digest))
                        if not running:  # nothing in flight to blame: the pool itself is broken
                            raise
                        break  # the dead worker's future reports it below
                    running[future] = (item, digest, shown)
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    item, digest, shown = running.pop(future)
                    try:
                        record = future.result()
                    except BrokenProcessPool:
                        deaths += not broken  # one death breaks every future in flight
                        broken = True
                        if alone:
                            record = worker_died(shown)
                            save(item, digest, record)
                            progress.update(item.student, record, " (worker died twice)")
                        else:
                            retry.append((item, digest))
                        continue
                    except Exception as error:  # noqa: BLE001 - e.g. a reply that cannot unpickle
                        record = errored(shown, what=f"{type(error).__name__} in the batch")
                    record = save(item, digest, record)
                    progress.update(item.student, record)
            if broken:  # what was still in flight is a suspect too
                for future, (item, digest, _shown_) in running.items():
                    if alone:
                        batch.insert(0, (item, digest))
                    else:
                        retry.append((item, digest))
                running.clear()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    return deaths


def private_paths(submissions: Path, out: Path) -> tuple[str, ...]:
    """What no student's code may read or write: the class's submissions, the outputs, and for
    nbgrader's layout the whole course folder (gradebook, source and autograded notebooks)."""
    paths = [submissions, out]
    for folder in (submissions, *submissions.resolve().parents):
        if folder.name == "submitted":
            paths.append(folder.parent)
            break
        if (folder / "submitted").is_dir():
            paths.append(folder)
            break
    return tuple(dict.fromkeys(str(p.resolve()) for p in paths))


def main(*, submissions: str, out: str, jobs: int | None = None, assignment: str | None = None,
         quiet: bool = False, limits=None, student: str | None = None,
         compare: str | None = None, due: str | None = None, late_penalty: float | None = None,
         late_cap: float = 100.0, canary: bool = True, connection=None,
         allow_unprotected: bool = False) -> int:
    """``python -m autograder grade``: grade a class and write every output into ``out``.

    Before grading, the canary (:mod:`autograder.canary`) grades the reference in the class's
    sandbox; if it loses a point nothing is graded and the exit code is 2. ``student`` regrades
    one student; ``compare`` prints what changed against an earlier output folder; ``due`` and
    ``late_penalty`` apply the late policy of :mod:`autograder.records`.
    """
    from dataclasses import replace

    from .records import LatePolicy, parse_time
    from .sandbox import Limits
    from .sandbox.spawner import prestart

    prestart()  # the probe's sandbox: its zygote boots while the class is read
    try:
        items = discover(submissions, assignment=assignment)
        policy = None
        if (due is None) != (late_penalty is None):
            raise ValueError("--due and --late-penalty go together: give both, or neither.")
        if due is not None:
            if not 0 <= late_penalty <= 100 or not 0 <= late_cap <= 100:
                raise ValueError("--late-penalty and --late-cap are percentages, 0 to 100.")
            policy = LatePolicy(parse_time(due), late_penalty, late_cap)
    except ValueError as error:
        print(f"error: {printable(error)}", file=sys.stderr)
        return 2
    out_dir = Path(out)
    items = [i for i in items if i.path.resolve() != out_dir.resolve()]  # --out inside the class
    if student is not None and student not in {i.student for i in items}:
        print(f"error: no submission for {printable(student)!r} in {submissions}; "
              f"the class has {len(items)} students.", file=sys.stderr)
        return 2
    before = ({s: r for s, (_, r) in load_reports(Path(compare)).items()}
              if compare is not None else None)
    out_dir.mkdir(parents=True, exist_ok=True)
    limits = limits or Limits()
    secrets = connection.secret_paths() if connection is not None else ()
    limits = replace(limits, hidden_paths=limits.hidden_paths
                     + private_paths(Path(submissions), out_dir) + secrets)
    start = time.perf_counter()
    functions = class_functions(items)
    width = jobs or os.cpu_count() or 1
    # as many workers as there are submissions to grade (one at least, for the canary)
    grader = grader_fingerprint()
    todo = to_grade(items, out_dir, grader, student)
    busy = max(1, min(width, len(todo)))
    pool = _new_pool(busy) if connection is None else None
    try:
        return _checked_run(items, out_dir, pool, functions, limits, policy, before,
                            jobs=width, busy=busy, todo=todo, grader=grader, quiet=quiet,
                            root=Path(submissions), student=student,
                            canary=canary, connection=connection,
                            allow_unprotected=allow_unprotected, start=start)
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _checked_run(items, out_dir, pool, functions, limits, policy, before, *, jobs, busy, todo,
                 grader, quiet, root, student, canary, connection, allow_unprotected, start) -> int:
    """:func:`main` once the class is known: probe the sandbox while the pool's workers grade
    the canary, then grade the class, then write the outputs.

    With nothing to grade (``todo`` is empty), the outputs are rendered while the canary runs and
    written once it has passed, if grading then changed no report after all.
    """
    from . import canary as canary_module
    from .class_outputs import publish, render_outputs
    from .records import compare as compare_reports, summary
    from .sandbox.protect import ensure

    def start_canary():  # with nothing to grade, the parent would only wait: it grades a part
        return canary_module.start(pool, functions, limits, min(busy, CANARY_PARTS),
                                   here=int(not todo))

    pending = start_canary() if canary and pool is not None else None
    level = ensure(limits, allow_unprotected=allow_unprotected)
    if level is None:
        return 2
    if connection is not None and not any("(no network)" in line for line in level.record):
        print("error: the Dask executor needs a sandbox without network (run as root where "
              "namespaces are allowed: `python -m autograder isolation` tells); student code "
              "that can open a socket could reach a Dask worker.", file=sys.stderr)
        return 2
    if canary:
        if pending is not None and level.changed:  # it ran before the modes changed: again
            pending = start_canary()
        staged = render_outputs(out_dir, policy=policy) if pending and not todo else None
        verdict = (canary_module.wait(pending) if pending is not None
                   else canary_module.run(functions, limits)[0])
        if not verdict.ok:
            print(f"error: {verdict.line()}\nNothing was graded; fix this, then run again.",
                  file=sys.stderr)
            return 2
        if not quiet:
            print(verdict.line(), file=sys.stderr)
    else:
        staged = None
    from .dask_executor import DaskUnavailable

    try:
        counts = grade_all(items, out_dir, jobs=jobs, quiet=quiet, root=root, grader=grader,
                           limits=limits, only=student, functions=functions,
                           connection=connection, pool=pool, todo=todo)
    except DaskUnavailable as error:  # the cluster cannot be used: stop before any zero
        print(f"error: {error}", file=sys.stderr)
        return 2
    if staged is None or counts["graded"] or counts["removed"]:  # the reports changed
        staged = render_outputs(out_dir, policy=policy)
    reports = publish(out_dir, staged)
    seconds = time.perf_counter() - start
    if not quiet:
        print(summary(staged.records, reports, policy=policy), file=sys.stderr)
        left = f", {counts['removed']} left the class" if counts["removed"] else ""
        print(f"{len(reports)} reports in {out_dir}: graded {counts['graded']}, "
              f"already done {counts['skipped']}{left}, in {seconds:.1f} s. "
              f"See grades.csv and class_report.html.", file=sys.stderr)
    if before is not None:
        print(printable(compare_reports(before, reports)))
    return 0
