"""What a class's grading leaves on record: submission times, late penalties, the end-of-run
summary, and what changed since an earlier run (``grade --compare OLD_OUT``).

Late policy (``--due`` and ``--late-penalty``): a submission is late when its nbgrader
``timestamp.txt`` is after the due time. It loses ``--late-penalty`` percent of its score for
every started day late (24 hours; one second late counts as one day), at most ``--late-cap``
percent (default 100). A submission without a timestamp is never penalised, and the summary
names it. The penalty is applied when the outputs are written, never stored in the reports, so
rerunning with another policy rewrites ``grades.csv`` without regrading anyone.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Mapping

from .model import Report

TIMESTAMP = "timestamp.txt"
DAY = 86400.0
_ZONE = re.compile(r"\s*(UTC|GMT|Z)$", re.I)


# ------------------------------------------------------------------------------ timestamps


def parse_time(text: str) -> datetime:
    """An ISO-like time (``2026-03-01 23:59``, ``...T23:59:00+01:00``, ``... UTC``) as an aware
    datetime; a time without a zone is UTC. Raises :class:`ValueError` with a sentence."""
    raw = text.strip()
    cleaned = _ZONE.sub("", raw)
    zoned = cleaned != raw
    try:
        when = datetime.fromisoformat(cleaned)
    except ValueError:
        parts = cleaned.rsplit(" ", 1)  # nbgrader may end with a zone name
        try:
            when = datetime.fromisoformat(parts[0])
            if len(parts) == 2:
                from zoneinfo import ZoneInfo
                when = when.replace(tzinfo=ZoneInfo(parts[1]))
        except Exception:  # noqa: BLE001 - one sentence, whatever went wrong
            raise ValueError(f"{text[:60]!r} is not a time like 2026-03-01 23:59 "
                             "(ISO 8601, UTC unless a zone is given)") from None
    if when.tzinfo is None or zoned:
        when = when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when
    return when


def submission_time(path: Path) -> str | None:
    """The time in nbgrader's ``timestamp.txt`` in a submission folder, as ISO 8601 UTC."""
    if not path.is_dir():
        return None  # a single file has no timestamp.txt of its own
    file = path / TIMESTAMP
    try:
        if file.is_symlink() or not file.is_file() or file.stat().st_size > 200:
            return None
        when = parse_time(file.read_text(encoding="utf-8", errors="replace"))
    except (OSError, ValueError):
        return None
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


@dataclass(frozen=True)
class LatePolicy:
    due: datetime
    percent_per_day: float
    cap_percent: float = 100.0

    def days_late(self, submitted: str | None) -> int:
        if not submitted:
            return 0
        seconds = (parse_time(submitted) - self.due) / timedelta(seconds=1)
        return max(0, math.ceil(seconds / DAY))

    def penalty_percent(self, submitted: str | None) -> float:
        return min(self.cap_percent, self.percent_per_day * self.days_late(submitted))

    def describe(self) -> str:
        return (f"due {self.due.isoformat(timespec='minutes')}; {self.percent_per_day:g}% of the "
                f"score per started day late, at most {self.cap_percent:g}%")


def late_fields(report: Report, submitted: str | None, policy: LatePolicy | None) -> dict:
    """``late_days``, ``penalty`` (points) and ``final`` (the score after the penalty)."""
    if policy is None:
        return {"late_days": 0, "penalty": 0.0, "final": report.score}
    percent = policy.penalty_percent(submitted)
    penalty = round(report.score * percent / 100, 6)
    return {"late_days": policy.days_late(submitted), "penalty": penalty,
            "final": round(report.score - penalty, 6)}


def late_note(fields: dict, policy: LatePolicy | None) -> str | None:
    if policy is None or not fields["late_days"]:
        return None
    days = fields["late_days"]
    return (f"Submitted {days} day{'s' if days != 1 else ''} late ({policy.describe()}): "
            f"{fields['penalty']:g} points deducted, {fields['final']:g} recorded.")


