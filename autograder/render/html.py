"""Feedback for one student as a self-contained HTML page: the student's view only.

Everything that comes from a report (names, messages, calls, values, notes) can hold text the
student wrote, so every such string goes through :func:`html.escape` (and
:func:`~autograder.render.safe.printable`). No sentence is said twice
(:class:`~autograder.render.safe.Unrepeated`).
"""

from __future__ import annotations

import html

from ..model import CheckResult, Report, Status
from .json import student_view
from .safe import Unrepeated, printable
from .text import evidence_lines

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; color: #222; }
table { border-collapse: collapse; } td, th { padding: .2rem .8rem; text-align: left; }
tr.passed td:first-child { color: #1a7f37; } tr.failed td:first-child { color: #b42318; }
pre { background: #f5f5f5; padding: .6rem; white-space: pre-wrap; }
.note { background: #fff8e1; padding: .4rem .6rem; }
"""


def esc(value: object) -> str:
    return html.escape(printable(value), quote=True)


def _row(r: CheckResult) -> str:
    css = "passed" if r.passed else "failed"
    hidden = " (hidden)" if r.hidden else ""
    return (f'<tr class="{css}"><td>{esc(r.status.value.replace("_", " "))}</td>'
            f"<td><code>{esc(r.name)}</code>{hidden}</td>"
            f"<td>{r.points:g} / {r.max_points:g}</td></tr>")


def _detail(r: CheckResult, said: Unrepeated) -> str:
    lines = said.lines(evidence_lines(r))
    message = said.sentences(r.message)
    lines += [message] if message else []
    lines += said.lines([f"warning: {w}" for w in r.warnings])
    if not lines:
        return ""
    return f"<h3><code>{esc(r.name)}</code></h3>\n<pre>{esc(chr(10).join(lines))}</pre>"


def render(report: Report, *, student: str | None = None) -> str:
    view = student_view(report)
    who = esc(student or view.submission)
    body = [f"<h1>Feedback for {who}</h1>",
            f"<p><strong>Score: {view.score:g} / {view.max_score:g}</strong></p>"]
    said = Unrepeated()
    notes = [said.sentences(n) for n in view.notes]
    body += [f'<p class="note">{esc(n)}</p>' for n in notes if n]
    for function in view.functions():
        got, top = view.function_score(function)
        results = view.by_function(function)
        body.append(f"<h2><code>{esc(function)}</code>: {got:g} / {top:g}</h2>")
        body.append("<table>" + "".join(_row(r) for r in results) + "</table>")
        details = [_detail(r, said) for r in results
                   if not r.passed and r.status is not Status.NOT_IMPLEMENTED]
        body += [d for d in details if d]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Feedback for {who}</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")
