"""Build the hostile class (baseline, innocents, tricks), grade it in one batch, judge the outcome.

Shared by ``tests/test_tamper.py`` and ``bench/hostile_table.py``. Each file in ``tamper/`` starts
with comment lines read here:

``# trick:``    what it tries (continued on the following ``#`` lines, indented);
``# targets:``  what besides its own score it goes after: ``neighbours`` (the grading of the
                submissions graded at the same time), ``its_report`` (its own report and
                grades.csv row, after grading), ``reports`` (every report on disk),
                ``grades`` (grades.csv), ``gradebook`` (nbgrader's database), ``kit`` (the kit's
                and the reference's files), ``processes`` (leaves processes behind), ``batch``
                (the batch itself), ``output`` (the batch's own stdout and stderr), ``secrets``
                (hidden-check inputs);
``# comm:``     the name its leftover processes give themselves, when it has any;
``# graded: last``  graded after everything else (its student id starts with ``zz_``);
``# slow: yes`` graded in a batch of its own with the honest students, by slow tests only (it
                takes long, or it stops a batch and the reruns take long).

More targets: ``keys`` (kernel keys left to a sandbox uid), ``hidden_messages`` (a hidden
check's message shows text its call raised, marked ``HIDDEN-INPUT``), ``cost`` (graded alone, the
grader's own processes stay under :data:`GRADER_MEMORY` and :data:`GRADER_CPU`).

A tamper submission is ``baseline.py`` followed by the trick file: a later ``def`` wins. Tricks
that cannot be plain files (huge sources, notebooks, folders with symbolic links) are built by
``generated.py``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import generated
from .usage import Sampler, grader_cost, sandbox_keys  # noqa: F401 (grader_cost: for tests)

HOSTILE = Path(__file__).resolve().parent
REPO = HOSTILE.parents[1]
BASELINE = HOSTILE / "baseline.py"
TAMPER = HOSTILE / "tamper"
CATALOGUE = REPO / "tests" / "catalogue"
CORRECT = REPO / "autograder" / "examples" / "correct.py"
NSINIT = HOSTILE / "nsinit.py"
KIT_PAYLOAD = "\n# xent-kit hostile test: a submission appended this line\n"
LEAK_MARK = "LEAKED:"
HIDDEN_MARK = "HIDDEN-INPUT"
MAX_SCORE = 90.0
GRADER_MEMORY = 500 << 20  # peak resident memory of any of the grader's own processes
GRADER_CPU = 10.0  # CPU seconds of the grader's own processes for one submission
TARGETS = {"score", "its_report", "neighbours", "reports", "grades", "gradebook", "kit",
           "processes", "batch", "output", "secrets", "keys", "hidden_messages", "cost"}

_HEADER = re.compile(r"^#\s*(trick|targets|comm|graded|slow):\s*(.*?)\s*$")


@dataclass(frozen=True)
class Trick:
    name: str
    path: Path
    tries: str
    targets: frozenset[str]
    comm: str | None = None
    last: bool = False
    spec: dict | None = field(default=None, compare=False)  # a trick of generated.py
    slow: bool = False

    @property
    def student(self) -> str:
        return f"zz_{self.name}" if self.last else self.name

    def source(self) -> str | None:
        """The submission's text, for a trick that is one .py file (None for the others)."""
        if self.spec is None:
            return BASELINE.read_text() + "\n\n" + self.path.read_text()
        return None

    def write(self, folder: Path) -> None:
        if self.spec is None:
            (folder / f"{self.student}.py").write_text(self.source())
        else:
            generated.write(folder, self.spec, self.student)


def read_trick(path: Path) -> Trick:
    fields: dict[str, str] = {}
    key = None
    for line in path.read_text().splitlines():
        m = _HEADER.match(line)
        if m:
            key = m.group(1)
            fields[key] = m.group(2)
        elif key == "trick" and line.startswith("#   "):
            fields[key] += " " + line.lstrip("# ").strip()
        elif not line.startswith("#"):
            break
        else:
            key = None
    targets = frozenset(t.strip() for t in fields.get("targets", "score").split(",") if t.strip())
    unknown = targets - TARGETS
    if unknown or "trick" not in fields:
        raise ValueError(f"{path.name}: needs '# trick:' and known targets, not {sorted(unknown)}")
    return Trick(path.stem, path, fields["trick"], targets | {"score"}, fields.get("comm"),
                 fields.get("graded") == "last", slow=fields.get("slow") == "yes")


