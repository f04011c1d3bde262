"""A pytest self-check: one test item per check, with the same words as the CLI.

Two ways in:

- ``pytest path/to/notebook.ipynb``: a notebook named on the command line is collected as a
  submission (notebooks pytest merely walks past are left alone);
- ``pytest --submission path/to/file.py`` (or a notebook, or a folder): the same for any file.

Registered through the ``pytest11`` entry point, it does nothing unless one of those is used,
except this: a bare ``pytest`` that walked past notebooks and collected nothing says how to
check them instead of leaving the student with "no tests ran".
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest


def _rewrite_less() -> None:
    """pytest rewrites the asserts of every module of a plugin's distribution, from source on
    any run that may not write bytecode: the kit's modules hold no test asserts, so they are
    imported as compiled (a private detail of pytest: nothing happens if it changes)."""
    for finder in sys.meta_path:
        marked = getattr(finder, "_must_rewrite", None)
        if isinstance(marked, set):
            marked.difference_update({"autograder", "solutions"})


def _start_early(argv: list[str]) -> None:
    """Start the sandbox's zygote while pytest sets itself up, when the command line names a
    notebook or ``--submission`` (this module is imported before pytest parses it)."""
    if any(a.endswith(".ipynb") or a.startswith("--submission") for a in argv):
        from .sandbox.spawner import prestart_self_check

        prestart_self_check()


_rewrite_less()
_start_early(sys.argv[1:])


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("xent-kit")
    group.addoption("--submission", action="append", default=[], metavar="PATH",
                    help="self-check a student submission (.py, .ipynb or a folder)")


_WALKED = pytest.StashKey[list]()


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.suffix == ".ipynb":
        if parent.session.isinitpath(file_path):
            return SubmissionFile.from_parent(parent, path=file_path)
        parent.config.stash.setdefault(_WALKED, []).append(file_path.name)
    return None


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    walked = config.stash.get(_WALKED, [])
    if walked and not terminalreporter.stats.get("passed") and not terminalreporter.stats.get(
            "failed") and not config.getoption("submission"):
        example = sorted(walked)[0]
        terminalreporter.write_line(
            f"xent-kit: pytest checks a notebook only when you name it: pytest {example} "
            "(or python -m autograder check " + example + ").")


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config,
                                  items: list[pytest.Item]) -> None:
    submissions = config.getoption("submission")
    if not submissions:
        return
    items.clear()  # --submission grades submissions only, not the suite pytest found
    for path in submissions:
        collector = SubmissionFile.from_parent(session, path=Path(path).resolve())
        items.extend(collector.collect())


class CheckFailed(Exception):
    """A check did not pass; its text is the whole story (no traceback is shown)."""


class SubmissionFile(pytest.File):
    def collect(self):
        from .sandbox.spawner import prestart

        prestart()  # it boots while the checks are imported (at once, if it is running)
        from .loader import SubmissionError
        from .runner import declared_functions, grade_path

        try:
            report = grade_path(self.path, functions=declared_functions(self.path))
        except SubmissionError as error:
            yield UnreadableItem.from_parent(self, name="load", message=str(error))
            return
        for result in report.results:
            yield CheckItem.from_parent(self, name=result.name, result=result)


class CheckItem(pytest.Item):
    def __init__(self, *, result, **kwargs):
        super().__init__(**kwargs)
        self.result = result
        self.add_marker(pytest.mark.xent(function=result.function, points=result.max_points))

    def runtest(self) -> None:
        from .model import Status
        from .render.text import check_block

        if self.result.status is not Status.PASSED:
            raise CheckFailed(check_block(self.result))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CheckFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, self.name


class UnreadableItem(pytest.Item):
    def __init__(self, *, message: str, **kwargs):
        super().__init__(**kwargs)
        self.message = message

    def runtest(self) -> None:
        raise CheckFailed(f"The submission could not be read: {self.message}")

    def repr_failure(self, excinfo, style=None):
        return str(excinfo.value)

    def reportinfo(self):
        return self.path, None, "load"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "xent(function, points): a check of the xent-kit catalogue")
