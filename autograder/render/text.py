"""The terminal report a student reads after a self-check.

Prose (messages, hints, notes) is wrapped at :data:`WIDTH` columns between words, so it reads
the same in a terminal, in a notebook's output area and in nbgrader's stored feedback; calls
and values are never wrapped, so a failing call stays one line that can be pasted.
"""

from __future__ import annotations

import textwrap

from .. import wording
from ..model import CheckResult, Report, Status

_MARK = {
    Status.PASSED: "ok",
    Status.FAILED: "FAILED",
    Status.ERROR: "ERROR",
    Status.TIMEOUT: "TIMEOUT",
    Status.NOT_IMPLEMENTED: "not implemented",
}


WIDTH = 88


def wrap(text: str, width: int = WIDTH) -> str:
    """``text`` wrapped at ``width`` columns between words, line by line (its own line breaks
    stay). A line that starts ``note:`` or ``Hint:`` continues indented under its first word;
    a word longer than a line is left whole rather than cut."""
    out = []
    for line in text.split("\n"):
        lead = line[: len(line) - len(line.lstrip())]
        hang = "  " if line.lstrip().startswith(("note:", "Hint:")) else ""
        out.append(textwrap.fill(line, width, subsequent_indent=lead + hang,
                                 break_long_words=False, break_on_hyphens=False)
                   if line.strip() else line)
    return "\n".join(out)


def _points(x: float) -> str:
    return f"{x:g}"


def evidence_lines(result: CheckResult) -> list[str]:
    """The failing call with expected and got lined up, or the note that a hidden check's
    inputs are not shown. Every renderer shows a failure's evidence through this function."""
    example = result.counterexample
    if result.status is Status.NOT_IMPLEMENTED:
        return []
    if example is None:
        return [wording.hidden_note()] if result.hidden else []
    lines = [f"Failing case: {example.call}"]
    if example.expected is not None:
        note = f"  {example.note}" if example.note else ""
        lines.append(f"  expected: {example.expected}{note}")
    if example.got is not None:
        lines.append(f"  got:      {example.got}")
    return lines


def check_block(result: CheckResult) -> str:
    """One failed check, as in STYLE.md: header, failing call, expected vs got, why, hint."""
    lines = [f"{result.name}  [{_points(result.points)}/{_points(result.max_points)}]"
             f"{'  (hidden)' if result.hidden else ''}"]
    lines += evidence_lines(result)
    lines.append(wrap(result.message))
    return "\n".join(lines)


def summary_line(result: CheckResult) -> str:
    hidden = " (hidden)" if result.hidden else ""
    return (f"  {_MARK[result.status]:<16}{result.name}{hidden}  "
            f"[{_points(result.points)}/{_points(result.max_points)}]")


def render(report: Report, *, verbose: bool = False) -> str:
    """The whole report: per-function scores, then the failures in full, then the total."""
    out = [f"xent-kit check of {report.submission}"]
    out += [wrap(f"note: {n}") for n in report.notes]
    for function in report.functions():
        got, top = report.function_score(function)
        out.append("")
        out.append(f"{function}  {_points(got)}/{_points(top)}")
        out += [summary_line(r) for r in report.by_function(function)]
    failures = [r for r in report.results if not r.passed and r.status is not Status.NOT_IMPLEMENTED]
    stubs = [r.function for r in report.results if r.status is Status.NOT_IMPLEMENTED]
    if failures:
        out += ["", "-" * 72]
        for r in failures:
            out += [check_block(r), ""]
    if stubs:
        names = ", ".join(dict.fromkeys(stubs))
        out.append(wrap(f"Not implemented yet: {names}."))
    out.append(f"Score: {_points(report.score)}/{_points(report.max_score)}"
               f" ({report.elapsed:.2f} s)" if verbose else
               f"Score: {_points(report.score)}/{_points(report.max_score)}")
    return "\n".join(out)