def tricks() -> list[Trick]:
    made = [Trick(s["name"], HOSTILE / "generated.py", s["tries"],
                  frozenset(t.strip() for t in s["targets"].split(",")) | {"score"},
                  spec=s, slow=s.get("slow", False)) for s in generated.specs()]
    return [read_trick(p) for p in sorted(TAMPER.glob("*.py"))] + made


def innocents() -> dict[str, str]:
    """Honest submissions, by student id: the baseline, a correct one and catalogue entries.

    The ids sort around the tricks on purpose: some are graded before ``forge_reports`` (whose
    reports exist when it forges them), some after, and ``zy_neighbour`` right before
    ``zz_kill_everything``, so that it is in flight when that trick fires.
    """
    student = (CATALOGUE / "reference_student.py").read_text() + "\n\n"
    chosen = {"bernoulli_log_likelihood__xlogy_counts": "correct",
              "cross_entropy__swapped_arguments": "buggy",
              "entropy__nan_from_zero": "buggy",
              "kl_divergence__symmetrised": "buggy"}
    sources = {"baseline": BASELINE.read_text(), "correct": CORRECT.read_text()}
    for stem, kind in chosen.items():
        sources[stem] = student + (CATALOGUE / kind / f"{stem}.py").read_text()
    sources["zy_neighbour"] = student + (CATALOGUE / "buggy" / "bernoulli_mle__rounded.py").read_text()
    return sources