# ------------------------------------------------------------------------------ summary


def summary(records: Mapping[str, dict], reports: Mapping[str, Report], *,
            policy: LatePolicy | None = None) -> str:
    """The end-of-run summary: score distribution, then who needs the instructor's eyes."""
    lines = [f"Summary of {len(reports)} submissions"]
    if reports:
        top = max(r.max_score for r in reports.values()) or 1
        bins = [0] * 5
        for r in reports.values():
            fraction = r.score / r.max_score if r.max_score else 0.0
            bins[min(4, int(fraction * 5))] += 1
        scores = sorted(r.score for r in reports.values())
        full = sum(1 for r in reports.values() if r.results and r.score == r.max_score)
        lines.append(f"  scores: min {scores[0]:g}, median {scores[len(scores) // 2]:g}, "
                     f"max {scores[-1]:g} (of {top:g}); {full} with full marks")
        width = max(bins) or 1
        for i, count in enumerate(bins):
            low, high = 20 * i, 20 * (i + 1)
            label = f"{low:>3}-{high}%" if i < 4 else " 80-100%"
            lines.append(f"  {label:<9}{'#' * round(20 * count / width):<21}{count}")
    groups: dict[str, list[str]] = {}
    for student, record in records.items():
        groups.setdefault(record.get("outcome", "graded"), []).append(student)
    for outcome in ("blank", "unreadable", "partly unreadable", "errored"):
        names = groups.get(outcome, [])
        lines.append(f"  {outcome + ':':<19}{len(names):>3}  {_names(names)}".rstrip())
    flagged = [s for s, r in records.items() if r.get("flags")]
    lines.append(f"  {'flagged:':<19}{len(flagged):>3}  {_names(flagged)}".rstrip())
    for student in flagged[:10]:
        lines.append(f"    {student}: {'; '.join(records[student]['flags'][:3])}")
    if policy is not None:
        late = [s for s, r in records.items() if policy.days_late(r.get("submitted"))]
        untimed = [s for s, r in records.items() if not r.get("submitted")]
        lines.append(f"  {'late:':<19}{len(late):>3}  {_names(late)}".rstrip())
        if untimed:
            lines.append(f"  {'no timestamp:':<19}{len(untimed):>3}  {_names(untimed)}")
    return "\n".join(lines)


def _names(names: list[str], shown: int = 12) -> str:
    rest = len(names) - shown
    return ", ".join(names[:shown]) + (f", and {rest} more" if rest > 0 else "")


# ------------------------------------------------------------------------------ compare


def compare(old: Mapping[str, Report], new: Mapping[str, Report]) -> str:
    """Per student, what changed: old -> new points per function and the checks that moved."""
    lines = []
    for student in sorted(set(old) | set(new)):
        if student not in new:
            lines.append(f"{student}: no longer graded (was {old[student].score:g})")
            continue
        if student not in old:
            lines.append(f"{student}: new, {new[student].score:g}/{new[student].max_score:g}")
            continue
        a, b = old[student], new[student]
        changes = []
        for function in dict.fromkeys(a.functions() + b.functions()):
            was, now = a.function_score(function)[0], b.function_score(function)[0]
            before = {r.name: r for r in a.by_function(function)}
            after = {r.name: r for r in b.by_function(function)}
            moved = [f"{name} {_state(before.get(name))} -> {_state(after.get(name))}"
                     for name in dict.fromkeys([*before, *after])
                     if _state(before.get(name)) != _state(after.get(name))]
            if was != now or moved:
                changes.append(f"  {function} {was:g} -> {now:g}"
                               + (f" ({', '.join(moved)})" if moved else ""))
        if changes:
            lines.append(f"{student}: {a.score:g} -> {b.score:g}")
            lines += changes
    return "\n".join(lines) if lines else "No student's points or checks changed."


def _state(result) -> str:
    if result is None:
        return "absent"
    return f"{result.status.value} {result.points:g}/{result.max_points:g}"
