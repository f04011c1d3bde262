"""The class outputs: CSV, Gradescope JSON, HTML and Markdown feedback, the class report, and the
per-report JSON that all of them are rebuilt from."""

from __future__ import annotations

import csv
import io
import json

import pytest

from autograder.model import CheckResult, Counterexample, Report, Status
from autograder.render import class_report, gradescope, html, markdown
from autograder.render import csv as render_csv
from autograder.render.json import report_from_dict, report_record, student_view
from autograder.runner import grade_path

from .conftest import REFERENCE_STUDENT

SCRIPT = "<script>alert('x')</script>"
SECRET = "SECRET_HIDDEN_INPUT"


def _report(name: str = "student.py") -> Report:
    return Report(name, (
        CheckResult("entropy.basic", "entropy", 2.0, 2.0, Status.PASSED, "All cases agree."),
        CheckResult("entropy.zero_probability", "entropy", 2.0, 0.0, Status.FAILED,
                    f"Bad: {SCRIPT}",
                    Counterexample(f"entropy(p={SCRIPT!r})", "0.5", "nan", "nan_from_zero"),
                    warnings=("RuntimeWarning: invalid value encountered in multiply",)),
        CheckResult("entropy.random", "entropy", 3.0, 0.0, Status.FAILED, "Wrong on a hidden case.",
                    Counterexample(f"entropy(p={SECRET})", "1.0", "2.0", "swapped_arguments"),
                    hidden=True),
        CheckResult("bernoulli_mle.basic", "bernoulli_mle", 10.0, 0.0, Status.NOT_IMPLEMENTED,
                    "Not implemented yet."),
    ), notes=(f"dropped a cell: {SCRIPT}",), elapsed=0.25)


def test_report_round_trips_through_json():
    report = _report()
    again = report_from_dict(json.loads(json.dumps(report_record(report))))
    assert again == report
    assert again.results[1].warnings == report.results[1].warnings


def test_a_graded_report_round_trips():
    report = grade_path(REFERENCE_STUDENT.parent / "buggy" / "entropy__epsilon_in_log.py",
                        redact=False)
    assert report_from_dict(json.loads(json.dumps(report_record(report)))) == report


def test_student_view_drops_hidden_counterexamples_only():
    view = student_view(_report())
    assert view.results[2].counterexample is None
    assert view.results[1].counterexample is not None


def test_csv_header_and_rows_sorted_by_student():
    other = Report("b.py", (CheckResult("entropy.basic", "entropy", 10.0, 7.5, Status.FAILED, "m"),))
    text = render_csv.render({"zed": _report(), "amy": other})
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["student", "entropy", "bernoulli_mle", "late_days", "penalty", "final",
                       "submitted", "outcome", "flags", "total", "max"]
    assert rows[1] == ["amy", "7.5", "", "0", "0", "7.5", "", "graded", "", "7.5", "10"]
    assert rows[2] == ["zed", "2", "0", "0", "0", "2", "", "graded", "", "2", "17"]


def test_gradescope_results_format():
    data = json.loads(gradescope.render(_report()))
    assert data["score"] == 2.0 and data["max_score"] == 17.0
    assert isinstance(data["execution_time"], float)
    assert len(data["tests"]) == 4
    for test in data["tests"]:
        assert set(test) == {"name", "score", "max_score", "status", "output", "visibility"}
        assert isinstance(test["score"], float) and isinstance(test["max_score"], float)
        assert test["status"] in ("passed", "failed")
        assert isinstance(test["output"], str)
    assert [t["visibility"] for t in data["tests"]] == ["visible", "visible", "after_published",
                                                         "visible"]
    assert [t["status"] for t in data["tests"]] == ["passed", "failed", "failed", "failed"]
    assert "Failing case: entropy(p=" in data["tests"][1]["output"]
    assert SECRET not in json.dumps(data)
    assert "Wrong on a hidden case." in data["tests"][2]["output"]


@pytest.mark.parametrize("render", [html.render, class_report.render])
def test_html_escapes_everything_from_the_report(render):
    page = render(_report()) if render is html.render else render({f"x{SCRIPT}": _report()})
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_student_facing_files_never_show_hidden_inputs():
    report = _report()
    for text in (html.render(report), markdown.render(report), gradescope.render(report)):
        assert SECRET not in text
        assert "entropy.random" in text
    assert SECRET in class_report.render({"s": report})  # the instructor's page shows it


def test_markdown_feedback_shows_the_failing_call_in_a_code_block():
    text = markdown.render(_report(), student="s1")
    assert text.startswith("# Feedback for s1\n")
    assert "**Score: 2 / 17**" in text
    assert "```\nFailing case: entropy(p=" in text


def test_class_report_is_one_self_contained_page():
    reports = {"a": _report(), "b": _report()}
    page = class_report.render(reports)
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 3
    assert "src=" not in page and "<link" not in page
    for title in ("Scores of 2 submissions", "Pass rate per check", "Most common diagnoses"):
        assert f">{title}</title>" in page  # each figure is labelled, its text is text
    assert "<title>entropy.basic: 100% of 2 students pass</title>" in page
    assert ">score (% of the maximum)</text>" in page
    assert "nan_from_zero" in page and "swapped_arguments" in page
    diagnoses = class_report.common_diagnoses(reports)
    assert [(d.key, d.students) for d in diagnoses] == [("nan_from_zero", 2),
                                                        ("swapped_arguments", 2)]
    assert class_report.pass_rates(reports)[0] == ("entropy.basic", 1.0, 2)