def write_class(folder: Path, sources: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for student, text in sources.items():
        (folder / f"{student}.py").write_text(text)


# -------------------------------------------------------------------------------- running


@functools.lru_cache(maxsize=None)
def namespaces_available() -> bool:
    """Can this machine run a command in a new PID namespace (root, or unprivileged userns)?"""
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run(["unshare", "--pid", "--fork", "--mount-proc", "true"],
                              capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def env() -> dict[str, str]:
    path = os.pathsep.join(p for p in [str(REPO), os.environ.get("PYTHONPATH", "")] if p)
    return {**os.environ, "PYTHONPATH": path}


@dataclass
class Run:
    returncode: int | str | None
    seconds: float
    leftover: list[dict]
    stdout: bytes
    stderr: bytes
    namespaced: bool


def grade_command(subs: Path, out: Path, jobs: int = 2) -> list[str]:
    return [sys.executable, "-m", "autograder", "grade", str(subs), "--out", str(out),
            "--jobs", str(jobs)]


class Isolated:
    """A command running under nsinit; :meth:`finish` waits for it and returns the :class:`Run`."""

    def __init__(self, command: list[str], *, cwd: Path, timeout: float, namespace: bool):
        self.timeout, self.namespace = timeout, namespace
        self._tmp = tempfile.TemporaryDirectory(prefix="xent-hostile-run-")
        tmp = Path(self._tmp.name)
        self._result, self._out, self._err = tmp / "result.json", tmp / "stdout", tmp / "stderr"
        wrapped = [sys.executable, str(NSINIT), "xent-hostile-init", str(self._result),
                   str(timeout), "--", *command]
        if namespace:
            wrapped = ["unshare", "--pid", "--fork", "--mount-proc", *wrapped]
        with open(self._out, "wb") as o, open(self._err, "wb") as e:
            self.popen = subprocess.Popen(wrapped, cwd=cwd, env=env(), stdout=o, stderr=e)

    def command_pid(self) -> int | None:
        """The host pid of COMMAND (nsinit's child), once it has started (not in a namespace)."""
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    with open(f"/proc/{name}/stat") as f:
                        if int(f.read().rsplit(")", 1)[1].split()[1]) == self.popen.pid:
                            return int(name)
                except (OSError, ValueError, IndexError):
                    continue
        return None

    def finish(self) -> Run:
        try:
            self.popen.wait(timeout=self.timeout + 60)
            data = json.loads(self._result.read_text())
            return Run(data["returncode"], data["seconds"], data["leftover"],
                       self._out.read_bytes(), self._err.read_bytes(), self.namespace)
        finally:
            if self.popen.poll() is None:
                self.popen.kill()
                self.popen.wait()
            self._tmp.cleanup()


def run_isolated(command: list[str], *, cwd: Path, timeout: float, namespace: bool) -> Run:
    """Run ``command`` under nsinit (in a PID namespace when ``namespace``) and collect it."""
    return Isolated(command, cwd=cwd, timeout=timeout, namespace=namespace).finish()


# -------------------------------------------------------------------------------- reading


def records(out: Path) -> dict[str, dict]:
    found = {}
    for path in sorted((out / "reports").glob("*.json")):
        try:
            found[path.stem] = json.loads(path.read_text())
        except ValueError:
            found[path.stem] = {"unreadable": path.read_text()[:200]}
    return found


def comparable(record: dict) -> dict:
    """A report record without what may differ between two runs (time, numpy warnings)."""
    record = json.loads(json.dumps(record))
    record.pop("elapsed", None)
    record.pop("grader", None)  # a fingerprint of the kit: changes if someone edits it meanwhile
    for check in record.get("checks", []):
        check.pop("warnings", None)
    return record


def score(record: dict) -> float:
    return round(sum(c["points"] for c in record["checks"]), 6)


def max_score(record: dict) -> float:
    return round(sum(c["max_points"] for c in record["checks"]), 6)


def texts(record: dict) -> str:
    """Everything a student reads in a report: notes and check messages."""
    parts = list(record.get("notes", []))
    for check in record.get("checks", []):
        parts.append(check.get("message") or "")
        example = check.get("counterexample") or {}
        parts += [str(v) for v in example.values() if v]
    return "\n".join(parts)


def first_message(record: dict) -> str:
    """The first note, or the first message of a check that did not pass."""
    for note in record.get("notes", []):
        return note
    for check in record.get("checks", []):
        if check["status"] != "passed":
            return check["message"]
    return ""


def csv_totals(out: Path) -> dict[str, str] | None:
    path = out / "grades.csv"
    if not path.exists():
        return None
    rows = [line.split(",") for line in path.read_text().splitlines()]
    return {row[0]: row[-2] for row in rows[1:] if row}


# ------------------------------------------------------------------------- the kit's files


def kit_files() -> dict[str, bytes]:
    """The bytes of every file of autograder/ and solutions/ that git tracks or would track."""
    try:
        listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                                 "autograder", "solutions"], cwd=REPO, capture_output=True,
                                text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        listed = [str(p.relative_to(REPO)) for d in ("autograder", "solutions")
                  for p in (REPO / d).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    return {name: (REPO / name).read_bytes() for name in sorted(listed) if (REPO / name).is_file()}


def kit_changes(before: dict[str, bytes]) -> list[str]:
    after = kit_files()
    return sorted(n for n in before.keys() | after.keys() if before.get(n) != after.get(n))


def remove_payload(names: list[str]) -> list[str]:
    """Take ``tamper_kit_files``' line out of the files it reached; return those repaired.

    Only that exact text is removed, so an edit someone else made meanwhile is kept.
    """
    repaired = []
    payload = KIT_PAYLOAD.encode()
    for name in names:
        path = REPO / name
        if path.is_file() and payload in (data := path.read_bytes()):
            path.write_bytes(data.replace(payload, b""))
            repaired.append(name)
    return repaired


# ------------------------------------------------------------------------- the gradebook


def make_gradebook(path: Path, students: list[str]) -> None:
    """A small stand-in for nbgrader's gradebook.db: a ``grade`` table with scores."""
    db = sqlite3.connect(path)
    try:
        with db:
            db.execute("create table grade (id integer primary key, student text, name text, "
                       "auto_score real, manual_score real, max_score real)")
            db.executemany("insert into grade (student, name, auto_score, max_score) "
                           "values (?, ?, 0, 10)", [(s, "entropy") for s in students])
    finally:
        db.close()


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


# ----------------------------------------------------------------------- the hostile class


_PROGRESS = re.compile(r"^graded (\S+): (-?[0-9.]+)/([0-9.]+)", re.M)


def graded_scores(*runs: Run) -> dict[str, float]:
    """The score the grader announced for each student (``graded X: s/90`` on stderr).

    This is what the grader computed, before anything could rewrite the report on disk.
    """
    scores: dict[str, float] = {}
    for run in runs:
        for student, points, _top in _PROGRESS.findall(run.stderr.decode(errors="replace")):
            scores[student] = float(points)
    return scores


@dataclass(repr=False)
class HostileRun:
    """One batch over baseline + innocents + tricks, and what the test needs to judge it.

    ``runs`` holds the batch and, when it died, the reruns that finished it (the batch resumes:
    it grades only what has no report yet) and the batches of one that found what killed it.
    """

    course: Path
    tricks: list[Trick]
    skipped: dict[str, str]  # trick name -> why it was left out of the batch
    runs: list[Run]
    missing_after_first: list[str]  # students without a report when the first run ended
    alone: dict[str, dict]  # innocent id -> its record when graded without any trick
    records: dict[str, dict]
    kit_changed: list[str]
    kit_repaired: list[str]
    gradebook_before: str | None
    gradebook_after: str | None
    secret: str | None  # a snippet of solutions/hidden_cases.json, if it exists
    solo: dict[str, Run]  # students graded alone while finishing a batch that died
    left_keys: dict[int, int] = field(default_factory=dict)  # sandbox uid -> keys it gained
    grader_peak_rss: int = 0  # the largest of the grader's own processes, during the batch
    grader_cpu: float = 0.0  # the grader's own processes' CPU time during the batch

    def __repr__(self) -> str:
        return f"<HostileRun of {len(self.tricks)} tricks in {self.course}>"

    @property
    def out(self) -> Path:
        return self.course / "out"

    @property
    def baseline_score(self) -> float:
        return score(self.alone["baseline"])

    @functools.cached_property
    def graded(self) -> dict[str, float]:
        return graded_scores(*self.runs)

    def score_of(self, student: str) -> float | None:
        """What the grader computed for ``student`` (its report's total if it did not say)."""
        if student in self.graded:
            return self.graded[student]
        record = self.records.get(student)
        return score(record) if record and "checks" in record else None

    # -- global facts -----------------------------------------------------------------------
    def neighbour_problems(self) -> list[str]:
        """Innocents graded as they are alone (by the grader's own account of their scores)."""
        problems = []
        for student, expected in self.alone.items():
            got = self.score_of(student)
            if got != score(expected):
                problems.append(f"innocent {student} was graded {got}, "
                                f"{score(expected):g} when graded alone")
        return problems

    def innocent_problems(self) -> list[str]:
        """Innocents' reports on disk are exactly what grading them alone writes."""
        problems = []
        for student, expected in self.alone.items():
            got = self.records.get(student)
            if got is None:
                problems.append(f"innocent {student} has no report")
            elif comparable(got) != comparable(expected):
                problems.append(f"innocent {student}'s report differs from the one it gets alone "
                                f"(total {score(got) if 'checks' in got else '?'}, alone "
                                f"{score(expected):g})")
        return problems

    def report_problems(self) -> list[str]:
        """Every report on disk adds up to what the grader computed; innocents' are intact."""
        problems = self.innocent_problems()
        for student, points in sorted(self.graded.items()):
            record = self.records.get(student)
            on_disk = score(record) if record and "checks" in record else None
            if on_disk != points:
                problems.append(f"reports/{student}.json totals {on_disk}, the grader "
                                f"computed {points:g}")
        return problems

    def own_report_problems(self, student: str) -> list[str]:
        """``student``'s report and grades.csv row say what the grader computed."""
        graded, record = self.graded.get(student), self.records.get(student)
        on_disk = score(record) if record and "checks" in record else None
        problems = [] if on_disk == graded else [
            f"reports/{student}.json totals {on_disk}, the grader computed {graded}"]
        for name in (f"feedback/{student}.html", f"feedback/{student}.md"):
            if not (self.out / name).exists():
                problems.append(f"no {name} (the output writers stopped)")
        row = (csv_totals(self.out) or {}).get(student)
        if row is not None and graded is not None and row != f"{graded:g}":
            problems.append(f"grades.csv gives {student} {row}, the grader computed {graded:g}")
        return problems

    def survival_problems(self, student: str) -> list[str]:
        """Did grading ``student`` kill the batch? (Its report is missing, or its batch of one
        died, or the first batch died while no other submission was to blame.)"""
        solo = self.solo.get(student)
        if solo is not None and solo.returncode != 0:
            return [f"graded in a batch of its own, the batch dies (exit {solo.returncode})"]
        if student not in self.records:
            return [f"it has no report: the batch died (exit {self.runs[0].returncode}) "
                    "and was resumed without it"]
        if self.runs[0].returncode != 0 and not self.solo:
            return [f"the batch exited with {self.runs[0].returncode}"]
        return []

    def batch_problems(self) -> list[str]:
        problems = []
        first = self.runs[0]
        if first.returncode != 0:
            problems.append(f"the batch exited with {first.returncode}")
        if self.missing_after_first:
            names = self.missing_after_first
            more = f" and {len(names) - 8} more" if len(names) > 8 else ""
            problems.append(f"it ended without a report for {', '.join(names[:8])}{more}")
        for name in ("grades.csv", "class_report.html"):
            if not (self.out / name).exists():
                problems.append(f"no {name}")
        return problems

    def grades_problems(self) -> list[str]:
        totals = csv_totals(self.out)
        if totals is None:
            return ["grades.csv is missing"]
        problems = []
        for student, record in self.records.items():
            if "checks" in record and totals.get(student) != f"{score(record):g}":
                problems.append(f"grades.csv gives {student} {totals.get(student)}, "
                                f"its report {score(record):g}")
        if set(totals) != set(self.records):
            problems.append("grades.csv and reports/ name different students")
        return problems

    def secret_problems(self) -> list[str]:
        """No output shows what a trick smuggled out, and nothing students read shows hidden
        inputs (reports/ may: it is the teacher's copy, with hidden counterexamples)."""
        problems = []
        for path in sorted(self.out.rglob("*")):
            if path.is_file() and path.suffix in (".json", ".md", ".html", ".csv"):
                text = path.read_text(errors="replace")
                shown = path.relative_to(self.out)
                if LEAK_MARK in text or (self.secret and self.secret in text
                                         and shown.parts[0] in ("feedback", "results")):
                    problems.append(f"{shown} shows hidden-check data")
        return problems

    def key_problems(self) -> list[str]:
        return [f"sandbox uid {uid} kept {n} kernel key(s) after the batch"
                for uid, n in sorted(self.left_keys.items())]

    def hidden_message_problems(self, student: str) -> list[str]:
        """No hidden check shows text that student code raised (marked HIDDEN-INPUT), in the
        teacher's report, the Gradescope results or the feedback the student reads."""
        record = self.records.get(student) or {}
        hidden = [c["name"] for c in record.get("checks", []) if c.get("hidden")]
        problems = [f"reports/{student}.json: {c['name']} (hidden) shows what the call raised"
                    for c in record.get("checks", [])
                    if c.get("hidden") and HIDDEN_MARK in json.dumps(c)]
        results = self.out / "results" / f"{student}.json"
        if results.exists():
            for test in json.loads(results.read_text()).get("tests", []):
                if any(name in str(test.get("name", "")) for name in hidden) \
                        and HIDDEN_MARK in json.dumps(test):
                    problems.append(f"results/{student}.json: {test.get('name')} shows what "
                                    "the call raised")
        feedback = self.out / "feedback" / f"{student}.md"
        if feedback.exists():
            blocks = re.split(r"\n(?=\S)", feedback.read_text(errors="replace"))
            for block in blocks:
                if "(hidden)" in block.splitlines()[0] and HIDDEN_MARK in block:
                    problems.append(f"feedback/{student}.md: {block.splitlines()[0][:80]} "
                                    "shows what the call raised")
        return problems

    def cost_problems(self) -> list[str]:
        """The grader's own processes during the whole batch stayed under the memory bound."""
        if self.grader_peak_rss > GRADER_MEMORY:
            return [f"a grading process peaked at {self.grader_peak_rss >> 20} MB"]
        return []

    def leftover(self, comm: str | None = None) -> list[dict]:
        return [p for run in self.runs for p in run.leftover if comm is None or p["comm"] == comm]

    def output_problems(self) -> list[str]:
        size = sum(len(r.stdout) + len(r.stderr) for r in self.runs)
        return [f"the batch printed {size} bytes"] if size > 1 << 20 else []

    # -- one trick --------------------------------------------------------------------------
    def problems(self, trick: Trick) -> list[str]:
        """Everything wrong about ``trick``'s run: empty when the grader withstood it."""
        return self.own_problems(trick) + self.target_problems(trick)

    def own_problems(self, trick: Trick) -> list[str]:
        """Its report: complete, no more points than the baseline, no hidden-check data."""
        record = self.records.get(trick.student)
        graded = self.score_of(trick.student)
        if record is None or "checks" not in record or graded is None:
            return [f"no readable report (batch exit {self.runs[0].returncode})"]
        problems = []
        names = [c["name"] for c in record["checks"]]
        expected = [c["name"] for c in self.alone["baseline"]["checks"]]
        if names != expected or max_score(record) != MAX_SCORE:
            problems.append(f"its report has {len(names)} checks worth {max_score(record):g}, "
                            f"not all {len(expected)} worth {MAX_SCORE:g}")
        if graded > self.baseline_score:
            problems.append(f"it scored {graded:g}, more than the baseline's "
                            f"{self.baseline_score:g}")
        if LEAK_MARK in texts(record):
            problems.append("its report shows data it smuggled out of the kit")
        return problems

    def target_problems(self, trick: Trick) -> list[str]:
        """Whatever its ``targets`` name beyond its own score, checked."""
        checks = {
            "its_report": lambda: self.own_report_problems(trick.student),
            "neighbours": self.neighbour_problems,
            "reports": self.report_problems,
            "grades": self.grades_problems,
            "gradebook": lambda: [] if self.gradebook_before == self.gradebook_after
            else ["gradebook.db changed"],
            "kit": lambda: [f"{n} changed" for n in self.kit_changed],
            "processes": lambda: describe_processes(self.leftover(trick.comm)),
            "batch": lambda: self.survival_problems(trick.student),
            "output": self.output_problems,
            "secrets": self.secret_problems,
            "keys": self.key_problems,
            "hidden_messages": lambda: self.hidden_message_problems(trick.student),
            "cost": lambda: [],  # judged alone: tests/test_tamper.py, grader_cost()
        }
        problems = []
        for target in sorted(trick.targets - {"score"}):
            found = checks[target]()
            problems += found[:6] + ([f"... and {len(found) - 6} more"] if len(found) > 6 else [])
        return problems


def describe_processes(left: list[dict]) -> list[str]:
    by_name: dict[str, list[int]] = {}
    for p in left:
        by_name.setdefault(p["comm"], []).append(p["pid"])
    return [f"{len(pids)} process(es) named {name!r} outlived the batch (pids "
            f"{', '.join(map(str, pids[:5]))}{', ...' if len(pids) > 5 else ''})"
            for name, pids in sorted(by_name.items())]


def hidden_snippet() -> str | None:
    """A piece of solutions/hidden_cases.json distinctive enough to spot in an output."""
    path = REPO / "solutions" / "hidden_cases.json"
    if not path.exists():
        return None
    draws = re.findall(r'"(\[[-0-9., e]{40,}\])"', path.read_text())
    return draws[len(draws) // 2] if draws else None


def student_of(path: Path) -> str:
    """The student id the batch gives a file (its stem) or a folder (its name)."""
    return path.name if path.is_dir() else path.stem


def grade_alone(subs: Path, out: Path, student: str, *, cwd: Path, timeout: float,
                namespace: bool) -> Run:
    """Grade one item of ``subs`` in a batch of its own, into ``out``."""
    path = next(p for p in subs.iterdir() if student_of(p) == student)
    solo = cwd / "solo" / student / "submissions"
    solo.mkdir(parents=True)
    if path.is_dir():
        shutil.copytree(path, solo / path.name)
    else:
        shutil.copy(path, solo / path.name)
    return run_isolated(grade_command(solo, out), cwd=cwd, timeout=timeout, namespace=namespace)


def finish_batch(subs: Path, out: Path, *, cwd: Path, timeout: float, namespace: bool,
                 jobs: int = 2) -> tuple[list[Run], dict[str, Run]]:
    """Resume a batch that died until every item has a report or is known to kill the batch.

    A rerun grades only what has no report. When a rerun makes no progress, the first ``jobs``
    items without a report (those in flight when it died) are graded alone; one whose batch of
    its own dies too is set aside in ``cwd/withheld``. Returns the reruns and the solo runs.
    """
    def missing() -> list[str]:
        done = set(records(out))
        return sorted(s for s in map(student_of, subs.iterdir()) if s not in done)

    runs: list[Run] = []
    solo: dict[str, Run] = {}
    (cwd / "withheld").mkdir(exist_ok=True)
    for _ in range(12):
        before = missing()
        if not before:
            break
        runs.append(run_isolated(grade_command(subs, out, jobs), cwd=cwd, timeout=timeout,
                                 namespace=namespace))
        after = missing()
        if runs[-1].returncode == 0:
            break  # what is still missing is what the batch does not grade at all
        if len(after) < len(before):
            continue
        for student in after[:jobs]:
            solo[student] = grade_alone(subs, out, student, cwd=cwd, timeout=timeout,
                                        namespace=namespace)
            if solo[student].returncode != 0:
                path = next(p for p in subs.iterdir() if student_of(p) == student)
                path.rename(cwd / "withheld" / path.name)
    return runs, solo


def grade_hostile_class(course: Path, *, extra: Callable[[Path], None] | None = None,
                        timeout: float = 600, slow: bool | None = None) -> HostileRun:
    """Grade baseline + innocents + every trick in one batch under ``course``.

    ``extra`` may write more submissions into the class folder (the bench adds broken inputs).
    ``slow`` True or False grades only the tricks marked slow, or only the others.
    The innocents are first graded alone, in a batch of their own, for comparison. ``timeout``
    bounds each batch: a class of some 90 submissions takes minutes on a shared 2-core machine.
    If the batch dies, :func:`finish_batch` resumes it so that the rest of the class is still
    judged (what it graded alone is in ``HostileRun.solo``). The kit's files are compared before
    and after, and ``tamper_kit_files``' line is removed from any it reached.
    """
    namespace = namespaces_available()
    chosen, skipped = [], {}
    for trick in tricks():
        if slow is not None and trick.slow != slow:
            continue  # ``slow``: only the slow tricks (True) or only the others (False)
        if trick.last and not namespace:
            skipped[trick.name] = ("it kills every process it can see, and this machine cannot "
                                   "give the batch a PID namespace (unshare --pid) to contain it")
        else:
            chosen.append(trick)
    honest = innocents()
    subs, alone_subs, out = course / "submissions", course / "alone" / "submissions", course / "out"
    write_class(alone_subs, honest)
    write_class(subs, honest)
    for trick in chosen:
        trick.write(subs)
    if extra:
        extra(subs)
    expected = sorted(student_of(p) for p in subs.iterdir())
    gradebook = course / "gradebook.db"
    make_gradebook(gradebook, expected)
    before_book, before_kit = digest(gradebook), kit_files()

    # The innocents alone first, not beside the batch: the tricks' sandboxes take the CPUs, and
    # a large-array call of an innocent would then miss its wall-time limit in the "alone" run.
    alone_out = course / "alone" / "out"
    alone = subprocess.run(grade_command(alone_subs, alone_out) + ["--quiet"], cwd=course,
                           env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=timeout)
    if alone.returncode != 0:
        raise RuntimeError(f"grading the innocents alone failed: {alone.stderr.decode()[-2000:]}")
    solo: dict[str, Run] = {}
    keys_before = sandbox_keys()
    try:
        batch = Isolated(grade_command(subs, out), cwd=course, timeout=timeout,
                         namespace=namespace)
        with Sampler(batch.popen.pid) as usage:
            runs = [batch.finish()]
        missing = sorted(set(expected) - set(records(out)))
        if runs[0].returncode != 0:
            more, solo = finish_batch(subs, out, cwd=course, timeout=timeout, namespace=namespace)
            runs += more + list(solo.values())
    finally:
        kit_changed = kit_changes(before_kit)
        repaired = remove_payload(kit_changed)
    left_keys = {u: n for u, n in sandbox_keys().items() if n > keys_before.get(u, 0)}
    return HostileRun(course, chosen, skipped, runs, missing, records(alone_out), records(out),
                      kit_changed, repaired, before_book, digest(gradebook), hidden_snippet(),
                      solo, left_keys, usage.peak_rss, usage.cpu)
