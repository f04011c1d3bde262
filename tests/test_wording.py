"""Every diagnosis the grader can name has words, and every message has a hint."""

from autograder import diagnosis, wording


def test_every_diagnosis_has_a_why_and_a_hint():
    for key, words in wording.DIAGNOSES.items():
        assert words.why.endswith(".") and words.hint.endswith("."), key
        assert words.why[0].isupper() and words.hint[0].isupper(), key


def test_explain_puts_detail_between_why_and_hint():
    text = wording.explain("nan_from_zero", "some detail")
    lines = text.splitlines()
    assert lines[0] == wording.DIAGNOSES["nan_from_zero"].why
    assert lines[1] == "some detail"
    assert lines[-1].startswith("Hint: ")


def test_unknown_key_falls_back_to_a_generic_message():
    assert wording.words("no_such_key") == wording.DIAGNOSES["mismatch"]


def test_exception_keys_are_worded():
    for exc, msg in [("NotImplementedError", ""), ("ValueError", "math domain error"),
                     ("ZeroDivisionError", "division by zero"),
                     ("TypeError", "entropy() takes 1 positional argument but 2 were given"),
                     ("KeyError", "'x'")]:
        assert diagnosis.diagnose_exception(exc, msg) in wording.DIAGNOSES


def test_every_key_the_diagnosis_module_can_return_is_worded():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(diagnosis))
    keys = {node.value for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and node.value.replace("_", "").isalpha() and node.value.islower() and "_" in node.value}
    keys -= {"add", "clip"}
    missing = {k for k in keys if k not in wording.DIAGNOSES and not k.startswith(("bernoulli", "binary", "cross", "kl_"))}
    assert not missing, missing
