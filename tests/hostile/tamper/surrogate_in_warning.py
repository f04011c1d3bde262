# trick: emit warnings whose text holds lone surrogates and raw HTML, which reports keep as
#        feedback
# targets: score, neighbours, batch, its_report, grades
# slow: yes
import warnings

class _Keep:  # runs before the def below replaces the baseline's
    globals()["_baseline_entropy"] = globals()["entropy"]


def entropy(p, base=None):
    warnings.warn("surrogate \udc80 and <script>alert(1)</script>")
    return _baseline_entropy(p, base)
