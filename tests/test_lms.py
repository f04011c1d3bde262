"""Gradebook import files for Canvas and Moodle, from the reports ``grade`` saved."""

from __future__ import annotations

import csv
import io

from autograder import lms
from autograder.model import CheckResult, Report, Status


def _report(name: str, entropy: float, kl: float) -> Report:
    results = (CheckResult("entropy.basic", "entropy", 10, entropy, Status.PASSED, ""),
               CheckResult("kl_divergence.basic", "kl_divergence", 10, kl, Status.FAILED, ""))
    return Report(name, results)


REPORTS = {"bob": _report("bob", 10, 4), "alice": _report("alice", 10, 10)}


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_canvas_without_a_roster_has_canvas_columns_and_points_possible():
    text, unknown = lms.canvas(REPORTS, assignment="Notebooks (1234)")
    rows = _rows(text)
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                       "Notebooks (1234)"]
    assert rows[1][0] == "Points Possible" and rows[1][-1] == "20"
    assert rows[2:] == [["alice", "", "", "alice", "", "20"], ["bob", "", "", "bob", "", "14"]]
    assert unknown == []


def test_canvas_with_a_roster_copies_canvas_ids_and_leaves_strangers_out():
    roster = ("\ufeffStudent,ID,SIS User ID,SIS Login ID,Section,Quiz 1 (99)\n"
              "Points Possible,,,,,5\n"
              '"Liddell, Alice",1001,S1,alice,Sec A,5\n'
              '"Builder, Bob",1002,S2,bobby,Sec B,3\n')
    text, unknown = lms.canvas(REPORTS, assignment="Notebooks", roster=roster)
    rows = _rows(text)
    assert rows[2] == ["Liddell, Alice", "1001", "S1", "alice", "Sec A", "20"]
    assert len(rows) == 3 and unknown == ["bob"]  # bob's login is bobby: not guessed


def test_moodle_has_username_points_and_feedback():
    rows = _rows(lms.moodle(REPORTS, assignment="Notebooks"))
    assert rows[0] == ["Username", "Notebooks", "Notebooks feedback"]
    assert rows[1][:2] == ["alice", "20"]
    assert rows[2][:2] == ["bob", "14"] and "kl_divergence 4/10" in rows[2][2]


def test_a_roster_without_canvas_columns_is_refused():
    try:
        lms.canvas(REPORTS, assignment="x", roster="name,score\nalice,1\n")
    except ValueError as error:
        assert "export the gradebook from Canvas" in str(error)
    else:
        raise AssertionError("a roster without ids was accepted")
