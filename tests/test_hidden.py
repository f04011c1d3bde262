"""Hidden means hidden: nothing a student's code says during a hidden call reaches any output.

The submission below puts the first numbers of every input it sees, marked ``LEAK``, into
everything it can control: the exception's message, the exception's type name, its source
line, a returned string, printed output and a warning. Hidden checks must add no ``LEAK`` to
any student-facing output of the report, in any format.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from dataclasses import replace

from autograder import runner
from autograder.loader import load_submission
from autograder.render import gradescope, html, markdown, text
from autograder.render import json as render_json

LEAKER = '''
import warnings
import numpy as np

def _tag(*args):
    """The first numbers of the inputs, as repr() writes them."""
    flat = []
    for a in args:
        flat += [repr(float(x)) for x in np.ravel(np.asarray(a, dtype=float))[:2]]
    return "LEAK" + "|".join(flat)

def _loud(*args):
    tag = _tag(*args)
    print(tag)
    warnings.warn(tag)
    return tag

def entropy(p, base=None):
    tag = _loud(p)
    raise ValueError(repr(p) + tag)

def kl_divergence(p, q):
    tag = _loud(p, q)
    name = "E" + "".join(c if c.isalnum() else "_" for c in tag)
    raise type(name, (ValueError,), {})(tag)

def cross_entropy(p, q):
    return "the inputs were " + _loud(p, q)

def binary_cross_entropy(y, y_hat):
    raise RuntimeError(_loud(y, y_hat))  # LEAK: the `where` line shows this source line

def bernoulli_log_likelihood(x, theta):
    raise ZeroDivisionError(_loud(x, [theta]))

def bernoulli_mle(x):
    return float("nan") if _loud(x) else 0.0
'''


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    path = tmp_path_factory.mktemp("leak") / "hw.py"
    path.write_text(textwrap.dedent(LEAKER))
    sub = load_submission(path)
    return (runner.grade_submission(sub, redact=True), runner.grade_submission(sub, redact=False))


def _without_hidden(report):
    return replace(report, results=tuple(r for r in report.results if not r.hidden))


def test_no_student_text_from_a_hidden_call_reaches_any_output(reports):
    """Every format shows exactly as much of the student's text (marked LEAK) with the hidden
    checks as without them: public checks show it, hidden ones add none."""
    student, instructor = reports
    renders = {
        "json": lambda r: render_json.render(r),
        "text": lambda r: text.render(r, verbose=True),
        "gradescope": lambda r: gradescope.render(r),
        "html": lambda r: html.render(r),
        "markdown": lambda r: markdown.render(r),
    }
    for name, render in renders.items():
        report = student if name in ("json", "text") else instructor
        shown, public = render(report).count("LEAK"), render(_without_hidden(report)).count("LEAK")
        assert shown == public, f"{name}: hidden checks show the student's text"
    assert text.render(student).count("LEAK") > 0  # the public checks do: the test can fail
    hidden = [r for r in instructor.results if r.hidden]
    assert hidden and all(r.status.value != "passed" for r in hidden)


def test_a_hidden_checks_message_is_a_fixed_sentence(reports):
    student, _ = reports
    messages = {r.name: r.message for r in student.results if r.hidden}
    assert messages and all("\n" not in m and len(m) < 100 for m in messages.values())
    assert messages["entropy.random"] == "On one of the hidden inputs the function raised ValueError."
    # a class of the student's own is not named: its name carries the inputs
    assert messages["kl_divergence.random"] == (
        "On one of the hidden inputs the function raised an exception.")
    assert messages["cross_entropy.random"] == (
        "On one of the hidden inputs the result is not the reference's answer.")
    for r in student.results:
        if r.hidden:
            assert r.counterexample is None and not r.warnings
