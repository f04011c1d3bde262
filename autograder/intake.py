"""Untrusted submission files, read with limits before any parsing happens.

- Only regular files are read, never through a symbolic link: the submission path is checked
  with ``lstat``, a folder's entries with ``scandir`` (not followed), and each file is opened
  with ``O_NOFOLLOW | O_NONBLOCK`` and checked again with ``fstat`` on the open descriptor, so
  a link to a classmate's file, a FIFO or a device is never read, even as root.
- Sizes are checked before reading: :data:`MAX_FILE_BYTES` per file (a notebook with its
  outputs), :data:`MAX_BYTES` per submission, :data:`MAX_CODE_BYTES` of Python source per
  submission, :data:`MAX_FILES` files in a folder.
- What parsing costs is checked before parsing: at most :data:`MAX_TOKENS` names, numbers and
  symbols of Python source per submission (:func:`count_tokens`, linear and stopping at the
  cap). The parser's memory and time grow with that count, not with the bytes: a 2 MB list
  literal of 500000 numbers costs it over 500 MB, a 1.2 MB string nothing. The whole
  assignment solved has about 9000; at the cap, reading costs about 60 MB and half a second.
- A submission larger than :data:`INLINE_BYTES` is parsed in a forked helper process
  (:func:`in_helper`) under ``RLIMIT_AS`` (:data:`PARSE_MEMORY` more than the grader maps),
  ``RLIMIT_CPU`` (:data:`PARSE_CPU`) and a wall timeout (:data:`PARSE_WALL`); what comes back
  is JSON. Under :data:`MAX_TOKENS` the helper needs a fraction of those limits; they stop
  what the count cannot see (nesting). Every failure is a :class:`SubmissionError` of one
  sentence.
- Text that leaves here holds no lone surrogates (:func:`clean`): undecodable file names and
  ``\\ud800`` escapes in a notebook's JSON become visible escapes, so every writer can print it.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import json
import os
import re
import resource
import select
import signal
import stat
import sys
import time

MAX_FILE_BYTES = 16 * 2**20  # one file (a notebook with its outputs)
MAX_BYTES = 32 * 2**20  # all files of one submission
MAX_CODE_BYTES = 2 * 2**20  # Python source (a .py file, a notebook's code cells), all files
MAX_FILES = 100  # .py and .ipynb files in a folder submission
MAX_TOKENS = 50_000  # names, numbers and symbols of code, all files: 5x the assignment solved
INLINE_BYTES = 256 * 2**10  # a submission this small is read in the grading process itself
PARSE_MEMORY = 256 * 2**20  # address space the reading helper may add
PARSE_CPU = 5.0  # CPU seconds of the reading helper
PARSE_WALL = 60.0  # wall seconds the grader waits for it
PARSE_DEPTH = 5000  # recursion the helper adds for the parser (chains of ~5000 terms)


class SubmissionError(Exception):
    """The submission cannot be read at all; the message says why in one sentence."""


def submission_files(path: str, shown: str) -> tuple[list[str], list[str]]:
    """The files to read, and notes on entries skipped. Only regular files are read, never
    through a symbolic link: a folder's entries are checked with ``lstat``, not followed."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        raise SubmissionError(f"{shown} does not exist.") from None
    except OSError as e:
        raise SubmissionError(f"{shown} cannot be read: {clean(e.strerror or str(e))}.") from None
    if stat.S_ISLNK(info.st_mode):
        raise SubmissionError(f"{shown} is a symbolic link; the grader reads only regular files.")
    if stat.S_ISREG(info.st_mode):
        if not path.endswith((".py", ".ipynb")):
            raise SubmissionError(f"{shown} is neither a .py file nor a .ipynb notebook.")
        return [path], []
    if not stat.S_ISDIR(info.st_mode):
        raise SubmissionError(f"{shown} is neither a file nor a folder.")
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as e:
        raise SubmissionError(f"{shown} cannot be read: {clean(e.strerror or str(e))}.") from None
    files, skipped = [], []
    for ext in (".ipynb", ".py"):
        for entry in entries:
            if not entry.name.endswith(ext) or entry.name.startswith("."):
                continue
            if entry.is_symlink():
                skipped.append(f"{clean(entry.name)} is a symbolic link, so it was not read: "
                               "submit the file itself.")
            elif entry.is_file(follow_symlinks=False):
                files.append(entry.path)
    if len(files) > MAX_FILES:
        raise SubmissionError(f"{shown} holds more than {MAX_FILES} .py and .ipynb files.")
    if not files:
        raise SubmissionError(f"{shown} is a directory with no .py or .ipynb files.")
    return files, skipped


