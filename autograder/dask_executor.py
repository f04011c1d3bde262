"""Grading a class on a Dask distributed cluster (``grade --executor dask``).

Each Dask task grades one submission on a worker with the kit's own sandbox, exactly as a local
worker process would. What crosses is plain data both ways: the task carries the submission's
files as bytes (read here, under the loader's size limit, regular files only), so workers need no
shared file system; the result is the report record, a dict of numbers and strings. The client
writes each report atomically as its task finishes, so resume works as it does locally, and
workers never get write access to the grades.

Dask is not a security boundary: a scheduler runs whatever pickled task any connecting client
sends, and a worker runs it. The sandbox is the boundary, and two rules keep student code away
from Dask itself:

- the connection is TLS with certificates the sandbox cannot read: a ``LocalCluster`` gets
  in-memory temporary certificates (they never touch the disk); a remote scheduler must be a
  ``tls://`` address with the CA, certificate and key given as files, which are added to the
  paths every sandbox child has hidden;
- the Dask executor is refused where the sandbox keeps a network (no network namespace: not
  root, or no ``CAP_SYS_ADMIN``), since student code that can open a socket could reach a worker.

If a worker dies mid-task, Dask runs the task again elsewhere (a task that kills three workers is
given up on, and that student gets an error report); the client saves one report per student.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

MAX_UPLOAD_BYTES = 64 * 1024**2  # the most one submission's files may weigh on the way out


class DaskUnavailable(RuntimeError):
    """The Dask executor cannot be used here; the message says why and what to do."""


@dataclass(frozen=True)
class Connection:
    """Where the cluster is and how to reach it. No scheduler: a LocalCluster on this machine."""

    scheduler: str | None = None
    workers: int = 2
    ca_file: str | None = None
    cert_file: str | None = None
    key_file: str | None = None

    def secret_paths(self) -> tuple[str, ...]:
        return tuple(os.path.realpath(p) for p in (self.ca_file, self.cert_file, self.key_file)
                     if p)


def pack(path: Path) -> dict[str, bytes]:
    """The files of one submission as bytes, chosen as the loader chooses them
    (:func:`autograder.intake.submission_files`: regular files only, never through a link).
    What cannot be read at all is sent as nothing, and grading it says so."""
    from .intake import SubmissionError, open_regular, submission_files

    try:
        files, _ = submission_files(str(path), str(path))
    except SubmissionError:
        return {}
    packed: dict[str, bytes] = {}
    total = 0
    for file in files:
        try:  # a file swapped for a link or a FIFO since it was listed is not sent
            fd, _ = open_regular(file, file)
        except SubmissionError:
            continue
        try:
            with os.fdopen(fd, "rb") as f:  # a larger file is cut here; the loader refuses it
                data = f.read(MAX_UPLOAD_BYTES + 1)
        except OSError:
            continue
        total += len(data)
        if total > MAX_UPLOAD_BYTES:
            break  # the loader refuses the rest with its own sentence when graded
        packed[os.path.basename(file)] = data
    return packed


def grade_packed(grade: Callable[[str, str, str], dict], student: str, shown: str,
                 files: dict[str, bytes], folder: bool) -> dict:
    """Run on a worker: lay the files out in a private temporary folder and grade them."""
    with tempfile.TemporaryDirectory(prefix="xent-dask-") as tmp:
        base = Path(tmp) / "submission"
        base.mkdir()
        for name, data in files.items():
            (base / os.path.basename(name)).write_bytes(data)
        single = not folder and len(files) == 1
        target = base / next(iter(files)) if single else base
        return grade(student, str(target), shown)


def _cluster(connection: Connection):
    try:
        from distributed import Client, LocalCluster
        from distributed.security import Security
    except ImportError:
        raise DaskUnavailable("Dask is not installed: pip install 'xent-kit[dask]'.") from None
    if connection.scheduler is None:
        try:
            security = Security.temporary()
        except ImportError:
            raise DaskUnavailable("Dask's TLS needs the cryptography package: "
                                  "pip install 'xent-kit[dask]'.") from None
        cluster = LocalCluster(n_workers=connection.workers, threads_per_worker=1,
                               processes=True, security=security, dashboard_address=None,
                               protocol="tls://", silence_logs=40)
        return cluster, Client(cluster, security=security)
    if not connection.scheduler.startswith("tls://"):
        raise DaskUnavailable(f"{connection.scheduler} is not a tls:// address: the kit talks to "
                              "a remote scheduler only over TLS.")
    if not (connection.ca_file and connection.cert_file and connection.key_file):
        raise DaskUnavailable("A remote scheduler needs --tls-ca-file, --tls-cert and --tls-key.")
    security = Security(tls_ca_file=connection.ca_file, tls_client_cert=connection.cert_file,
                        tls_client_key=connection.key_file, require_encryption=True)
    return None, Client(connection.scheduler, security=security)


def run(todo: Sequence, save: Callable, progress, root: Path | None,
        grade: Callable[[str, str, str], dict], worker_died: Callable[[str], dict],
        errored: Callable[..., dict], shown: Callable, connection: Connection) -> int:
    """Grade ``todo`` (items with their digests) on the cluster; save each report as it comes.

    Same contract as the local pool: ``save(item, digest, record)`` once per item, and the count
    of tasks that lost their worker is returned."""
    from distributed import as_completed

    cluster, client = _cluster(connection)
    lost = 0
    try:
        futures = {}
        for item, digest in todo:
            name = shown(item, root)
            task = client.submit(grade_packed, grade, item.student, name, pack(item.path),
                                 item.path.is_dir(), key=f"xent-{item.student}-{digest[:12]}",
                                 pure=False, retries=0)
            futures[task] = (item, digest, name)
        for future in as_completed(futures):
            item, digest, name = futures[future]
            try:
                record = future.result()
            except Exception as error:  # noqa: BLE001 - this student's task failed, not the run
                if type(error).__name__ == "KilledWorker":
                    lost += 1
                    record = worker_died(name)
                else:
                    record = errored(name, what=f"{type(error).__name__} on a Dask worker")
            save(item, digest, record)
            progress.update(item.student, record)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return lost
