"""The report as a notebook's grade cell shows it (IPython's display protocol).

:class:`Feedback` wraps a :class:`~autograder.model.Report` for one cell: ``_repr_html_`` gives a
compact table of the checks, then the failures grouped by what went wrong (the diagnosis and the
hint once, the failing calls it explains under it, each with expected and got aligned and a
code block to paste); ``__repr__`` gives the same as plain text wrapped at 88 columns, for
terminals and for nbgrader's stored output. The points add up on screen: public points earned
of public points, plus the hidden points graded later (or, where the answer key is at hand, the
hidden checks' own points), summing to the points of the exercise.

Every string that comes from a report can hold text the student wrote, so the HTML escapes it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..model import CheckResult, Report, Status
from .text import WIDTH, wrap

_LABEL = {Status.PASSED: "ok", Status.FAILED: "failed", Status.ERROR: "error",
          Status.TIMEOUT: "timeout", Status.NOT_IMPLEMENTED: "not implemented"}
_COLOUR = {Status.PASSED: "#1a7f37", Status.NOT_IMPLEMENTED: "#6e7781"}
_STYLE = ("font-family: var(--jp-content-font-family, system-ui, sans-serif); "
          "line-height: 1.4; max-width: 60rem")


def unrun_sentence(function: str) -> str:
    return (f"Your notebook has changes to `{function}` that you have not run: this cell grades "
            f"what the kernel ran. Run the cell that defines `{function}`, then this one.")


@dataclass(frozen=True)
class Feedback:
    """What one grade cell shows: the report, the hidden checks graded later, unrun edits."""

    report: Report
    later: tuple[tuple[str, float], ...] = ()  # hidden checks not graded here: (name, points)
    unrun: tuple[str, ...] = ()  # functions the saved notebook defines differently

    # ----------------------------------------------------------------- the numbers
    @property
    def public(self) -> tuple[float, float]:
        rs = [r for r in self.report.results if not r.hidden]
        return _sum(r.points for r in rs), _sum(r.max_points for r in rs)

    @property
    def hidden(self) -> tuple[float, float]:
        rs = [r for r in self.report.results if r.hidden]
        return _sum(r.points for r in rs), _sum(r.max_points for r in rs)

    @property
    def later_points(self) -> float:
        return _sum(points for _, points in self.later)

    @property
    def total(self) -> float:
        return _sum([self.public[1], self.hidden[1], self.later_points])

    def score_line(self) -> str:
        got, top = self.public
        parts = [f"Public checks: {got:g} of {top:g} points"]
        if self.hidden[1]:
            parts.append(f"hidden checks: {self.hidden[0]:g} of {self.hidden[1]:g}")
        if self.later:
            parts.append(f"hidden checks worth {_count(self.later_points, 'point')} are graded "
                         "when your instructor grades")
        return "; ".join(parts) + f" ({self.total:g} in all)."

    def groups(self) -> list[tuple[str, list[tuple[CheckResult, str]]]]:
        """Failures grouped by diagnosis, in check order: the lines of the message every case
        of a group shares (the diagnosis and its hint, said once), then each case with what its
        own message adds."""
        groups: dict[str, list[CheckResult]] = {}
        seen: dict[str, str] = {}  # message -> its group (a hidden check has no diagnosis key)
        for r in self.report.results:
            if not r.passed and r.status is not Status.NOT_IMPLEMENTED:
                example = r.counterexample
                key = example.diagnosis if example and example.diagnosis else \
                    seen.get(r.message, r.message)
                seen.setdefault(r.message, key)
                groups.setdefault(key, []).append(r)
        out = []
        for results in groups.values():
            shared = [line for line in results[0].message.split("\n")
                      if all(line in r.message.split("\n") for r in results)]
            cases = [(r, "\n".join(line for line in r.message.split("\n") if line not in shared))
                     for r in results]
            out.append(("\n".join(shared), cases))
        return out

    def stubs(self) -> list[str]:
        return list(dict.fromkeys(r.function for r in self.report.results
                                  if r.status is Status.NOT_IMPLEMENTED))

    # ----------------------------------------------------------------- plain text
    def __repr__(self) -> str:
        out = [wrap("note: " + unrun_sentence(f)) for f in self.unrun]
        out.append(wrap(self.score_line()))
        width = max([len(r.name) + (9 if r.hidden else 0) for r in self.report.results] + [0])
        for r in self.report.results:
            name = r.name + (" (hidden)" if r.hidden else "")
            out.append(f"  {_LABEL[r.status]:<16}{name:<{width}}  {r.points:g}/{r.max_points:g}")
        for name, points in self.later:
            out.append(f"  {'later':<16}{name + ' (hidden)':<{width}}  -/{points:g}")
        for message, cases in self.groups():
            out += ["", wrap(message)]
            for r, own in cases:
                out.append(f"  {r.name}  [{r.points:g}/{r.max_points:g}]")
                out += ["    " + line for line in _evidence(r)]
                out += ["    " + line for line in wrap(own, WIDTH - 4).split("\n") if own]
        if self.stubs():
            out += ["", wrap(f"Not implemented yet: {', '.join(self.stubs())} (it still raises "
                             "NotImplementedError).")]
        out += [wrap(f"note: {n}") for n in self.report.notes]
        return "\n".join(out)

    # ----------------------------------------------------------------- HTML
    def _repr_html_(self) -> str:
        parts = [f'<div class="xent-kit" style="{_STYLE}">']
        parts += [f'<p style="background:#fff4ce;padding:.4rem .6rem"><strong>'
                  f'{_esc(unrun_sentence(f))}</strong></p>' for f in self.unrun]
        parts.append(f"<p><strong>{_esc(self.score_line())}</strong></p>")
        parts.append(self._table())
        for message, cases in self.groups():
            parts.append(self._group(message, cases))
        if self.stubs():
            parts.append(f"<p>Not implemented yet: <code>{_esc(', '.join(self.stubs()))}</code> "
                         "(it still raises <code>NotImplementedError</code>).</p>")
        parts += [f'<p style="color:#57606a">note: {_esc(n)}</p>' for n in self.report.notes]
        parts.append("</div>")
        return "\n".join(parts)

    def _table(self) -> str:
        cell = 'style="padding:.1rem .8rem .1rem 0;text-align:left"'
        rows = [f"<tr><th {cell}>status</th><th {cell}>check</th><th {cell}>points</th></tr>"]
        for r in self.report.results:
            colour = _COLOUR.get(r.status, "#b42318")
            hidden = " (hidden)" if r.hidden else ""
            rows.append(f'<tr class="xent-{r.status.value}"><td {cell}><span style="color:{colour}">'
                        f"{_esc(_LABEL[r.status])}</span></td><td {cell}><code>{_esc(r.name)}"
                        f"</code>{hidden}</td><td {cell}>{r.points:g} / {r.max_points:g}</td></tr>")
        for name, points in self.later:
            rows.append(f'<tr class="xent-later"><td {cell}>graded later</td><td {cell}><code>'
                        f"{_esc(name)}</code> (hidden)</td><td {cell}>&ndash; / {points:g}</td></tr>")
        return '<table class="xent-checks" style="border-collapse:collapse">' + "".join(rows) + "</table>"

    def _group(self, message: str, cases: list[tuple[CheckResult, str]]) -> str:
        diagnosis, _, hint = message.partition("\nHint:")
        out = ['<div class="xent-failure" style="border-left:3px solid #b42318;'
               'padding:.2rem .8rem;margin:.8rem 0">',
               f'<p class="xent-diagnosis">{_esc(diagnosis)}</p>']
        if hint:
            out.append(f'<p class="xent-hint"><strong>Hint:</strong> {_esc(hint.strip())}</p>')
        for r, own in cases:
            out.append(f"<p><code>{_esc(r.name)}</code> [{r.points:g}/{r.max_points:g}]"
                       + (f" {_esc(own)}" if own else "") + "</p>")
            example = r.counterexample
            if example is None:
                out.append(f"<p>{_esc(' '.join(_evidence(r)) or 'No failing case is shown.')}</p>")
                continue
            rows = [("call", example.call, "")]
            if example.expected is not None:
                rows.append(("expected", example.expected, example.note or ""))
            if example.got is not None:
                rows.append(("got", example.got, ""))
            out.append('<table class="xent-case" style="font-family:var(--jp-code-font-family,'
                       'monospace);border-collapse:collapse">' + "".join(
                           f'<tr><td style="padding-right:1rem;text-align:left">{label}</td>'
                           f'<td style="text-align:left"><code>{_esc(v)}</code></td>'
                           f'<td style="padding-left:1rem;color:#57606a;text-align:left">{_esc(n)}</td>'
                           "</tr>" for label, v, n in rows) + "</table>")
            out.append('<pre class="xent-paste" style="background:#f6f8fa;padding:.4rem;'
                       f'margin:.3rem 0" title="paste into a cell to try it">{_esc(example.call)}'
                       "</pre>")
        out.append("</div>")
        return "\n".join(out)


def _evidence(r: CheckResult) -> list[str]:
    from .text import evidence_lines

    return evidence_lines(r)


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _sum(values) -> float:
    return round(sum(values), 6)


def _count(n: float, noun: str) -> str:
    return f"{n:g} {noun}" if n == 1 else f"{n:g} {noun}s"


__all__ = ["Feedback", "WIDTH", "unrun_sentence"]
