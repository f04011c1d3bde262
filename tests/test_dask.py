"""``grade --executor dask`` on a LocalCluster of two workers: same reports as local grading,
resume, and a worker killed mid-run (nothing lost, nothing graded twice)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")

from autograder import batch  # noqa: E402
from autograder.dask_executor import Connection  # noqa: E402

from .conftest import CATALOGUE, REFERENCE_STUDENT  # noqa: E402

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers need not import tests/


def _class(tmp_path: Path, n: int = 5) -> Path:
    folder = tmp_path / "class"
    folder.mkdir()
    bugs = sorted((CATALOGUE / "buggy").glob("*.py"))[:n - 1]
    (folder / "ref.py").write_text(REFERENCE_STUDENT.read_text())
    for i, bug in enumerate(bugs):
        (folder / f"s{i}.py").write_text(REFERENCE_STUDENT.read_text() + "\n\n" + bug.read_text())
    return folder


def _scores(out: Path) -> dict[str, float]:
    return {p.stem: sum(c["points"] for c in json.loads(p.read_text())["checks"])
            for p in sorted((out / "reports").glob("*.json"))}


def _dies_once(marker: str, student: str, path: str, shown: str) -> dict:
    """A grade function whose worker is killed the first time it grades student s1."""
    if student == "s1" and not os.path.exists(marker):
        Path(marker).write_text(str(os.getpid()))
        os.kill(os.getpid(), signal.SIGKILL)
    from autograder.batch import grade_item

    return grade_item(student, path, shown)


@pytest.fixture(scope="module")
def graded_locally(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("local")
    folder = _class(tmp)
    batch.grade_all(batch.discover(folder), tmp / "out", jobs=2, quiet=True, root=folder)
    return folder, _scores(tmp / "out")


def test_dask_gives_the_reports_local_grading_gives(tmp_path, graded_locally):
    folder, local = graded_locally
    items = batch.discover(folder)
    remote = tmp_path / "dask"
    counts = batch.grade_all(items, remote, quiet=True, root=folder, connection=Connection())
    assert counts["graded"] == len(items) and counts["worker_deaths"] == 0
    assert _scores(remote) == local and local["ref"] == 90
    again = batch.grade_all(items, remote, quiet=True, root=folder, connection=Connection())
    assert again == {"graded": 0, "skipped": len(items), "worker_deaths": 0,
                     "removed": 0}  # resume


def test_a_worker_killed_mid_run_loses_nothing(tmp_path, graded_locally):
    folder, local = graded_locally
    items = batch.discover(folder)
    remote = tmp_path / "dask"
    marker = tmp_path / "killed"
    grade = partial(_dies_once, str(marker))
    counts = batch.grade_all(items, remote, quiet=True, root=folder, grade=grade,
                             connection=Connection(workers=2))
    assert marker.exists()  # a worker really died
    assert sorted(p.stem for p in (remote / "reports").glob("*.json")) == sorted(
        i.student for i in items)
    assert _scores(remote) == local
    assert counts["graded"] == len(items)


def test_the_cli_grades_on_a_local_cluster(tmp_path):
    folder = _class(tmp_path, n=2)
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "--out",
                           str(out), "--executor", "dask", "--quiet"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    assert done.returncode == 0, done.stderr
    assert (out / "grades.csv").read_text().count("\n") == 3


def test_a_plain_tcp_scheduler_is_refused(tmp_path):
    from autograder.dask_executor import DaskUnavailable, _cluster

    with pytest.raises(DaskUnavailable, match="tls://"):
        _cluster(Connection(scheduler="tcp://127.0.0.1:8786"))
