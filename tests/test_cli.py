"""The command line: exit codes, the JSON interface, and clear messages for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from autograder import cli
from autograder.checks import CATALOGUE, FUNCTIONS

from .conftest import REFERENCE_STUDENT

STATUSES = {"passed", "failed", "error", "timeout", "not_implemented"}


def run_cli(capsys, *args):
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_reference_student_file_passes_with_exit_0(capsys):
    code, out, _ = run_cli(capsys, "check", str(REFERENCE_STUDENT))
    assert code == 0
    assert "Score: 90/90" in out


def test_json_report_has_the_documented_shape(capsys):
    code, out, _ = run_cli(capsys, "check", str(REFERENCE_STUDENT), "--json")
    data = json.loads(out)
    assert code == 0
    assert {"score", "max_score", "checks"} <= data.keys()
    assert data["score"] == data["max_score"] == 90
    names = [c["name"] for c in data["checks"]]
    assert names == [c.name for f in FUNCTIONS for c in CATALOGUE[f]]
    for check in data["checks"]:
        assert {"name", "function", "points", "max_points", "status", "message"} <= check.keys()
        assert check["status"] in STATUSES


def test_empty_file_scores_zero_with_every_check_not_implemented(capsys, write_submission):
    code, out, _ = run_cli(capsys, "check", str(write_submission("")), "--json")
    data = json.loads(out)
    assert code == 1
    assert data["score"] == 0 and data["max_score"] == 90
    assert {c["status"] for c in data["checks"]} == {"not_implemented"}


def test_stubs_score_zero_and_say_not_implemented(capsys, write_submission):
    stubs = "\n".join(f"def {f}(*args):\n    raise NotImplementedError()\n" for f in FUNCTIONS)
    code, out, _ = run_cli(capsys, "check", str(write_submission(stubs)))
    assert code == 1
    assert "Not implemented yet: entropy, kl_divergence" in out
    assert "Score: 0/90" in out


@pytest.mark.parametrize("name, content, message", [
    ("broken.ipynb", "{not json", "not valid JSON"),
    ("missing.py", None, "does not exist"),
])
def test_unreadable_input_exits_2_with_a_sentence(capsys, tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    code, out, err = run_cli(capsys, "check", str(path))
    assert code == 2
    assert out == ""
    assert message in err and "Traceback" not in err


def test_unknown_function_and_bad_arguments_exit_2(capsys):
    code, _, err = run_cli(capsys, "check", str(REFERENCE_STUDENT), "--functions", "entropie")
    assert code == 2 and "unknown function 'entropie'" in err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check"])
    assert exit_info.value.code == 2


def test_syntax_error_is_a_note_and_the_functions_are_missing(capsys, write_submission):
    code, out, _ = run_cli(capsys, "check", str(write_submission("def entropy(p:\n    return 0\n")))
    assert code == 1
    assert "syntax" in out.lower()
    assert "Score: 0/90" in out


def test_a_renamed_function_is_pointed_out(capsys, write_submission):
    path = write_submission("def entropy_(p, base=None):\n    return 0.0\n")
    assert cli.main(["check", str(path), "--functions", "entropy"]) == 1
    out = capsys.readouterr().out
    assert "no function named entropy, but there is entropy_" in out
    assert "not implemented" in out


def test_limits_are_options_and_a_slow_function_times_out(capsys, write_submission):
    path = write_submission("import time\ndef entropy(p, base=None):\n    time.sleep(30)\n")
    code, out, _ = run_cli(capsys, "check", str(path), "--functions", "entropy",
                           "--call-seconds", "0.3", "--submission-seconds", "0.2")
    assert code == 1
    assert "did not finish within 0.3 s" in out
    assert "whole time budget (0.2 s" in out
    assert run_cli(capsys, "check", str(path), "--call-seconds", "0")[0] == 2


def test_isolation_names_the_level_reached(capsys):
    code, out, _ = run_cli(capsys, "isolation")
    first = out.splitlines()[0]
    assert first.partition(":")[0] in ("full", "uid only", "namespaces only", "none")
    assert code == (1 if first.startswith("none") else 0)
    if os.geteuid() == 0 and "private mount" in out:
        assert first.startswith("full: namespaces + own uid")
        assert "no network" in out and "\n  uid " in out
        assert any(line.strip().startswith("hidden ") and "solutions" in line
                   for line in out.splitlines())


def test_wrong_signature_is_named(capsys, write_submission):
    source = "import numpy as np\ndef entropy(p):\n    p = p[p > 0]\n    return float(-np.sum(p * np.log(p)))\n"
    code, out, _ = run_cli(capsys, "check", str(write_submission(source)), "--functions", "entropy",
                           "--json")
    checks = {c["name"]: c for c in json.loads(out)["checks"]}
    assert checks["entropy.basic"]["status"] == "passed"
    assert checks["entropy.base"]["status"] == "error"
    assert checks["entropy.base"]["counterexample"]["diagnosis"] == "wrong_signature"


@pytest.mark.parametrize("returned, words", [
    ("[0.5]", "a list of length 1"),
    ("None", "None (did the function forget to return?)"),
    ("'0.69'", "the string '0.69'"),
    ("0.69 + 0j", "the complex number"),
    ("np.array([0.69, 0.0])", "a NumPy array of shape (2,)"),
    ("np.zeros((1, 1))", "a NumPy array of shape (1, 1)"),
    ("True", "an object of type bool"),
])
def test_wrong_return_types_fail_with_a_clear_message(capsys, write_submission, returned, words):
    source = f"import numpy as np\ndef entropy(p, base=None):\n    return {returned}\n"
    code, out, _ = run_cli(capsys, "check", str(write_submission(source)), "--functions", "entropy",
                           "--json")
    basic = json.loads(out)["checks"][0]
    assert code == 1
    assert basic["status"] == "failed"
    assert basic["counterexample"]["diagnosis"] == "wrong_type"
    assert words in basic["message"]


def test_list_prints_every_check(capsys):
    code, out, _ = run_cli(capsys, "list")
    assert code == 0
    assert len(out.splitlines()) == sum(len(c) for c in CATALOGUE.values())
    assert "entropy.zero_probability" in out and "hidden" in out


def test_python_dash_m_runs_and_exits_1_on_failures(write_submission):
    bug = textwrap.dedent("""
        import numpy as np
        def bernoulli_mle(x):
            return (np.sum(x) + 1) / (len(x) + 2)
    """)
    done = subprocess.run([sys.executable, "-m", "autograder", "check",
                           str(write_submission(bug)), "--functions", "bernoulli_mle"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "Laplace" in done.stdout
    assert "Failing case: bernoulli_mle(x=[1, 0, 1, 1])" in done.stdout
    assert done.stderr == ""
