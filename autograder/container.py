"""Grading one submission inside a platform's container (Gradescope, PrairieLearn).

Both platforms hand the grader a folder of whatever the student uploaded: loose notebooks, a
zipped ``xent/`` folder unpacked a level down, a stray ``__MACOSX/`` or ``.ipynb_checkpoints/``.
:func:`collect` finds the student's notebooks and ``.py`` files in any subfolder, reading only
regular files (never a link, never outside the folder) under a count and size budget, and copies
them into one flat folder; :func:`grade_upload` grades that folder on every function of the
assignment, so the maximum is always the whole assignment's (a notebook not uploaded scores 0
with a note saying which one), never just the part that was uploaded.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from .model import Report

MAX_FILES = 64  # candidate files looked at; more is not a notebook submission
MAX_FILE_BYTES = 16 * 1024**2
MAX_TOTAL_BYTES = 64 * 1024**2
SKIPPED_FOLDERS = ("__MACOSX", ".ipynb_checkpoints", "__pycache__", ".git")
SUFFIXES = (".ipynb", ".py")


@dataclass(frozen=True)
class Upload:
    """What :func:`collect` found: the flat folder to grade and what it had to say."""

    folder: Path
    files: tuple[str, ...]  # as uploaded, relative to the upload's root
    notes: tuple[str, ...]


def collect(root: Path, into: Path) -> Upload:
    """Copy the notebooks and ``.py`` files found anywhere under ``root`` into ``into``.

    Only regular files are read (``lstat``: links, devices and FIFOs are skipped, and no folder is
    entered through a link); hidden files, checkpoints and archive debris are ignored. Two files
    of the same name in different folders: the one nearest the top is kept, and a note says so.
    """
    found: dict[str, str] = {}
    notes: list[str] = []
    total = 0
    seen = 0
    for folder, subfolders, names in os.walk(root, followlinks=False):
        subfolders[:] = sorted(d for d in subfolders
                               if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        for name in sorted(names):
            if name.startswith(".") or not name.endswith(SUFFIXES):
                continue
            seen += 1
            if seen > MAX_FILES:
                notes.append(f"Only the first {MAX_FILES} notebooks and .py files were looked at.")
                return _copied(root, into, found, notes)
            path = Path(folder) / name
            relative = str(path.relative_to(root))
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode):
                notes.append(f"{relative} is not a regular file and was not read.")
                continue
            if info.st_size > MAX_FILE_BYTES or total + info.st_size > MAX_TOTAL_BYTES:
                notes.append(f"{relative} is too large to grade and was not read.")
                continue
            if name in found:
                notes.append(f"{relative} has the same name as {found[name]}; "
                             f"{found[name]} was graded.")
                continue
            found[name] = relative
            total += info.st_size
    return _copied(root, into, found, notes)


def _copied(root: Path, into: Path, found: dict[str, str], notes: list[str]) -> Upload:
    into.mkdir(parents=True, exist_ok=True)
    for name, relative in found.items():
        source = os.open(root / relative, os.O_RDONLY | os.O_NOFOLLOW)
        with os.fdopen(source, "rb") as src, open(into / name, "wb") as dst:
            shutil.copyfileobj(src, dst, length=1 << 20)
    return Upload(into, tuple(sorted(found.values())), tuple(notes))


def grade_upload(root: Path, *, limits=None) -> Report:
    """Grade everything the student uploaded under ``root`` as one submission, on every function
    of the assignment. An upload with nothing readable scores 0 with a sentence saying why."""
    from .batch import unreadable_report
    from .checks import FUNCTIONS
    from .loader import SubmissionError, load_submission
    from .runner import grade_submission

    shown = root.name or str(root)
    defined: tuple[str, ...] = ()
    with tempfile.TemporaryDirectory(prefix="xent-upload-") as tmp:
        upload = collect(root, Path(tmp) / "submission")
        if not upload.files:
            reason = (f"No notebook (.ipynb) or .py file was found in what was uploaded "
                      f"({_listing(root)}).")
            report = unreadable_report(shown, FUNCTIONS, reason)
        else:
            try:
                submission = load_submission(upload.folder)
                defined = submission.defined
                options = {"limits": limits} if limits is not None else {}
                report = grade_submission(submission, functions=FUNCTIONS, redact=False,
                                          **options)
            except SubmissionError as error:
                report = unreadable_report(shown, FUNCTIONS, str(error))
    notes = [*report.notes, *upload.notes]
    missing = [f for f in FUNCTIONS if f not in defined]
    if upload.files and missing:
        notes.append("Nothing that was uploaded defines " + ", ".join(missing)
                     + ": upload every notebook of the assignment to be graded on "
                     + ("it." if len(missing) == 1 else "them."))
    return replace(report, submission=shown, notes=tuple(dict.fromkeys(notes)))


def _listing(root: Path) -> str:
    try:
        names = sorted(p.name for p in root.iterdir())[:5]
    except OSError:
        return "the folder could not be read"
    return ", ".join(names) if names else "the folder was empty"


def run_in_container(base: Path, upload: str, private: tuple[str, ...], render,
                     *, allow_unprotected: bool = False) -> int:
    """What a platform's entrypoint does: check the answer key is out of the sandbox's reach
    (exit 2 otherwise, unless allowed), grade ``base/upload``, write ``base/results/results.json``
    with ``render``. ``private`` names the folders under ``base`` that student code must not see
    (the platform's copy of the kit holds the reference)."""
    from .class_outputs import write_atomic
    from .sandbox import Limits
    from .sandbox.protect import ensure

    limits = Limits(hidden_paths=tuple(str(base / n) for n in (*private, "results")
                                       if (base / n).exists()))
    if ensure(limits, allow_unprotected=allow_unprotected) is None:
        return 2
    report = grade_upload(base / upload, limits=limits)
    results = base / "results"
    results.mkdir(parents=True, exist_ok=True)
    write_atomic(results / "results.json", render(report))
    print(f"graded {base / upload}: {report.score:g}/{report.max_score:g}")
    return 0
