"""The pytest self-check: one item per check, failures worded as in the CLI, no tracebacks."""

from __future__ import annotations

import json

import pytest

from autograder.checks import CATALOGUE

from .conftest import REFERENCE_STUDENT

pytest_plugins = ["pytester"]

N_ENTROPY = len(CATALOGUE["entropy"])


def notebook(cells: list[str], grades: tuple[str, ...] = ("entropy",)) -> str:
    code = [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
             "source": src} for src in cells]
    code += [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
              "source": f'from autograder.notebook import grade\ngrade("{f}")'} for f in grades]
    return json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": code})


def test_submission_option_makes_one_item_per_check(pytester: pytest.Pytester):
    result = pytester.runpytest("-p", "no:cacheprovider", "--submission", str(REFERENCE_STUDENT))
    result.assert_outcomes(passed=sum(len(c) for c in CATALOGUE.values()))


def test_a_notebook_on_the_command_line_is_checked_for_its_functions(pytester: pytest.Pytester):
    pytester.makefile(".ipynb", work=notebook([
        "import numpy as np",
        "def entropy(p, base=None):\n    h = -np.sum(p * np.log(p))\n"
        "    return h if base is None else h / np.log(base)",
        "entropy(np.array([0.5, 0.5]))",
    ]))
    result = pytester.runpytest("-p", "no:cacheprovider", "work.ipynb")
    outcomes = result.parseoutcomes()
    assert outcomes["passed"] + outcomes["failed"] == N_ENTROPY
    assert outcomes["failed"] >= 2
    text = result.stdout.str()
    assert "Failing case: entropy(p=[0.5, 0.5, 0.0])" in text
    assert "got:      nan" in text
    assert "Hint:" in text
    assert "Traceback" not in text and "autograder/" not in text


def test_notebooks_pytest_walks_past_are_not_collected(pytester: pytest.Pytester):
    pytester.makefile(".ipynb", work=notebook(["x = 1"]))
    pytester.makepyfile(test_something="def test_one():\n    assert True\n")
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_unreadable_submission_is_one_failing_item(pytester: pytest.Pytester):
    pytester.makefile(".ipynb", broken="{oops")
    result = pytester.runpytest("-p", "no:cacheprovider", "broken.ipynb")
    result.assert_outcomes(failed=1)
    assert "could not be read" in result.stdout.str()


def test_the_kit_is_not_marked_for_assert_rewriting(monkeypatch):
    """A wheel install of the kit is a pytest plugin's distribution, so pytest would rewrite every
    module of it from source on each run that writes no bytecode; the plugin unmarks the kit."""
    import sys

    from autograder import pytest_plugin

    class Hook:  # what pytest's assertion-rewriting import hook keeps
        _must_rewrite = {"autograder", "solutions", "anyio"}

    hook = Hook()
    monkeypatch.setattr(sys, "meta_path", [hook, *sys.meta_path])
    pytest_plugin._rewrite_less()
    assert hook._must_rewrite == {"anyio"}  # another plugin's marks are its own business