def open_regular(path: str, shown: str) -> tuple[int, os.stat_result]:
    """Open ``path`` for reading if it is a regular file, never through a link and never
    blocking on a FIFO or device swapped in since it was listed; the descriptor and its
    ``fstat`` (the file opened, not whatever the name points at by now). The caller closes it."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise SubmissionError(f"{shown} is a symbolic link; the grader reads only regular "
                                  "files.") from None
        raise SubmissionError(f"{shown} cannot be read: {clean(e.strerror or str(e))}.") from None
    try:
        info = os.fstat(fd)
    except OSError as e:
        os.close(fd)
        raise SubmissionError(f"{shown} cannot be read: {clean(e.strerror or str(e))}.") from None
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise SubmissionError(f"{shown} is not a regular file.")
    return fd, info


def read_text(path: str, shown: str, budget: int) -> str:
    fd, info = open_regular(path, shown)
    try:
        if info.st_size > min(budget, MAX_FILE_BYTES):
            raise SubmissionError(too_big(shown))
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(min(budget, MAX_FILE_BYTES) + 1)
    except OSError as e:
        raise SubmissionError(f"{shown} cannot be read: {clean(e.strerror or str(e))}.") from None
    finally:
        os.close(fd)
    if len(data) > min(budget, MAX_FILE_BYTES):
        raise SubmissionError(too_big(shown))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SubmissionError(f"{shown} is not UTF-8 text (it is UTF-16); save it as UTF-8.")
    if b"\0" in data:
        raise SubmissionError(f"{shown} is a binary file, not Python source or a Jupyter notebook.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SubmissionError(
            f"{shown} is not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "save it as UTF-8."
        ) from None
    return text.removeprefix("\ufeff")


class CodeBudget:
    """What is left of one submission's :data:`MAX_CODE_BYTES` and :data:`MAX_TOKENS`; each
    source is charged before it is parsed."""

    def __init__(self):
        self.chars, self.tokens = MAX_CODE_BYTES, MAX_TOKENS

    def charge(self, source: str, shown: str) -> None:
        self.chars -= len(source)
        if self.chars < 0:
            raise SubmissionError(too_much_code(shown))
        self.tokens -= count_tokens(source, self.tokens)
        if self.tokens < 0:
            raise SubmissionError(too_many_tokens(shown))


def too_big(shown: str) -> str:
    return (f"{shown} is too large: the grader reads at most {MAX_FILE_BYTES // 2**20} MB per "
            f"file and {MAX_BYTES // 2**20} MB per submission.")


def too_much_code(shown: str) -> str:
    return (f"{shown} holds too much code: the grader reads at most "
            f"{MAX_CODE_BYTES // 2**20} MB of Python source per submission.")


def count_tokens(text: str, limit: int) -> int:
    """How many names, numbers and symbols ``text`` holds, counted up to ``limit + 1`` at most.

    Every run of word characters counts one and every other character that is not a space
    counts one, inside strings and comments too: an upper bound on the tokens the parser turns
    into nodes (a symbol like ``**`` counts two), which no spelling hides (an f-string's
    ``{x}`` parts are counted like code). The count stops past ``limit``, so its cost is linear
    in the smaller of the text and the limit (about 30 ms at 50000).
    """
    return sum(1 for _ in itertools.islice(_TOKEN.finditer(text), limit + 1))


_TOKEN = re.compile(r"\w+|[^\w\s]")


def too_many_tokens(shown: str) -> str:
    return (f"{shown} holds too much code: the grader reads at most {MAX_TOKENS:,} names, "
            "numbers and symbols of Python source per submission, and a long notebook has a "
            "few thousand.")


def clean(text: str) -> str:
    """``text`` with lone surrogates (undecodable file names, JSON escapes) as escapes."""
    if text.isascii():
        return text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def in_helper(fn, *args) -> dict:
    """``fn(*args)`` (plain data in, JSON-able data out) in a forked child under limits."""
    shown = clean(str(args[0]))
    limit_message = (f"{shown} could not be read within the grader's limits "
                     f"({PARSE_MEMORY // 2**20} MB of memory, {PARSE_CPU:g} s of CPU): "
                     "it is far larger or more deeply nested than a submission needs to be.")
    mapped = _mapped_bytes()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: never returns, never runs the parent's exit handlers
        status = 1
        try:
            os.close(read_fd)
            if mapped:
                resource.setrlimit(resource.RLIMIT_AS, (mapped + PARSE_MEMORY,) * 2)
            resource.setrlimit(resource.RLIMIT_CPU, (int(PARSE_CPU), int(PARSE_CPU) + 1))
            with deep_parsing():
                result = fn(*args)
            data = json.dumps(result, ensure_ascii=True).encode("ascii")
            view = memoryview(data)
            while view:
                view = view[os.write(write_fd, view):]
            status = 0
        finally:
            os._exit(status)
    os.close(write_fd)
    chunks, size = [], 0
    deadline = time.monotonic() + PARSE_WALL
    try:
        poller = select.poll()
        poller.register(read_fd, select.POLLIN)
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not poller.poll(max(1, int(remaining * 1000))):
                os.kill(pid, signal.SIGKILL)
                raise SubmissionError(f"{shown} could not be read within {PARSE_WALL:g} s: it "
                                      "is far larger than a submission needs to be.")
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            size += len(chunk)
            if size > 4 * MAX_BYTES:  # the helper's answer is bounded by what it read
                os.kill(pid, signal.SIGKILL)
                raise SubmissionError(limit_message)
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        _, status = os.waitpid(pid, 0)
    if status != 0 or not chunks:
        raise SubmissionError(limit_message)
    return json.loads(b"".join(chunks))


@contextlib.contextmanager
def deep_parsing():
    """The parser turns a chain of a few thousand terms into as many nested nodes: read those
    whatever depth the grader called from (the C stack holds this much more)."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, 1000) + PARSE_DEPTH)
    try:
        yield
    finally:
        sys.setrecursionlimit(before)


