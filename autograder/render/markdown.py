"""Feedback for one student as Markdown (``feedback/<student>.md``): the student's view only.

Prose that may hold the student's text (the heading's name, notes) is escaped, so Markdown or
raw HTML in it shows as written; messages and evidence sit in fences longer than any run of
backticks inside them. No sentence is said twice.
"""

from __future__ import annotations

from ..model import Report, Status
from .json import student_view
from .safe import Unrepeated, markdown_text, printable
from .text import evidence_lines

_MARK = {Status.PASSED: "passed", Status.FAILED: "failed", Status.ERROR: "error",
         Status.TIMEOUT: "timeout", Status.NOT_IMPLEMENTED: "not implemented"}


def _fence(text: str) -> str:
    """A code block whose fence is longer than any run of backticks inside it."""
    ticks = "`" * max(3, _longest_backticks(text) + 1)
    return f"{ticks}\n{text}\n{ticks}"


def _longest_backticks(text: str) -> int:
    best = run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        best = max(best, run)
    return best


def render(report: Report, *, student: str | None = None) -> str:
    view = student_view(report)
    out = [f"# Feedback for {markdown_text(student or view.submission)}", "",
           f"**Score: {view.score:g} / {view.max_score:g}**", ""]
    said = Unrepeated()
    notes = [n for n in (said.sentences(n) for n in view.notes) if n]
    for note in notes:
        out.append(f"> {markdown_text(note)}")
    if notes:
        out.append("")
    for function in view.functions():
        got, top = view.function_score(function)
        out += [f"## `{function}`: {got:g} / {top:g}", ""]
        for r in view.by_function(function):
            hidden = " (hidden)" if r.hidden else ""
            out.append(f"- **{_MARK[r.status]}** `{r.name}`{hidden}: {r.points:g} / {r.max_points:g}")
        out.append("")
        for r in view.by_function(function):
            if r.passed or r.status is Status.NOT_IMPLEMENTED:
                continue
            lines = said.lines(evidence_lines(r))
            message = said.sentences(r.message)
            lines += [message] if message else []
            if not lines:
                continue
            out += [f"### `{r.name}`", "", _fence(printable("\n".join(lines))), ""]
    return "\n".join(out).rstrip() + "\n"
