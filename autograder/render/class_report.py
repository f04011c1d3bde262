"""The class report: one self-contained HTML page for the instructor.

Three figures, drawn as inline SVG by :mod:`autograder.render.svg` (so the page is one file that
can be mailed or archived, its labels stay text, and no plotting library is imported): the score
histogram, the pass rate of every check, and the class's most common diagnoses, each with an
example failing call from the instructor's view (hidden checks' inputs included: this page is not
for students).

Pass rates and diagnoses count graded submissions only: a blank, unreadable or errored one
would say nothing about a check. Below the figures, a table names every submission that needs
the instructor's eyes: blank, unreadable or errored ones, integrity flags
(:mod:`autograder.integrity`), and the instructor-only notes (the dropped statements).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Mapping

from .. import wording
from ..model import Report, Status
from . import svg
from .html import STYLE, esc

TOP_DIAGNOSES = 10
NOT_GRADED = ("blank", "unreadable", "errored")


def _outcome(report: Report) -> str:
    return (report.meta or {}).get("outcome") or "graded"


def graded_only(reports: Mapping[str, Report]) -> dict[str, Report]:
    """The reports that say something about the checks: not blank, unreadable or errored."""
    return {s: r for s, r in reports.items() if _outcome(r) not in NOT_GRADED}


@dataclass(frozen=True)
class Diagnosis:
    key: str
    students: int  # how many students show this bug at least once
    example_student: str
    example_check: str
    example_call: str
    example_expected: str | None
    example_got: str | None

    @property
    def why(self) -> str:
        return wording.words(self.key).why


def common_diagnoses(reports: Mapping[str, Report], top: int = TOP_DIAGNOSES) -> list[Diagnosis]:
    """Diagnosis keys by the number of students whose failures show them, most common first."""
    counts: Counter[str] = Counter()
    example: dict[str, tuple] = {}
    for student in sorted(reports):
        seen = set()
        for r in reports[student].results:
            ce = r.counterexample
            if (r.passed or r.status is Status.NOT_IMPLEMENTED or ce is None or not ce.diagnosis
                    or ce.diagnosis in seen):
                continue
            seen.add(ce.diagnosis)
            counts[ce.diagnosis] += 1
            example.setdefault(ce.diagnosis, (student, r.name, ce.call, ce.expected, ce.got))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return [Diagnosis(key, n, *example[key]) for key, n in ranked]


def pass_rates(reports: Mapping[str, Report]) -> list[tuple[str, float, int]]:
    """(check, fraction of students passing it, students graded on it), in catalogue order."""
    passed: dict[str, int] = {}
    graded: dict[str, int] = {}
    for report in reports.values():
        for r in report.results:
            graded[r.name] = graded.get(r.name, 0) + 1
            passed[r.name] = passed.get(r.name, 0) + (r.status is Status.PASSED)
    return [(name, passed[name] / graded[name], graded[name]) for name in graded]


HISTOGRAM_EDGES = (0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100)


def _rate_colour(percent: float) -> str:
    return "#c44e52" if percent < 50 else "#dd8452" if percent < 80 else "#55a868"


def _figures(reports: Mapping[str, Report]) -> dict[str, str]:
    """The three figures as inline SVG, keyed ``histogram``, ``pass_rate``, ``diagnoses`` (the
    last two only when there is something to plot)."""
    figures = {}
    fractions = [100 * r.score / r.max_score if r.max_score else 0.0 for r in reports.values()]
    graded = graded_only(reports)
    figures["histogram"] = svg.histogram(
        fractions, HISTOGRAM_EDGES, title=f"Scores of {len(reports)} submissions",
        xlabel="score (% of the maximum)", ylabel="students")
    rates = pass_rates(graded)
    if rates:
        figures["pass_rate"] = svg.bars(
            [svg.Bar(name, 100 * f, _rate_colour(100 * f),
                     f"{name}: {100 * f:.0f}% of {n} students pass") for name, f, n in rates],
            title="Pass rate per check", xlabel="students passing (%)", x_max=100, unit="%",
            ident="pass-rate")
    diagnoses = common_diagnoses(graded)
    if diagnoses:
        figures["diagnoses"] = svg.bars(
            [svg.Bar(d.key, d.students, "#8172b2", f"{d.key}: {d.students} students")
             for d in diagnoses],
            title="Most common diagnoses", xlabel="students", ident="diagnoses")
    return figures


def _figure(figures: dict[str, str], key: str) -> str:
    return f"<figure>{figures[key]}</figure>" if key in figures else "<p>(nothing to plot)</p>"


def _attention(reports: Mapping[str, Report]) -> list[str]:
    """The table of submissions that need a look (not graded, or flagged), then the statements
    the loader dropped, per student, folded away (every notebook has some)."""
    rows, dropped = [], []
    for student in sorted(reports):
        report = reports[student]
        meta = report.meta or {}
        flags = list(meta.get("flags") or ())
        notes = list(meta.get("instructor_notes") or ())
        outcome = _outcome(report)
        dropped += [f"<li>{esc(student)}: {esc(n)}</li>" for n in notes
                    if n.startswith("Dropped ")]
        if outcome == "graded" and not flags:
            continue
        what = "".join(f"<li><strong>{esc(f)}</strong></li>" for f in flags)
        said = [n for n in notes if not n.startswith("Dropped ")]
        what += "".join(f"<li>{esc(n)}</li>" for n in said)
        if outcome != "graded" and report.notes and not said:
            what += f"<li>{esc(report.notes[0])}</li>"
        rows.append(f"<tr><td>{esc(student)}</td><td>{report.score:g} / {report.max_score:g}"
                    f"</td><td>{esc(outcome)}</td><td><ul>{what}</ul></td></tr>")
    out = (["<table><tr><th>student</th><th>score</th><th>outcome</th>"
            "<th>flags and notes</th></tr>"] + rows + ["</table>"] if rows else
           ["<p>Every submission was graded and none was flagged.</p>"])
    if dropped:
        out += [f"<details><summary>Statements the loader dropped ({len(dropped)} "
                "submissions): plots, prints and exploration that do not run at grading "
                "time</summary><ul>"] + dropped + ["</ul></details>"]
    return out


def render(reports: Mapping[str, Report]) -> str:
    everyone = reports
    reports = graded_only(reports)
    figures = _figures(everyone) if everyone else {}
    scores = sorted(r.score for r in everyone.values())
    top = max((r.max_score for r in everyone.values()), default=0)
    median = scores[len(scores) // 2] if scores else 0
    left_out = len(everyone) - len(reports)
    body = ["<h1>Class report</h1>",
            f"<p>{len(everyone)} submissions; median score {median:g} / {top:g}; "
            f"{sum(r.all_passed for r in everyone.values())} with every check passed. Pass "
            f"rates and diagnoses count the {len(reports)} graded submissions"
            + (f" ({left_out} blank, unreadable or errored left out)" if left_out else "")
            + ".</p>",
            "<h2>Scores</h2>", _figure(figures, "histogram"),
            "<h2>Pass rate per check</h2>", _figure(figures, "pass_rate"),
            "<h2>Most common diagnoses</h2>", _figure(figures, "diagnoses")]
    attention = _attention(everyone)
    diagnoses = common_diagnoses(reports)
    if diagnoses:
        body.append("<table><tr><th>diagnosis</th><th>students</th><th>what it means</th>"
                    "<th>an example</th></tr>")
        for d in diagnoses:
            example = d.example_call
            if d.example_expected is not None:
                example += f"\n  expected: {d.example_expected}"
            if d.example_got is not None:
                example += f"\n  got:      {d.example_got}"
            body.append(f"<tr><td><code>{esc(d.key)}</code></td><td>{d.students}</td>"
                        f"<td>{esc(d.why)}</td><td>{esc(d.example_student)}, "
                        f"<code>{esc(d.example_check)}</code><pre>{esc(example)}</pre></td></tr>")
        body.append("</table>")
    else:
        body.append("<p>No failure was diagnosed.</p>")
    body += ["<h2>Submissions to look at</h2>"] + attention
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Class report</title><style>{STYLE}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")