def _mapped_bytes() -> int:
    """This process's address space now (what ``RLIMIT_AS`` counts), 0 when unknown."""
    try:
        with open("/proc/self/statm", "rb") as f:
            return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def notebook_cells(text: str, shown: str) -> list[tuple[int, str]]:
    """(1-based index among all cells, source) of each code cell, nbformat 4 or 3."""
    if not text.strip():
        return []
    try:
        nb = json.loads(text)
    except json.JSONDecodeError as e:
        raise SubmissionError(
            f"{shown} is not valid JSON (line {e.lineno}, column {e.colno}): {e.msg}."
        ) from None
    except (ValueError, RecursionError) as e:
        raise SubmissionError(f"{shown} is not valid JSON: {e}.") from None
    if not isinstance(nb, dict):
        raise SubmissionError(f"{shown} is not a Jupyter notebook: its JSON is not an object.")
    if isinstance(nb.get("cells"), list):
        cells, key = nb["cells"], "source"
    elif isinstance(nb.get("worksheets"), list):  # nbformat 3
        cells, key = [], "input"
        for sheet in nb["worksheets"]:
            if not isinstance(sheet, dict) or not isinstance(sheet.get("cells", []), list):
                raise SubmissionError(f"{shown} is not a notebook: a worksheet is malformed.")
            cells.extend(sheet.get("cells", []))
    else:
        raise SubmissionError(f'{shown} is not a Jupyter notebook: it has no "cells" list.')

    out = []
    for index, cell in enumerate(cells, start=1):
        if not isinstance(cell, dict):
            raise SubmissionError(f"{shown} is malformed: cell {index} is not a JSON object.")
        if cell.get("cell_type") != "code":
            continue
        source = cell.get(key, "")
        if isinstance(source, list) and all(isinstance(s, str) for s in source):
            source = "".join(source)
        if not isinstance(source, str):
            raise SubmissionError(
                f"{shown} is malformed: the source of cell {index} is neither text nor a list "
                "of lines."
            )
        out.append((index, source))
    return out
